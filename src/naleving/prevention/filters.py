import django_filters

from naleving.prevention.models import InterventionKind, PreventiveIntervention


class InterventionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="Soort", choices=InterventionKind.choices)
    occurred_from = django_filters.DateFilter(label="Vanaf", field_name="occurred_on", lookup_expr="gte")

    class Meta:
        model = PreventiveIntervention
        fields = ["kind"]
