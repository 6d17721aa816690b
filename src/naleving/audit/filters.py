"""Filters of the audit log search: the kind of event (group or single event), who, which resident, when."""

import django_filters
from django.db.models import QuerySet

from naleving.audit.catalogue import GROUPS, codes_in_group, grouped_choices
from naleving.audit.forms import DateInput, PeriodForm
from naleving.audit.models import AuditEvent
from naleving.common.filters import ListFilterSet


class AuditEventFilter(ListFilterSet):
    group = django_filters.ChoiceFilter(
        label="Soort gebeurtenis",
        choices=list(GROUPS.items()),
        empty_label="Alle soorten",
        method="filter_group",
    )
    code = django_filters.ChoiceFilter(
        label="Gebeurtenis", choices=grouped_choices, empty_label="Alle gebeurtenissen"
    )
    username = django_filters.CharFilter(
        label="Gebruikersnaam medewerker", field_name="actor__username", lookup_expr="iexact"
    )
    resident = django_filters.NumberFilter(label="Dossiernummer inwoner", field_name="resident_id")
    date_from = django_filters.DateFilter(
        label="Vanaf", field_name="occurred_at", lookup_expr="date__gte", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        label="Tot en met", field_name="occurred_at", lookup_expr="date__lte", widget=DateInput
    )

    class Meta:
        model = AuditEvent
        fields = ["group", "code", "username", "resident", "date_from", "date_to"]
        form = PeriodForm

    def filter_group(self, queryset: QuerySet[AuditEvent], name: str, value: str) -> QuerySet[AuditEvent]:
        return queryset.filter(code__in=codes_in_group(value))
