"""Tags of the paginated, sortable lists: page numbers with gaps and sortable column headers."""

from django import template
from django.http import QueryDict
from django.template import engines
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from naleving.common.filters import SORT_PARAM

register = template.Library()

ARIA_SORT = {"": "ascending", "-": "descending"}


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers to link to, with "…" for the gaps: ``1 … 7 8 9 … 40``."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))


@register.simple_tag(takes_context=True)
def sort_header(context, label: str, name: str, numeric: bool = False):
    """A column header that sorts the list by ``name``: ascending first, descending on the next click.

    The link keeps the filters of the list (``query_string``, without the page); the sorted header says
    its direction to assistive technology with ``aria-sort``."""
    current = context["request"].GET.get(SORT_PARAM, "")
    params = QueryDict(context.get("query_string", ""), mutable=True)
    # A search term typed into the address (``?q=``) is not echoed into every header: the search form posts
    # and its term travels as an opaque key (``?zoek=``), which the links keep.
    params.pop("q", None)
    params[SORT_PARAM] = f"-{name}" if current == name else name
    css = "utrecht-table__header-cell" + (" utrecht-table__header-cell--numeric-column" if numeric else "")
    if current.lstrip("-") != name:
        return format_html(
            '<th scope="col" class="{}"><a class="utrecht-link nl-sort" href="?{}">{}</a></th>',
            css,
            params.urlencode(),
            label,
        )
    return format_html(
        '<th scope="col" class="{}" aria-sort="{}"><a class="utrecht-link nl-sort" href="?{}">{}'
        ' <span class="nl-sort__arrow" aria-hidden="true">{}</span></a></th>',
        css,
        ARIA_SORT[current[:1] if current.startswith("-") else ""],
        params.urlencode(),
        label,
        "▼" if current.startswith("-") else "▲",
    )


@register.simple_tag
def rows(template_name: str, page, **extra):
    """The ``<tr>`` of a list's page, rendered by the Jinja2 template ``template_name`` (ADR 0036) with the
    page's rows as ``rows`` and ``extra`` beside them. Jinja2 has escaped every value in them
    (``common.jinja``), so the HTML it gives is safe."""
    return mark_safe(engines["jinja2"].get_template(template_name).render({"rows": page, **extra}))
