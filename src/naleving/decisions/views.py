from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from naleving import rules
from naleving.decisions import services
from naleving.decisions.filters import BesluitFilter
from naleving.decisions.forms import WhatIfForm
from naleving.decisions.selectors import besluit_get, besluiten_visible_to
from naleving.web.views import ScopedListView

EVALUATE_PERMISSIONS = (
    "decisions.record_besluit",
    "decisions.cosign_besluit",
    "investigations.conduct_investigation",
)


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


@login_required
def what_if(request):
    """Fill in the facts, see what the law and the profile prescribe, with the reasons."""
    if not any(request.user.has_perm(p) for p in EVALUATE_PERMISSIONS):
        raise PermissionDenied
    form = WhatIfForm(request.POST or None, profiles=services.available_profiles(), initial=_initial(request))
    result, error = None, None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.decision_evaluate(actor=request.user, data=form.to_request())
        except rules.RuleInputError as exc:
            error = exc
            if exc.field:
                form.add_error(None, f"{exc.message} (veld: {exc.field})")
    template = "decisions/_what_if_body.html" if request.htmx else "decisions/what_if.html"
    return render(request, template, {"form": form, "result": result, "error": error})


def _initial(request) -> dict:
    from django.conf import settings

    return {"profile": settings.NALEVING_DEFAULT_PROFILE, "on_benefit": True, "kostendelers": 1}
