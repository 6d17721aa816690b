"""Tags of the paginated, sortable lists: page numbers with gaps, sortable column headers, and the parts of
a list page rendered by Jinja2 (ADR 0036): its rows, its filter form with the saved filters, its paging."""

from django import template
from django.http import QueryDict
from django.template import engines
from django.template.context import Context
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


#: what the filter form, the saved filters and the pagination read of the page's context (as the Django
#: includes they replace did): a name the page does not have is left out, as an include left it empty
_PART_NAMES = (
    "request",
    "filter",
    "filter_label",
    "filter_method",
    "list_name",
    "saved_filters",
    "saved_filter_query",
    "saved_filter_name_max",
    "page_obj",
    "query_string",
    "anchor",
)


def _part(context: Context, template_name: str, options: dict) -> str:
    """The Jinja2 template ``template_name`` rendered with the page's context names it reads and ``options``
    over them (an include's ``with``); ``csrf_input`` is the page's own token as ``{% csrf_token %}`` writes
    it."""
    values = {name: context[name] for name in _PART_NAMES if name in context}
    values.update(options)
    token = context.get("csrf_token")
    values["csrf_input"] = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
        if token and token != "NOTPROVIDED"
        else ""
    )
    values["page_numbers"] = page_numbers
    return mark_safe(engines["jinja2"].get_template(template_name).render(values))


@register.simple_tag(takes_context=True)
def filter_form(context, **options):
    """The list's filter form and, below it, the user's saved filters of the list: ``filter_label`` names
    the form for assistive technology, ``filter_method="post"`` posts it (a BSN searched stays out of the
    URL)."""
    return _part(context, "includes/filter_form.html", options)


@register.simple_tag(takes_context=True)
def saved_filters_part(context, **options):
    """The user's saved filters of the list, and the form that saves the current one."""
    return _part(context, "includes/saved_filters.html", options)


@register.simple_tag(takes_context=True)
def pagination(context, **options):
    """The page links under a list (none for a single page), keeping its filters (``query_string``);
    ``anchor`` makes each link jump to that part of the page."""
    return _part(context, "includes/pagination.html", options)
