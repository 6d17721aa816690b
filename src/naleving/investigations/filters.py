import django_filters

from naleving.common.filters import ListFilterSet, SortFilter
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import Investigation
from naleving.investigations.selectors import handhavers_listed
from naleving.signals.choices import ViolationKind

#: the value of ``toegewezen`` for the investigations nobody is assigned to (the home page links to it)
UNASSIGNED = "nee"


class InvestigationFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(label="Status", choices=Status.choices, empty_label="Alle statussen")
    outcome = django_filters.ChoiceFilter(
        label="Uitkomst", choices=Outcome.choices, empty_label="Alle uitkomsten"
    )
    violation_kind = django_filters.ChoiceFilter(
        label="Soort schending", choices=ViolationKind.choices, empty_label="Alle soorten"
    )
    toegewezen = django_filters.ChoiceFilter(
        label="Toegewezen aan", choices=(), empty_label="Alle", method="filter_assigned"
    )
    opened_from = django_filters.DateFilter(label="Gestart vanaf", field_name="opened_on", lookup_expr="gte")
    sorteer = SortFilter(
        columns={
            "nummer": ("pk", "Nummer"),
            "gestart": ("opened_on", "Gestart"),
            "inwoner": (("resident__family_name", "resident__first_names"), "Inwoner"),
            "handhaver": (("assigned_to__last_name", "assigned_to__first_name"), "Handhaver"),
            "status": ("status", "Status"),
            "uitkomst": ("outcome", "Uitkomst"),
        }
    )

    class Meta:
        model = Investigation
        fields = ["status", "outcome", "violation_kind", "toegewezen"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        people = [(str(u.pk), u.display_name) for u in handhavers_listed(user)] if user is not None else []
        choices = [(UNASSIGNED, "Niet toegewezen"), *people]
        self.filters["toegewezen"].extra["choices"] = choices
        self.form.fields["toegewezen"].choices = choices  # the field puts "Alle" in front

    def filter_assigned(self, queryset, name, value):
        if value == UNASSIGNED:
            return queryset.filter(assigned_to__isnull=True)
        return queryset.filter(assigned_to_id=value)
