import django_filters

from naleving.common.filters import ListFilterSet, SortFilter, yes_no_filter
from naleving.decisions.models import Besluit, BesluitStatus, SanctionType


class BesluitFilter(ListFilterSet):
    sanction_type = django_filters.ChoiceFilter(
        label="Sanctie", choices=SanctionType.choices, empty_label="Alle sancties"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=BesluitStatus.choices, empty_label="Alle statussen"
    )
    deviates = yes_no_filter("Afwijking (maatwerk)")
    decided_from = django_filters.DateFilter(
        label="Besloten vanaf", field_name="decision_date", lookup_expr="gte"
    )
    sorteer = SortFilter(
        columns={
            "nummer": ("pk", "Nummer"),
            "datum": ("decision_date", "Datum"),
            "inwoner": (("resident__family_name", "resident__first_names"), "Inwoner"),
            "sanctie": ("sanction_type", "Sanctie"),
            "terugvordering": ("recovery_amount", "Terugvordering"),
            "boete": ("fine_amount", "Boete"),
            "status": ("status", "Status"),
        }
    )

    class Meta:
        model = Besluit
        fields = ["sanction_type", "status", "deviates"]
