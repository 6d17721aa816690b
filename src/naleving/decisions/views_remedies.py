"""Pages for objection and appeal: register an objection, record the hearing, decide on it, register beroep
or hoger beroep and its judgment, and the worklist of terms ("Termijnen bezwaar en beroep")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from naleving.audit.edge import shows_residents
from naleving.common.forms import add_validation_errors
from naleving.common.views import or_404
from naleving.decisions import finality, remedies
from naleving.decisions.forms_remedies import (
    BeroepForm,
    BeroepOutcomeForm,
    BezwaarForm,
    DecideForm,
    ExcuseForm,
    HearingForm,
)
from naleving.decisions.models import BeroepInstance, SanctionType
from naleving.decisions.permissions import HANDLE_BEZWAAR
from naleving.decisions.selectors import besluit_get
from naleving.decisions.selectors_remedies import beroep_get, bezwaar_get, remedy_worklist
from naleving.residents.reads import case_shown

FORM = "decisions/remedies/form.html"


def _d(day) -> str:
    return f"{day:%d-%m-%Y}" if day else "onbekend"


def _page(request, besluit, form, **context):
    case_shown(request, besluit, besluit.resident, code="decision.viewed")
    return render(request, FORM, {"besluit": besluit, "form": form, **context})


def _submit(form, service, **arguments):
    """Call the service with the form's data; its errors land on the form. The result, or None."""
    try:
        return service(**arguments, **form.cleaned_data)
    except ValidationError as exc:
        add_validation_errors(form, exc)
        return None


@login_required
@permission_required(HANDLE_BEZWAAR, raise_exception=True)
def bezwaar_register(request, pk: int):
    besluit = or_404(besluit_get, actor=request.user, besluit_id=pk)
    form = BezwaarForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        bezwaar = _submit(form, remedies.bezwaar_register, actor=request.user, besluit=besluit)
        if bezwaar is not None:
            _registered_message(request, bezwaar)
            return redirect("decisions:detail", pk=besluit.pk)
    deadline = finality.objection_deadline(besluit)
    facts = [("Besluit", besluit.kenmerk), ("Verzonden op", _d(besluit.sent_on)),
             ("Bezwaartermijn tot en met", _d(deadline))]  # fmt: skip
    return _page(
        request, besluit, form, title="Bezwaar registreren", facts=facts, submit="Bezwaar registreren"
    )


def _registered_message(request, bezwaar) -> None:
    deadline = finality.objection_deadline(bezwaar.besluit)
    if bezwaar.in_time:
        messages.success(
            request, f"Het bezwaar is geregistreerd. Beslis uiterlijk op {_d(bezwaar.decide_by)}."
        )
    elif bezwaar.late_excused:
        messages.warning(
            request,
            f"Het bezwaar is te laat ontvangen (termijn tot en met {_d(deadline)}), maar de overschrijding is "
            "verschoonbaar (art. 6:11 Awb). Het wordt inhoudelijk behandeld.",
        )
    else:
        messages.warning(
            request,
            f"Het bezwaar is te laat ontvangen: de termijn liep tot en met {_d(deadline)}. Is de overschrijding "
            "verschoonbaar (art. 6:11 Awb)? Zo niet, dan verklaart u het bezwaar niet-ontvankelijk.",
        )


@login_required
@permission_required(HANDLE_BEZWAAR, raise_exception=True)
def bezwaar_excuse(request, pk: int):
    """The Awb 6:11 question for a late objection, answered after registration."""
    bezwaar = or_404(bezwaar_get, actor=request.user, bezwaar_id=pk)
    form = ExcuseForm(request.POST or None)
    posted = request.method == "POST" and form.is_valid()
    if posted and _submit(form, remedies.bezwaar_excuse, actor=request.user, bezwaar=bezwaar) is not None:
        messages.success(
            request, "De te late indiening is verschoonbaar geacht. Het bezwaar wordt inhoudelijk behandeld."
        )
        return redirect("decisions:detail", pk=bezwaar.besluit_id)
    deadline = finality.objection_deadline(bezwaar.besluit)
    facts = [("Besluit", bezwaar.besluit.kenmerk), ("Bezwaartermijn tot en met", _d(deadline)),
             ("Bezwaar ontvangen op", _d(bezwaar.received_on)),
             ("Ter post bezorgd op", _d(bezwaar.posted_on) if bezwaar.posted_on else "niet per post")]  # fmt: skip
    return _page(request, bezwaar.besluit, form, title="Te laat bezwaar: verschoonbaar?", facts=facts,
                 submit="Verschoonbaar vastleggen")  # fmt: skip


@login_required
@permission_required(HANDLE_BEZWAAR, raise_exception=True)
def bezwaar_hearing(request, pk: int):
    bezwaar = or_404(bezwaar_get, actor=request.user, bezwaar_id=pk)
    form = HearingForm(request.POST or None, initial={"hearing_on": bezwaar.hearing_on or timezone.localdate(),
                                                      "hearing_record": bezwaar.hearing_record})  # fmt: skip
    posted = request.method == "POST" and form.is_valid()
    if posted and _submit(form, remedies.bezwaar_hearing, actor=request.user, bezwaar=bezwaar) is not None:
        messages.success(request, "De hoorzitting is vastgelegd.")
        return redirect("decisions:detail", pk=bezwaar.besluit_id)
    recorder = bezwaar.besluit.recorded_by
    facts = [("Besluit", bezwaar.besluit.kenmerk), ("Bezwaar ontvangen op", _d(bezwaar.received_on)),
             ("Wie hoort (art. 7:5 Awb)", "Iemand die niet bij de voorbereiding van het besluit betrokken was"
              + (f" (het besluit is vastgelegd door {recorder.display_name})" if recorder else "")
              + ", of de bezwaarcommissie.")]  # fmt: skip
    return _page(request, bezwaar.besluit, form, title="Hoorzitting vastleggen", facts=facts,
                 submit="Hoorzitting vastleggen")  # fmt: skip


@login_required
@permission_required(HANDLE_BEZWAAR, raise_exception=True)
def bezwaar_decide(request, pk: int):
    bezwaar = or_404(bezwaar_get, actor=request.user, bezwaar_id=pk)
    old = bezwaar.besluit
    initial = {"decided_on": timezone.localdate(), "fine_amount": old.fine_amount,
               "recovery_amount": old.recovery_amount, "maatregel_months": old.maatregel_months}  # fmt: skip
    form = DecideForm(request.POST or None, initial=initial)
    if old.sanction_type != SanctionType.MAATREGEL:
        del form.fields["maatregel_months"]
    if request.method == "POST" and form.is_valid():
        decided = _submit(form, remedies.bezwaar_decide, actor=request.user, bezwaar=bezwaar)
        if decided is not None:
            if decided.decision_id is None:
                messages.success(request, "Het bezwaar is ingetrokken. Het besluit blijft zoals het was.")
                return redirect("decisions:detail", pk=old.pk)
            messages.success(
                request,
                "De beslissing op bezwaar is vastgelegd als nieuwe versie van het besluit. Verstuur de brief: "
                "de beroepstermijn begint de dag na verzending.",
            )
            return redirect("decisions:detail", pk=decided.decision_id)
    facts = [("Besluit", old.kenmerk), ("Bezwaar ontvangen op", _d(bezwaar.received_on)),
             ("Tijdig", "ja" if bezwaar.in_time else "nee"), ("Beslissen uiterlijk op", _d(bezwaar.decide_by)),
             ("Hoorzitting", _d(bezwaar.hearing_on) if bezwaar.hearing_on else "nog niet gehouden")]  # fmt: skip
    return _page(
        request, old, form, title="Beslissen op bezwaar", facts=facts, submit="Beslissing vastleggen"
    )


@login_required
@permission_required(HANDLE_BEZWAAR, raise_exception=True)
def beroep_register(request, pk: int):
    besluit = or_404(besluit_get, actor=request.user, besluit_id=pk)
    instance = request.GET.get("instantie") or BeroepInstance.BEROEP
    form = BeroepForm(request.POST or None, initial={"instance": instance, "lodged_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        beroep = _submit(form, remedies.beroep_register, actor=request.user, besluit=besluit)
        if beroep is not None:
            _appeal_message(request, beroep)
            return redirect("decisions:detail", pk=besluit.pk)
    facts = [("Beslissing op bezwaar", besluit.kenmerk), ("Verzonden op", _d(besluit.sent_on)),
             ("Beroepstermijn tot en met", _d(finality.beroep_deadline(besluit)))]  # fmt: skip
    return _page(request, besluit, form, title="Beroep registreren", facts=facts, submit="Beroep registreren")


def _appeal_message(request, beroep) -> None:
    deadline = remedies.appeal_deadline(beroep.besluit, beroep.instance)
    text = f"{beroep.get_instance_display()} is geregistreerd."
    if deadline is not None and beroep.lodged_on > deadline:
        messages.warning(request, f"{text} Let op: de termijn liep tot en met {_d(deadline)}.")
    else:
        messages.success(request, text)


@login_required
@permission_required(HANDLE_BEZWAAR, raise_exception=True)
def beroep_outcome(request, pk: int):
    beroep = or_404(beroep_get, actor=request.user, beroep_id=pk)
    form = BeroepOutcomeForm(request.POST or None, initial={"outcome_on": timezone.localdate()})
    posted = request.method == "POST" and form.is_valid()
    if posted and _submit(form, remedies.beroep_outcome, actor=request.user, beroep=beroep) is not None:
        messages.success(request, "De uitspraak is vastgelegd.")
        return redirect("decisions:detail", pk=beroep.besluit_id)
    facts = [("Beslissing op bezwaar", beroep.besluit.kenmerk), ("Instantie", beroep.get_instance_display()),
             ("Ingesteld op", _d(beroep.lodged_on)), ("Zaaknummer", beroep.case_number or "onbekend")]  # fmt: skip
    return _page(request, beroep.besluit, form, title="Uitspraak vastleggen", facts=facts,
                 submit="Uitspraak vastleggen")  # fmt: skip


@login_required
@permission_required(HANDLE_BEZWAAR, raise_exception=True)
def remedy_terms(request):
    """Termijnen bezwaar en beroep: what runs for the besluiten the user may see, overdue first."""
    worklist = remedy_worklist(request.user)
    shows_residents(request, worklist.resident_ids(), purpose="Termijnen bezwaar en beroep")
    return render(request, "decisions/remedies/worklist.html", {"worklist": worklist})
