from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.common.views import ScopedListView, or_404
from naleving.signals.filters import SignalFilter
from naleving.signals.permissions import VIEW
from naleving.signals.selectors import signal_get, signals_visible_to


class SignalListView(ScopedListView):
    template_name = "signals/list.html"
    filterset_class = SignalFilter
    permissions = (VIEW,)
    selector = staticmethod(signals_visible_to)


@login_required
def signal_detail(request, pk: int):
    signal = or_404(signal_get, actor=request.user, signal_id=pk)
    return render(
        request, "signals/detail.html", {"signal": signal, "investigations": signal.investigations.all()}
    )
