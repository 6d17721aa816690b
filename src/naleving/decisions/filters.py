import django_filters

from naleving.decisions.models import Besluit, BesluitStatus, SanctionType


class BesluitFilter(django_filters.FilterSet):
    sanction_type = django_filters.ChoiceFilter(label="Sanctie", choices=SanctionType.choices)
    status = django_filters.ChoiceFilter(label="Status", choices=BesluitStatus.choices)
    deviates = django_filters.BooleanFilter(label="Afwijking (maatwerk)")
    decided_from = django_filters.DateFilter(
        label="Besloten vanaf", field_name="decision_date", lookup_expr="gte"
    )

    class Meta:
        model = Besluit
        fields = ["sanction_type", "status", "deviates"]
