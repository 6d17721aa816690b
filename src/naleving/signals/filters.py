import django_filters

from naleving.signals.choices import Origin, Route, ViolationKind
from naleving.signals.models import Signal

ROUTE_CHOICES = [("geen", "Nog niet beoordeeld"), *Route.choices]


class SignalFilter(django_filters.FilterSet):
    origin = django_filters.ChoiceFilter(label="Herkomst", choices=Origin.choices)
    kind = django_filters.ChoiceFilter(label="Soort", choices=ViolationKind.choices)
    route = django_filters.ChoiceFilter(label="Route", choices=ROUTE_CHOICES, method="filter_route")
    received_from = django_filters.DateFilter(
        label="Ontvangen vanaf", field_name="received_on", lookup_expr="gte"
    )
    received_to = django_filters.DateFilter(
        label="Ontvangen tot en met", field_name="received_on", lookup_expr="lte"
    )

    class Meta:
        model = Signal
        fields = ["origin", "kind", "route"]

    def filter_route(self, queryset, name, value):
        return queryset.filter(route="" if value == "geen" else value)
