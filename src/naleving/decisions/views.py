from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.decisions.filters import BesluitFilter
from naleving.decisions.selectors import besluit_get, besluiten_visible_to
from naleving.web.views import ScopedListView


class BesluitListView(ScopedListView):
    template_name = "decisions/list.html"
    filterset_class = BesluitFilter
    permissions = ("decisions.view_besluit",)
    selector = staticmethod(besluiten_visible_to)


@login_required
def besluit_detail(request, pk: int):
    besluit = besluit_get(actor=request.user, besluit_id=pk)
    trace = (besluit.engine_response or {}).get("trace", [])
    return render(request, "decisions/detail.html", {"besluit": besluit, "trace": trace})
