from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.investigations.filters import InvestigationFilter
from naleving.investigations.selectors import investigation_get, investigations_visible_to
from naleving.web.views import ScopedListView


class InvestigationListView(ScopedListView):
    template_name = "investigations/list.html"
    filterset_class = InvestigationFilter
    permissions = ("investigations.view_investigation",)
    selector = staticmethod(investigations_visible_to)


@login_required
def investigation_detail(request, pk: int):
    investigation = investigation_get(actor=request.user, investigation_id=pk)
    context = {
        "investigation": investigation,
        "actions": investigation.actions.select_related("performed_by"),
        "hearings": investigation.hoor_en_wederhoor.select_related("recorded_by"),
        "signals": investigation.signals.all(),
    }
    return render(request, "investigations/detail.html", context)
