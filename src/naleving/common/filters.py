"""What the lists' filters share: sorting on the column headers (``?sorteer=``) and a yes/no filter
that offers "Alle" instead of "Onbekend".

Every choice filter offers one empty choice, "Alle" or "Alle <x>" (``FILTERS_EMPTY_CHOICE_LABEL``); a real
"none" value, where it means something, has its own clear name (for instance "Niet toegewezen").
"""

import django_filters
from django import forms

#: the query parameter of the sort order; a leading "-" sorts descending
SORT_PARAM = "sorteer"


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
