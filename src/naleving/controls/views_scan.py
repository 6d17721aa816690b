"""The analyst's action "Biasscan uitvoeren" on a run page: the unsupervised bias scan (controls.scan)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from naleving.common.views import or_404
from naleving.controls import scan, selectors
from naleving.controls.permissions import RUN


@login_required
@require_POST
def run_scan(request, pk):
    if not request.user.has_perm(RUN):
        raise PermissionDenied
    run = or_404(selectors.run_get, actor=request.user, run_id=pk)
    run = scan.control_run_scan(actor=request.user, run=run)
    if run.scan.get("status") == "ok":
        found = sum(1 for c in run.scan["clusters"] if c["significant"])
        messages.success(
            request,
            f"De biasscan is uitgevoerd: {len(run.scan['clusters'])} groepen, "
            f"waarvan {found} met een significant afwijkend aandeel onterecht onderzocht.",
        )
    else:
        messages.warning(
            request, "De biasscan is uitgevoerd, maar er zijn te weinig uitkomsten om groepen te vormen."
        )
    return redirect("controls:run_detail", pk=pk)
