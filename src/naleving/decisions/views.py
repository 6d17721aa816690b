"""Decision pages: the list, the what-if calculation, the besluit page with co-signing and the start of a
suspension. Preparing and recording a besluit: ``views_prepare``; the letters: ``views_letters``; the steps
both pages show: ``steps``."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from naleving import rules
from naleving.common.views import ScopedListView, or_404
from naleving.decisions import selectors, services
from naleving.decisions.engine_errors import dutch_message, form_field
from naleving.decisions.filters import BesluitFilter
from naleving.decisions.forms import OpschortingStartForm, WhatIfForm
from naleving.decisions.permissions import EVALUATE_PERMISSIONS, RECORD, VIEW
from naleving.decisions.selectors import BESLUIT_DOCUMENTS, besluit_get, besluiten_visible_to
from naleving.decisions.views_detail import besluit_detail  # noqa: F401 (decisions:detail)
from naleving.decisions.views_prepare import besluit_prepare  # noqa: F401 (decisions:prepare)
from naleving.residents.columns import beyond_name


class BesluitListView(ScopedListView):
    template_name = "decisions/list.html"
    filterset_class = BesluitFilter
    permissions = (VIEW,)
    selector = staticmethod(besluiten_visible_to)
    list_purpose = "Besluiten in de werkvoorraad"
    #: the resident by name; not who recorded or co-signed a besluit
    joined = ("resident",)
    #: What the list does not show of a besluit (the decision page reads them), nor of its resident.
    not_listed = BESLUIT_DOCUMENTS + beyond_name()
    shown = (
        "resident",
        "decision_date",
        "sanction_type",
        "deviates",
        "recovery_amount",
        "fine_amount",
        "status",
    )


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
            error = dutch_message(exc)
            form.add_error(form_field(exc), error)
    template = "decisions/_what_if_body.html" if request.htmx else "decisions/what_if.html"
    return render(request, template, {"form": form, "result": result, "error": error})


def _initial(request) -> dict:
    return {"profile": settings.NALEVING_DEFAULT_PROFILE, "on_benefit": True, "kostendelers": 1}


@login_required
@require_POST
def besluit_cosign(request, pk: int):
    besluit = or_404(besluit_get, actor=request.user, besluit_id=pk)
    try:
        services.besluit_cosign(actor=request.user, besluit=besluit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "U heeft het besluit medeondertekend. Het besluit is vastgesteld.")
    return redirect("decisions:detail", pk=besluit.pk)


@login_required
@require_POST
@permission_required(RECORD, raise_exception=True)
def opschorting_start(request, pk: int):
    besluit = or_404(besluit_get, actor=request.user, besluit_id=pk)
    opschorting = selectors.opschorting_of(besluit)
    if opschorting is None:
        raise Http404("Geen opschorting bij dit besluit")
    form = OpschortingStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vul een geldige datum in waarop de opschorting ingaat.")
        return redirect("decisions:detail", pk=besluit.pk)
    try:
        services.opschorting_start(
            actor=request.user, opschorting=opschorting, takes_effect_on=form.cleaned_data["takes_effect_on"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "De opschorting is ingegaan.")
    return redirect("decisions:detail", pk=besluit.pk)
