import hashlib

import django_filters
from django.conf import settings
from django.core.cache import cache

from naleving.common.filters import ListFilterSet, SortFilter, yes_no_filter
from naleving.common.paging import kept_for_user
from naleving.residents.choices import HouseholdType
from naleving.residents.models import Resident


class ResidentFilter(ListFilterSet):
    q = django_filters.CharFilter(label="Naam, BSN of postcode", method="search_noop")
    district = django_filters.ChoiceFilter(label="Wijk", choices=(), empty_label="Alle wijken")
    household_type = django_filters.ChoiceFilter(
        label="Leefvorm", choices=HouseholdType.choices, empty_label="Alle leefvormen"
    )
    needs_extra_support = yes_no_filter("Extra ondersteuning")
    sorteer = SortFilter(
        columns={
            "naam": (("family_name", "first_names"), "Naam"),
            "geboortedatum": ("birth_date", "Geboortedatum"),
            "wijk": ("district", "Wijk"),
            "consulent": (("consulent__last_name", "consulent__first_name"), "Consulent"),
        }
    )

    class Meta:
        model = Resident
        fields = ["q", "district", "household_type", "needs_extra_support", "sorteer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A search narrows the queryset to its hits (and may hold a BSN): those districts are not kept.
        searched = bool(self.data and self.data.get("q"))
        user = getattr(self.request, "user", None)
        owner_id = user.pk if user is not None and user.is_authenticated else None
        districts = _districts(self.queryset, keep=not searched, owner_id=owner_id)
        self.filters["district"].extra["choices"] = [(d, d) for d in districts]
        self.form.fields["district"].choices = [(d, d) for d in districts]  # after "Alle wijken"

    def search_noop(self, queryset, name, value):
        # The search itself runs in the actor-scoped selector (resident_search); see ResidentListView.
        return queryset


#: How long the districts of a scope are kept (the town's districts hardly ever change).
DISTRICTS_SECONDS = 300


def _districts(queryset, *, keep: bool, owner_id: int | None = None) -> list[str]:
    """The districts of the residents in ``queryset`` (the actor's scope), sorted; with ``keep``, kept for
    a few minutes, so each scope has its own list and none leaks to another: for the user ``owner_id`` as his
    list counts are (``common.paging.kept_for_user``: forgotten when his roles, team or municipalities
    change), else under a key made from the scope's SQL. Compiling that SQL for the key cost 0.3–0.4 ms of
    every resident list, and for a handhaver it built the scope the list's first page does not need. With the
    counts not kept (``NALEVING_LIST_COUNT_SECONDS`` 0) nothing forgets per user: then the SQL's key."""

    def read() -> list[str]:
        return sorted(queryset.order_by().values_list("district", flat=True).distinct())

    if not keep:
        return read()
    if owner_id is not None and getattr(settings, "NALEVING_LIST_COUNT_SECONDS", 0) > 0:
        return kept_for_user(owner_id, "residents.districts", read, seconds=DISTRICTS_SECONDS)
    sql = str(queryset.order_by().values("district").query)
    key = "residents.districts:" + hashlib.sha256(sql.encode()).hexdigest()
    districts = cache.get(key)
    if districts is None:
        districts = read()
        cache.set(key, districts, DISTRICTS_SECONDS)
    return districts
