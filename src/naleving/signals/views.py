from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.common.paging import CappedCountPaginator
from naleving.common.views import ScopedListView, or_404
from naleving.residents.columns import beyond_name
from naleving.residents.reads import case_shown
from naleving.residents.selectors import few_residents_in_scope
from naleving.signals.filters import SignalFilter
from naleving.signals.permissions import VIEW
from naleving.signals.selectors import shown_resident, signal_get, signals_visible_to


class SignalListView(ScopedListView):
    template_name = "signals/list.html"
    filterset_class = SignalFilter
    permissions = (VIEW,)
    selector = staticmethod(signals_visible_to)
    list_purpose = "Signalen in de werkvoorraad"
    #: the resident by name (not who registered a signal)
    joined = ("resident",)
    not_listed = beyond_name()
    shown = ("resident", "received_on", "origin", "kind", "route")
    # The signals are the longest list (three per resident and growing): counted only up to a limit.
    paginator_class = CappedCountPaginator

    def first_pages_queryset(self):
        # the resident's scope tested per row: a first page reads a few dozen signals, not the whole scope;
        # a scope of a few ids (a handhaver's) is the same query either way, so it is not built twice
        if few_residents_in_scope(self.request.user):
            return None
        return signals_visible_to(self.request.user, per_row=True)

    def pages_by_ids_within(self) -> bool:
        # a handhaver's signals are a few of every resident's: the page's ids from the order's index first
        return few_residents_in_scope(self.request.user)

    def rows_again_queryset(self):
        # a deep page's 25 rows, each tested on its own resident: for a handhaver too, whose first pages read
        # his set (no faster per row), but whose set built twice more to read 25 rows cost 25 ms
        return signals_visible_to(self.request.user, per_row=True)

    def resident_id_of(self, obj) -> int | None:
        # A resident outside the user's scope (a signal they registered) is not shown, so not logged.
        return obj.resident_id if getattr(obj, "resident_in_scope", True) else None


@login_required
def signal_detail(request, pk: int):
    signal = or_404(signal_get, actor=request.user, signal_id=pk)
    resident = shown_resident(signal)
    # A resident outside the user's scope (a signal they registered) shows like an unlinked signal.
    investigations = signal.investigations.all() if resident else []
    if resident:
        case_shown(request, signal, resident, code="signal.viewed")
    return render(
        request,
        "signals/detail.html",
        {"signal": signal, "resident": resident, "investigations": investigations},
    )
