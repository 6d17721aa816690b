import django_filters

from naleving.residents.choices import HouseholdType
from naleving.residents.models import Resident


class ResidentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Naam, BSN of postcode", method="search_noop")
    district = django_filters.ChoiceFilter(label="Wijk", choices=())
    household_type = django_filters.ChoiceFilter(label="Leefvorm", choices=HouseholdType.choices)
    needs_extra_support = django_filters.BooleanFilter(label="Extra ondersteuning")

    class Meta:
        model = Resident
        fields = ["q", "district", "household_type", "needs_extra_support"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        districts = self.queryset.order_by().values_list("district", flat=True).distinct()
        self.filters["district"].extra["choices"] = [(d, d) for d in sorted(districts)]
        self.form.fields["district"].choices = [("", "Alle wijken"), *[(d, d) for d in sorted(districts)]]

    def search_noop(self, queryset, name, value):
        # The search itself runs in the actor-scoped selector (resident_search); see ResidentListView.
        return queryset
