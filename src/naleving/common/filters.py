"""What the lists' filters share: sorting on the column headers (``?sorteer=``) and a yes/no filter
that offers "Alle" instead of "Onbekend".

Every choice filter offers one empty choice, "Alle" or "Alle <x>" (``FILTERS_EMPTY_CHOICE_LABEL``); a real
"none" value, where it means something, has its own clear name (for instance "Niet toegewezen").
"""

import copy

import django_filters
from django import forms
from django.http import QueryDict
from django_filters.filters import FilterMethod

#: the query parameter of the sort order; a leading "-" sorts descending
SORT_PARAM = "sorteer"


class ListFilterSet(django_filters.FilterSet):
    """django-filter's ``FilterSet``, made for each request at a fraction of the cost (every list page makes one).

    ``FilterSet`` deep-copies every filter for each request, choices, labels and all, and builds a new form class
    from them, whose instance copies each field again: the signal list's filters took 0.30 ms a page and the
    resident list's 0.49 ms (docs/benchmarks.md). Here each filter is copied shallowly with its own ``extra``
    (what a filterset changes per request, such as the choices of a user's colleagues) and its own method
    binding, and the form class is built once per filterset class from copies of the class's filters. Each
    form instance still gets its own copies of the fields (Django's ``Form``), so what a filterset sets on
    ``self.form.fields`` stays that request's own. ``common/tests/test_filters.py`` compares the form and
    the rows with django-filter's own for every list."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        model = queryset.model
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = type(self.base_filters)((name, _own(f)) for name, f in self.base_filters.items())
        for filter_ in self.filters.values():
            filter_.model = model
            filter_.parent = self

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            # from the class's filters as they are, not this request's (whose choices the filterset may have
            # changed): a request's own choices go on its form's own fields
            filters = copy.deepcopy(cls.base_filters)
            for filter_ in filters.values():
                filter_.model = cls._meta.model
            fields = {name: filter_.field for name, filter_ in filters.items()}
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            cls._form_class = form_class
        return form_class


def _own(filter_: django_filters.Filter) -> django_filters.Filter:
    """A copy of ``filter_`` for one filterset: its own ``extra``, and a method filter bound to the copy."""
    own = copy.copy(filter_)
    own.extra = dict(filter_.extra)
    if isinstance(own.__dict__.get("filter"), FilterMethod):
        own.filter = FilterMethod(own)
    return own


class SortFilter(django_filters.OrderingFilter):
    """Sorting by one column, ``?sorteer=<naam>`` or ``?sorteer=-<naam>`` (descending), with the primary key
    as tie-breaker, so that pages never repeat or skip a row. Without ``sorteer`` the list keeps its own
    default order (the selector's or the model's), with the primary key as tie-breaker too.

    ``columns`` maps each Dutch parameter value to the field (or fields) it sorts on and its label."""

    descending_fmt = "%s (aflopend)"

    def __init__(self, *, columns: dict[str, tuple[str | tuple[str, ...], str]], **kwargs):
        self.columns = {key: (f,) if isinstance(f, str) else tuple(f) for key, (f, _label) in columns.items()}
        kwargs.setdefault("label", "Sorteren op")
        kwargs.setdefault("empty_label", "Standaardvolgorde")
        super().__init__(
            fields=[(key, key) for key in columns],
            field_labels={key: label for key, (_f, label) in columns.items()},
            **kwargs,
        )

    def filter(self, qs, value):
        if not value:
            # the list's own order, with the primary key last, so equal rows keep their place between pages
            ordering = list(qs.query.order_by) or (
                list(qs.model._meta.ordering) if qs.query.default_ordering else []
            )
            return qs.order_by(*ordering, "pk") if ordering else qs
        key = value[0]
        descending = key.startswith("-")
        sign = "-" if descending else ""
        fields = self.columns[key.lstrip("-")]
        return qs.order_by(*(sign + f for f in fields), sign + "pk")


def yes_no_filter(label: str, **kwargs) -> django_filters.BooleanFilter:
    """A filter on a yes/no field: "Alle / Ja / Nee" (not Django's "Onbekend / Ja / Nee")."""
    widget = forms.Select(choices=[("", "Alle"), ("true", "Ja"), ("false", "Nee")])
    return django_filters.BooleanFilter(label=label, widget=widget, **kwargs)
