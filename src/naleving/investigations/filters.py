import django_filters

from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import Investigation
from naleving.signals.choices import ViolationKind


class InvestigationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label="Status", choices=Status.choices)
    outcome = django_filters.ChoiceFilter(label="Uitkomst", choices=Outcome.choices)
    violation_kind = django_filters.ChoiceFilter(label="Soort schending", choices=ViolationKind.choices)
    opened_from = django_filters.DateFilter(label="Gestart vanaf", field_name="opened_on", lookup_expr="gte")

    class Meta:
        model = Investigation
        fields = ["status", "outcome", "violation_kind"]
