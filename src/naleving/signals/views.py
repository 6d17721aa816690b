from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.common.views import ScopedListView, or_404
from naleving.signals.filters import SignalFilter
from naleving.signals.permissions import VIEW
from naleving.signals.selectors import shown_resident, signal_get, signals_visible_to


class SignalListView(ScopedListView):
    template_name = "signals/list.html"
    filterset_class = SignalFilter
    permissions = (VIEW,)
    selector = staticmethod(signals_visible_to)


@login_required
def signal_detail(request, pk: int):
    signal = or_404(signal_get, actor=request.user, signal_id=pk)
    resident = shown_resident(signal)
    # A resident outside the user's scope (a signal they registered) shows like an unlinked signal.
    investigations = signal.investigations.all() if resident else []
    return render(
        request,
        "signals/detail.html",
        {"signal": signal, "resident": resident, "investigations": investigations},
    )
