"""The resident's rights under the AVG on the resident file: correction (art. 16) and objection (art. 21),
and the FG's list of open objections to decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving.audit.edge import shows
from naleving.common.forms import add_validation_errors
from naleving.common.views import or_404
from naleving.residents import selectors, services
from naleving.residents.forms_avg import CorrectionForm, PrivacyObjectionDecideForm, PrivacyObjectionForm
from naleving.residents.permissions import CORRECT, DECIDE_PRIVACY_OBJECTION, REGISTER_PRIVACY_OBJECTION
from naleving.residents.reads import resident_shown


@login_required
@permission_required(CORRECT, raise_exception=True)
def resident_correct(request, pk: int):
    resident = or_404(selectors.resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident, purpose="Gegevens corrigeren op verzoek (AVG art. 16)")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_correct(actor=request.user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "De correctie is vastgelegd en staat in de tijdlijn.")
            return redirect("residents:detail", pk=resident.pk)
    current = [(label, getattr(resident, name)) for name, label in services.CORRECTABLE_FIELDS.items()]
    return render(
        request,
        "residents/correct.html",
        {"form": form, "resident": resident, "current": current},
    )


@login_required
@permission_required(REGISTER_PRIVACY_OBJECTION, raise_exception=True)
def privacy_objection_register(request, pk: int):
    resident = or_404(selectors.resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident, purpose="Bezwaar tegen verwerking registreren (AVG art. 21)")
    form = PrivacyObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.privacy_objection_register(actor=request.user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, "Het bezwaar is geregistreerd. De functionaris gegevensbescherming beslist erover."
            )
            return redirect("residents:detail", pk=resident.pk)
    return render(request, "residents/privacy_objection_form.html", {"form": form, "resident": resident})


@login_required
@permission_required(DECIDE_PRIVACY_OBJECTION, raise_exception=True)
def privacy_objections(request):
    """The FG's open objections (AVG art. 21): dossier number, masked BSN and grounds, never a name."""
    objections = list(selectors.privacy_objections_open(request.user))
    for objection in objections:
        shows(
            request,
            code="privacy_objection.viewed",
            obj=objection,
            resident_id=objection.resident_id,
            purpose="Bezwaar tegen verwerking beoordelen (FG, AVG art. 21)",
        )
    rows = [(o, PrivacyObjectionDecideForm(prefix=f"bezwaar-{o.pk}")) for o in objections]
    return render(request, "residents/privacy_objections.html", {"rows": rows})


@login_required
@permission_required(DECIDE_PRIVACY_OBJECTION, raise_exception=True)
@require_POST
def privacy_objection_decide(request, pk: int):
    objection = or_404(selectors.privacy_objection_open_get, actor=request.user, objection_id=pk)
    form = PrivacyObjectionDecideForm(request.POST, prefix=f"bezwaar-{objection.pk}")
    if form.is_valid():
        try:
            services.privacy_objection_decide(
                actor=request.user,
                objection=objection,
                granted=form.cleaned_data["decision"] == "toegewezen",
                weighing=form.cleaned_data["weighing"],
                decided_on=timezone.localdate(),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Over het bezwaar is beslist.")
    else:
        messages.error(request, "Kies toewijzen of afwijzen en schrijf de afweging op.")
    return redirect("residents:privacy_objections")
