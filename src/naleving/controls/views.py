"""Analyses: the registered theme controls with their definitions (runs arrive with the theme-control issue)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


@login_required
def control_list(request):
    if not (
        request.user.has_perm("controls.run_control") or request.user.has_perm("controls.approve_filter")
    ):
        raise PermissionDenied
    from naleving.analytics import CONTROLS

    return render(request, "controls/list.html", {"controls": CONTROLS})
