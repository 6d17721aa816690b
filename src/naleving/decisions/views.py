"""Decision pages: the list, the what-if calculation, preparing and recording a besluit on an investigation,
the besluit page with co-signing and the start of a suspension (its letters: ``views_letters``)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving import rules
from naleving.claims.selectors import vorderingen_visible_to
from naleving.common.formatting import euro, long_date
from naleving.common.forms import add_validation_errors
from naleving.common.views import ScopedListView, or_404
from naleving.decisions import selectors, services
from naleving.decisions.engine_errors import dutch_message, form_field
from naleving.decisions.filters import BesluitFilter
from naleving.decisions.forms import BesluitForm, OpschortingStartForm, ProposalForm, WhatIfForm
from naleving.decisions.models import (
    OMGEKEERDE_TOETS,
    Besluit,
    BesluitStatus,
    CorrectionType,
    SanctionType,
)
from naleving.decisions.motivation import motivation_write
from naleving.decisions.permissions import COSIGN, EVALUATE_PERMISSIONS, RECORD, VIEW
from naleving.decisions.selectors import besluit_get, besluiten_visible_to
from naleving.decisions.views_letters import letters_section
from naleving.decisions.weighing import answer_rows, factors
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.selectors import investigation_get
from naleving.residents.reads import case_shown


class BesluitListView(ScopedListView):
    template_name = "decisions/list.html"
    filterset_class = BesluitFilter
    permissions = (VIEW,)
    selector = staticmethod(besluiten_visible_to)
    list_purpose = "Besluiten in de werkvoorraad"


def _labels(response: dict | None) -> dict | None:
    """The engine's outcome in Dutch words, to set next to what was decided."""
    if not response or "sanction" not in response:
        return None
    sanction = SanctionType(response["sanction"]["type"]).label
    fine = response["sanction"].get("fine_amount") or "0.00"
    recovery = (response.get("recovery") or {}).get("amount")
    return {
        "sanction": sanction,
        "correction": CorrectionType(response["correction"]["type"]).label
        if "correction" in response
        else "",
        "summary": f"{sanction}; boete {euro(fine)}; terugvordering {euro(recovery)}",
    }


@login_required
def besluit_detail(request, pk: int):
    besluit = or_404(besluit_get, actor=request.user, besluit_id=pk)
    user = request.user
    case_shown(request, besluit, besluit.resident, code="decision.viewed")
    opschorting = selectors.opschorting_of(besluit)
    context = {
        "besluit": besluit,
        "trace": (besluit.engine_response or {}).get("trace", []),
        "proposed": _labels(besluit.engine_response),
        "toets": [(question, besluit.omgekeerde_toets.get(key, "")) for key, question in OMGEKEERDE_TOETS],
        "weging": answer_rows(besluit.weging),
        "opschorting": opschorting,
        "vorderingen": vorderingen_visible_to(user).filter(besluit=besluit),
        "can_cosign": besluit.status == BesluitStatus.TER_ONDERTEKENING
        and user.has_perm(COSIGN)
        and besluit.recorded_by_id != user.pk,
        **letters_section(user, besluit),
        "start_form": OpschortingStartForm(initial={"takes_effect_on": timezone.localdate()})
        if opschorting and opschorting.is_signed and not opschorting.takes_effect_on and user.has_perm(RECORD)
        else None,
    }
    return render(request, "decisions/detail.html", context)


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


# -- preparing and recording a besluit ---------------------------------------------------------------------


def _proposal(request, investigation, proposal_form):
    """The engine's proposal for the chosen peildatum and co-operation, or an error text. When the rules
    cannot decide on that date (an amount or the policy is missing), the date field says so."""
    if not proposal_form.is_valid():
        return None, ""
    decision_date = proposal_form.cleaned_data["decision_date"]
    try:
        return services.decision_propose(
            actor=request.user,
            investigation=investigation,
            decision_date=decision_date,
            cooperation=proposal_form.cleaned_data["cooperation"],
        ), ""
    except rules.RuleInputError as exc:
        if exc.field != "decision_date":
            return None, f"De beslisregels kunnen geen voorstel doen: {dutch_message(exc)}"
        proposal_form.add_error("decision_date", _date_refused(exc, decision_date))
        return None, ""
    except rules.RulesError as exc:
        return None, f"De beslisregels kunnen op deze datum geen voorstel doen: {exc}"


def _date_refused(exc: rules.RuleInputError, decision_date) -> str:
    if exc.code == "parameter_not_in_force":
        return exc.message  # one Dutch sentence naming the missing amount (services.decision_evaluate)
    if exc.code == "profile_not_in_force":
        return (
            f"Het beleid van de gemeente (profiel {settings.NALEVING_DEFAULT_PROFILE}) geldt niet op "
            f"{long_date(decision_date)}. Kies een datum waarop het geldt; de functioneel beheerder kan het "
            "nieuwe beleid toevoegen."
        )
    return f"De beslisregels kunnen op {long_date(decision_date)} geen voorstel doen. Kies een andere datum."


def _prefill(proposal: dict, proposal_form: ProposalForm, investigation) -> dict:
    response = proposal["response"]
    initial = {
        **proposal_form.cleaned_data,
        "sanction_type": response["sanction"]["type"],
        "fine_amount": response["sanction"]["fine_amount"] or "0.00",
        "recovery_amount": response["recovery"]["amount"],
        # the handhaver's reasons for the culpability, for the consulent to check and complete
        "weging_verwijtbaarheid_redenen": investigation.verwijtbaarheid_motivation,
    }
    if response["suspension"]:  # the hersteltermijn of the profile; the weeks are the consulent's choice
        days = response["suspension"]["hersteltermijn_days"]
        initial["hersteltermijn_end"] = proposal_form.cleaned_data["decision_date"] + timedelta(days=days)
    initial["motivation"] = _motivation(proposal, investigation, initial)
    return initial


def _motivation(proposal: dict, investigation, values) -> str:
    """The motivation for the outcome and the weighing in ``values`` (the prefill or the posted form)."""
    response = proposal["response"]

    def value(name: str, default):
        return default if values.get(name) in (None, "") else values[name]

    return motivation_write(
        engine_response=response,
        engine_request=proposal["request"],
        sanction_type=value("sanction_type", response["sanction"]["type"]),
        fine_amount=value("fine_amount", response["sanction"]["fine_amount"] or "0"),
        recovery_amount=value("recovery_amount", response["recovery"]["amount"]),
        verwijtbaarheid=investigation.verwijtbaarheid,
        answers={factor.code: values.get(factor.field, "") for factor in factors()},
        regulation=proposal["request"].get("regulation"),
    )


def _rewritten(form: BesluitForm, proposal: dict, investigation, cooperation: str) -> BesluitForm:
    """'Motivering opnieuw opstellen': the form as posted, unbound (no errors yet), with a motivation
    written from the current choice and answers. A plain submit, so it works without JavaScript."""
    form.is_valid()  # the choice as far as it parses (else the proposal's); the answers as typed
    values = {name: form.data.get(name) for name in form.fields}
    choice = {
        name: form.cleaned_data.get(name) for name in ("sanction_type", "fine_amount", "recovery_amount")
    }
    values["motivation"] = _motivation(proposal, investigation, values | choice)
    return BesluitForm(
        None, cooperation=cooperation, verwijtbaarheid=investigation.verwijtbaarheid, initial=values
    )


@login_required
@permission_required(RECORD, raise_exception=True)
def besluit_prepare(request, investigation_pk: int):
    """Step by step: the proposal with its reasons, then the besluit (prefilled), recorded by the consulent."""
    investigation = or_404(investigation_get, actor=request.user, investigation_id=investigation_pk)
    existing = selectors.besluit_for_investigation(investigation)
    if existing is not None:
        return redirect("decisions:detail", pk=existing.pk)
    context = {"investigation": investigation}
    if investigation.status != Status.AFGEROND or investigation.outcome != Outcome.SCHENDING:
        return render(request, "decisions/prepare.html", {**context, "not_ready": True})
    source = request.POST if request.method == "POST" else request.GET
    initial = {"decision_date": timezone.localdate(), "cooperation": "yes"}
    # Its own ids: the besluit form below carries the same names as hidden fields.
    proposal_form = ProposalForm(
        source if "decision_date" in source else initial, investigation=investigation, auto_id="voorstel_%s"
    )
    proposal, proposal_error = _proposal(request, investigation, proposal_form)
    form = None
    if proposal is not None:
        cooperation = proposal_form.cleaned_data["cooperation"]
        data = request.POST if request.method == "POST" else None
        form = BesluitForm(
            data,
            cooperation=cooperation,
            verwijtbaarheid=investigation.verwijtbaarheid,
            initial=_prefill(proposal, proposal_form, investigation),
        )
        if data is not None and "rewrite" in data:
            form = _rewritten(form, proposal, investigation, cooperation)
        elif data is not None and form.is_valid():
            try:
                besluit = services.besluit_record(
                    actor=request.user, investigation=investigation, **form.service_arguments()
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            except rules.RulesError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _recorded_message(besluit))
                return redirect("decisions:detail", pk=besluit.pk)
    context |= {
        "proposal_form": proposal_form,
        "proposal": proposal,
        "labels": _labels(proposal["response"]) if proposal else None,
        "proposal_error": proposal_error,
        "form": form,
    }
    return render(request, "decisions/prepare.html", context)


def _recorded_message(besluit: Besluit) -> str:
    if besluit.status == BesluitStatus.TER_ONDERTEKENING:
        return "Het besluit is vastgelegd en wacht op een tweede handtekening (vier ogen)."
    return "Het besluit is vastgelegd en vastgesteld. De vorderingen zijn ingesteld."


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
