"""Preparing and recording a besluit on an investigation, in steps: the weging, the engine's proposal for
the peildatum, then following it or deviating from it (maatwerk) and recording the besluit.

Server-rendered and without JavaScript: the page posts to itself; what was filled in on the other steps
travels along as hidden fields, and every step is checked again on the server (the hidden field ``gezien``
only says which steps the user went past; a step opens only when the ones before it are filled in
correctly). A post without ``stap`` records at once, as the page did before it had steps."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils import timezone

from naleving import rules
from naleving.common.formatting import long_date
from naleving.common.forms import add_validation_errors
from naleving.common.views import or_404
from naleving.decisions import selectors, services
from naleving.decisions.engine_errors import dutch_message
from naleving.decisions.forms import BesluitForm, ProposalForm
from naleving.decisions.models import Besluit, BesluitStatus
from naleving.decisions.motivation import motivation_write
from naleving.decisions.permissions import RECORD
from naleving.decisions.steps import AFWIJKEN, PREPARE_STEPS, VOORSTEL, WEGING, prepare_steps, proposal_labels
from naleving.decisions.weighing import answer_rows, factors
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.selectors import investigation_get

#: What the proposal prefills; reset when the peildatum or the co-operation changes the proposal.
CHOICE_FIELDS = ("sanction_type", "fine_amount", "recovery_amount", "hersteltermijn_end", "motivation")


def step_fields(form: BesluitForm) -> dict[str, set[str]]:
    """The fields each step shows; the rest of the form is the last step."""
    weging = {factor.field for factor in factors()}
    voorstel = {"decision_date", "cooperation", *form.SUSPENSION_FIELDS, *form.REFERRAL_FIELDS}
    return {
        WEGING: weging & set(form.fields),
        VOORSTEL: voorstel & set(form.fields),
        AFWIJKEN: set(form.fields) - weging - voorstel,
    }


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


def _prefill(proposal: dict | None, proposal_form: ProposalForm, investigation) -> dict:
    """The proposal's outcome and the handhaver's reasons for the culpability (for the consulent to check
    and complete); the motivation is written when the last step opens, from the weging as answered."""
    values = proposal_form.cleaned_data
    initial = {
        "decision_date": values.get("decision_date") or proposal_form["decision_date"].value(),
        "cooperation": values.get("cooperation") or "yes",
        "weging_verwijtbaarheid_redenen": investigation.verwijtbaarheid_motivation,
    }
    if proposal is None:
        return initial
    response = proposal["response"]
    initial |= {
        "sanction_type": response["sanction"]["type"],
        "fine_amount": response["sanction"]["fine_amount"] or "0.00",
        "recovery_amount": response["recovery"]["amount"],
    }
    if response["suspension"]:  # the hersteltermijn of the profile; the weeks are the consulent's choice
        days = response["suspension"]["hersteltermijn_days"]
        initial["hersteltermijn_end"] = values["decision_date"] + timedelta(days=days)
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


def _quiet(form: BesluitForm, keep: set[str] | None = None) -> BesluitForm:
    """The form checked, showing only the errors of the fields in ``keep`` (and those of no field)."""
    form.is_valid()
    kept = ErrorDict(
        (name, errors)
        for name, errors in form.errors.items()
        if keep is not None and (name in keep or name == "__all__")
    )
    form._errors = kept
    return form


def _rewritten(form: BesluitForm, proposal: dict, investigation) -> BesluitForm:
    """'Motivering opnieuw opstellen': the form as posted, without errors, with a motivation written from
    the current choice and answers. A plain submit, so it works without JavaScript."""
    form.is_valid()  # the choice as far as it parses (else the proposal's); the answers as typed
    values = {name: form.data.get(name) for name in form.fields}
    choice = {
        name: form.cleaned_data.get(name) for name in ("sanction_type", "fine_amount", "recovery_amount")
    }
    data = form.data.copy()
    data["motivation"] = _motivation(proposal, investigation, values | choice)
    return _quiet(_besluit_form(data, form.cooperation, investigation, form.initial))


def _besluit_form(data, cooperation: str, investigation, initial: dict) -> BesluitForm:
    form = BesluitForm(
        data, cooperation=cooperation, verwijtbaarheid=investigation.verwijtbaarheid, initial=initial
    )
    form.cooperation = cooperation
    return form


class Prepare:
    """One request to the prepare page: the proposal, the besluit form with what travels along, which steps
    are done and which one is open."""

    def __init__(self, request, investigation):
        self.request, self.investigation = request, investigation
        posted = request.method == "POST"
        source = request.POST if posted else request.GET
        default = {"decision_date": timezone.localdate(), "cooperation": "yes"}
        # Its own ids: on the other steps the besluit form carries the same names as hidden fields.
        self.proposal_form = ProposalForm(
            source if "decision_date" in source else default,
            investigation=investigation,
            auto_id="voorstel_%s",
        )
        self.proposal, self.proposal_error = _proposal(request, investigation, self.proposal_form)
        self.prefill = _prefill(self.proposal, self.proposal_form, investigation)
        self.stamp = f"{self.prefill['decision_date']}|{self.prefill['cooperation']}"
        self.wizard = posted and "stap" in request.POST
        self.changed = False
        data = self._data(request.POST) if posted else None
        self.form = _besluit_form(data, self.prefill["cooperation"], investigation, self.prefill)
        self.fields = step_fields(self.form)
        # A post without steps (the page before it had steps, a script) went past all of them.
        seen = request.POST.getlist("gezien") if self.wizard else (PREPARE_STEPS if posted else ())
        self.seen = set(seen) & set(PREPARE_STEPS)

    def _data(self, post):
        data = post.copy()
        if self.wizard and post.get("berekend_voor") != self.stamp and self.proposal is not None:
            self.changed = True  # another peildatum or co-operation: start again from the new proposal
            for name in CHOICE_FIELDS:
                value = self.prefill.get(name)
                data[name] = "" if value is None else str(value)
        return data

    def done(self, errors: set[str]) -> set[str]:
        """The steps filled in correctly, in order, that the user went past."""
        done: set[str] = set()
        for key in (WEGING, VOORSTEL):
            if self.proposal is None or key not in self.seen or self.fields[key] & errors:
                break
            done.add(key)
        return done

    def allowed(self, done: set[str]) -> list[str]:
        if self.proposal is None:
            return [VOORSTEL]
        return [key for i, key in enumerate(PREPARE_STEPS) if set(PREPARE_STEPS[:i]) <= done]

    def errored_step(self, errors: set[str]) -> str:
        return next((key for key in PREPARE_STEPS if self.fields[key] & errors), AFWIJKEN)

    def record(self):
        """'Besluit vastleggen': the besluit, or the step with the first error open showing its errors."""
        form = self.form
        if form.is_valid():
            try:
                return services.besluit_record(
                    actor=self.request.user, investigation=self.investigation, **form.service_arguments()
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            except rules.RulesError as exc:
                form.add_error(None, str(exc))
        errors = set(form.errors)
        open_key = self.errored_step(errors)
        self.seen |= set(PREPARE_STEPS[: PREPARE_STEPS.index(open_key)])
        _quiet(form, keep=self.fields[open_key])
        return self.context(open_key, self.done(errors), errors=True)

    def navigate(self, requested: str):
        """Going to ``requested`` from the step posted; forward only when that step is filled in correctly."""
        form, post = self.form, self.request.POST
        if self.proposal is not None and "rewrite" in post:
            self.form = form = _rewritten(form, self.proposal, self.investigation)
        form.is_valid()
        errors = set(form.errors)
        current = post.get("stap") if post.get("stap") in PREPARE_STEPS else None
        if (
            current
            and requested in PREPARE_STEPS
            and PREPARE_STEPS.index(requested) > PREPARE_STEPS.index(current)
        ):
            if self.changed and current == VOORSTEL:
                requested = VOORSTEL  # the proposal changed: first show the new one
            elif self.fields[current] & errors or (current == VOORSTEL and self.proposal is None):
                _quiet(form, keep=self.fields[current])
                return self.context(current, self.done(errors), errors=True)
            else:
                self.seen.add(current)
        return self.context(requested, self.done(errors))

    def context(self, requested: str, done: set[str], errors: bool = False) -> dict:
        allowed = self.allowed(done)
        open_key = requested if requested in allowed else next(k for k in allowed if k not in done)
        if not errors:
            _quiet(self.form)
            if (
                open_key == AFWIJKEN
                and self.form.is_bound
                and not self.form.data.get("motivation", "").strip()
            ):
                self.form = _rewritten(self.form, self.proposal, self.investigation)
        form = self.form
        values = form.data if form.is_bound else form.initial
        steps = prepare_steps(done=done, open_key=open_key, no_proposal=self.proposal is None)
        return {
            "investigation": self.investigation,
            "steps": steps,
            "step": {step.key: step for step in steps},
            "open": open_key,
            "gezien": sorted(done),
            "stamp": self.stamp,
            "carried": _carried(form, self.fields[open_key]),
            "carried_all": _carried(form, set()),
            "weging_answers": answer_rows({f.code: values.get(f.field, "") for f in factors()}),
            "proposal_form": self.proposal_form,
            "proposal": self.proposal,
            "labels": proposal_labels(self.proposal["response"]) if self.proposal else None,
            "proposal_error": self.proposal_error,
            "form": form,
        }


def _carried(form: BesluitForm, exclude: set[str]) -> list[tuple[str, str]]:
    """What the other steps hold, as hidden fields (name, value)."""
    names = [name for name in form.fields if name not in exclude]
    if form.is_bound:
        return [(name, value) for name in names for value in form.data.getlist(name)]
    return [(name, str(form.initial[name])) for name in names if form.initial.get(name) not in (None, "")]


@login_required
@permission_required(RECORD, raise_exception=True)
def besluit_prepare(request, investigation_pk: int):
    """In steps: the weging, the proposal with its reasons, then the besluit (prefilled), recorded by the
    consulent. ``?stap=`` opens an earlier step, never one whose steps before it are not done."""
    investigation = or_404(investigation_get, actor=request.user, investigation_id=investigation_pk)
    existing = selectors.besluit_for_investigation(investigation)
    if existing is not None:
        return redirect("decisions:detail", pk=existing.pk)
    if investigation.status != Status.AFGEROND or investigation.outcome != Outcome.SCHENDING:
        return render(request, "decisions/prepare.html", {"investigation": investigation, "not_ready": True})
    page = Prepare(request, investigation)
    post = request.POST
    if request.method != "POST":
        context = page.context(request.GET.get("stap", ""), set())
    elif page.proposal is not None and "rewrite" not in post and ("vastleggen" in post or not page.wizard):
        result = page.record()
        if isinstance(result, Besluit):
            messages.success(request, _recorded_message(result))
            return redirect("decisions:detail", pk=result.pk)
        context = result
    else:
        context = page.navigate(
            post.get("naar") or post.get("stap") or (AFWIJKEN if "rewrite" in post else "")
        )
    return render(request, "decisions/prepare.html", context)


def _recorded_message(besluit: Besluit) -> str:
    if besluit.status == BesluitStatus.TER_ONDERTEKENING:
        return "Het besluit is vastgelegd en wacht op een tweede handtekening (vier ogen)."
    return "Het besluit is vastgelegd en vastgesteld. De vorderingen zijn ingesteld."
