import django_filters

from naleving.common.filters import ListFilterSet, SortFilter
from naleving.prevention.models import InterventionKind, PreventiveIntervention


class InterventionFilter(ListFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Soort", choices=InterventionKind.choices, empty_label="Alle soorten"
    )
    occurred_from = django_filters.DateFilter(label="Vanaf", field_name="occurred_on", lookup_expr="gte")
    sorteer = SortFilter(
        columns={
            "datum": ("occurred_on", "Datum"),
            "inwoner": (("resident__family_name", "resident__first_names"), "Inwoner"),
            "soort": ("kind", "Soort"),
            "onderwerp": ("topic", "Onderwerp"),
            "door": (("performed_by__last_name", "performed_by__first_name"), "Door"),
        }
    )

    class Meta:
        model = PreventiveIntervention
        fields = ["kind"]
