"""The resident's page: their details, benefits and the timeline of everything that happened to them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.common.views import or_404
from naleving.dossier.timeline import resident_timeline
from naleving.residents.permissions import CHANGE
from naleving.residents.reads import resident_shown
from naleving.residents.selectors import resident_get


@login_required
def resident_file(request, pk: int):
    resident = or_404(resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident)
    context = {
        "resident": resident,
        "benefits": resident.benefits.all(),
        "applications": resident.applications.all(),
        "timeline": resident_timeline(actor=request.user, resident=resident),
        "can_edit": request.user.has_perm(CHANGE),
    }
    return render(request, "dossier/resident.html", context)
