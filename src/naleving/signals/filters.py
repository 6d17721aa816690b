import django_filters

from naleving.common.filters import ListFilterSet, SortFilter
from naleving.signals.choices import Origin, Route, ViolationKind
from naleving.signals.models import Signal

ROUTE_CHOICES = [("geen", "Nog niet beoordeeld"), *Route.choices]


class SignalFilter(ListFilterSet):
    origin = django_filters.ChoiceFilter(
        label="Herkomst", choices=Origin.choices, empty_label="Alle herkomsten"
    )
    kind = django_filters.ChoiceFilter(
        label="Soort", choices=ViolationKind.choices, empty_label="Alle soorten"
    )
    # "geen": the signals nobody has triaged yet (the home page links to ?route=geen)
    route = django_filters.ChoiceFilter(
        label="Route", choices=ROUTE_CHOICES, method="filter_route", empty_label="Alle routes"
    )
    received_from = django_filters.DateFilter(
        label="Ontvangen vanaf", field_name="received_on", lookup_expr="gte"
    )
    received_to = django_filters.DateFilter(
        label="Ontvangen tot en met", field_name="received_on", lookup_expr="lte"
    )
    # No sorting on the resident: a signal whose resident is out of scope shows no name.
    sorteer = SortFilter(
        columns={
            "nummer": ("pk", "Nummer"),
            "ontvangen": ("received_on", "Ontvangen"),
            "herkomst": ("origin", "Herkomst"),
            "soort": ("kind", "Soort"),
            "route": ("route", "Route"),
        }
    )

    class Meta:
        model = Signal
        fields = ["origin", "kind", "route"]

    def filter_route(self, queryset, name, value):
        return queryset.filter(route="" if value == "geen" else value)
