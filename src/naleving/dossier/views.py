"""The resident's page: their details, benefits and the timeline of everything that happened to them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.dossier.timeline import resident_timeline
from naleving.residents.permissions import CHANGE
from naleving.residents.selectors import resident_get


@login_required
def resident_file(request, pk: int):
    # resident_get logs the read of the resident with the actor's access basis as its purpose.
    resident = resident_get(actor=request.user, resident_id=pk)
    context = {
        "resident": resident,
        "benefits": resident.benefits.all(),
        "applications": resident.applications.all(),
        "timeline": resident_timeline(actor=request.user, resident=resident),
        "can_edit": request.user.has_perm(CHANGE),
    }
    return render(request, "dossier/resident.html", context)
