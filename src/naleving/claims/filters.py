import django_filters

from naleving.claims.models import ClaimKind, ClaimStatus, Vordering
from naleving.common.filters import ListFilterSet, SortFilter


class VorderingFilter(ListFilterSet):
    kind = django_filters.ChoiceFilter(label="Soort", choices=ClaimKind.choices, empty_label="Alle soorten")
    status = django_filters.ChoiceFilter(
        label="Status", choices=ClaimStatus.choices, empty_label="Alle statussen"
    )
    amount_min = django_filters.NumberFilter(label="Bedrag vanaf (€)", field_name="amount", lookup_expr="gte")
    sorteer = SortFilter(
        columns={
            "nummer": ("pk", "Nummer"),
            "ingesteld": ("created_on", "Ingesteld"),
            "inwoner": (("resident__family_name", "resident__first_names"), "Inwoner"),
            "soort": ("kind", "Soort"),
            "bedrag": ("amount", "Bedrag"),
            "afgelost": ("paid", "Afgelost"),
            "status": ("status", "Status"),
        }
    )

    class Meta:
        model = Vordering
        fields = ["kind", "status"]
