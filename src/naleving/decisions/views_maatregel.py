"""The maatregel pages: report a verzuim from the resident's page, the verzuim with its hearing, closing it
without a maatregel, the list of open verzuimen, and preparing and recording the maatregel (the proposal of
the decision rules with its reasons, the weighing, the motivation). The besluit then lives on the ordinary
besluit page with its letter (``views.besluit_detail``, ``views_letters``)."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving import rules
from naleving.audit.edge import shows_residents
from naleving.common.forms import add_validation_errors
from naleving.common.views import or_404
from naleving.decisions import maatregel
from naleving.decisions.engine_errors import dutch_message
from naleving.decisions.forms_maatregel import (
    CloseForm,
    HearingForm,
    MaatregelForm,
    MaatregelProposalForm,
    VerzuimForm,
)
from naleving.decisions.maatregel_request import obligations
from naleving.decisions.models import BesluitStatus, VerzuimStatus
from naleving.decisions.motivation import maatregel_motivation_write
from naleving.decisions.permissions import RECORD
from naleving.decisions.selectors_maatregel import (
    may_see_verzuimen,
    verzuim_get,
    verzuimen_open,
)
from naleving.residents.reads import case_shown
from naleving.residents.selectors import resident_get


def _require_viewer(request) -> None:
    if not may_see_verzuimen(request.user):
        raise PermissionDenied


@login_required
def verzuim_list(request):
    """The open verzuimen in the user's scope: to hear, or to decide."""
    _require_viewer(request)
    verzuimen = list(verzuimen_open(request.user)[:200])
    shows_residents(request, (v.resident_id for v in verzuimen), purpose="Open verzuimen in de werkvoorraad")
    catalogue = obligations()
    rows = [(v, catalogue.get(v.obligation)) for v in verzuimen]
    return render(request, "decisions/maatregel/verzuim_list.html", {"rows": rows})


@login_required
@permission_required(RECORD, raise_exception=True)
def verzuim_create(request, resident_pk: int):
    """Verzuim melden: which obligation, when, what happened."""
    resident = or_404(resident_get, actor=request.user, resident_id=resident_pk)
    case_shown(request, resident, resident, code="resident.viewed", purpose="Verzuim melden")
    form = VerzuimForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            verzuim = maatregel.verzuim_register(actor=request.user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Het verzuim is gemeld. Nodig de inwoner uit voor een zienswijze.")
            return redirect("decisions:verzuim_detail", pk=verzuim.pk)
    return render(request, "decisions/maatregel/verzuim_form.html", {"resident": resident, "form": form})


def _detail(request, verzuim, *, hearing_form=None, close_form=None, status=200):
    case_shown(request, verzuim, verzuim.resident, code="verzuim.viewed")
    can_act = verzuim.status in maatregel.OPEN and request.user.has_perm(RECORD)
    context = {
        "verzuim": verzuim,
        "obligation": obligations().get(verzuim.obligation),
        "can_act": can_act,
        "hearing_form": (hearing_form or HearingForm(initial=_hearing_initial(verzuim))) if can_act else None,
        "close_form": (close_form or CloseForm()) if can_act else None,
    }
    return render(request, "decisions/maatregel/verzuim_detail.html", context, status=status)


def _hearing_initial(verzuim) -> dict:
    return {
        "invited_on": verzuim.hearing_invited_on,
        "heard_on": verzuim.hearing_on,
        "record": verzuim.hearing_record,
    }


@login_required
def verzuim_detail(request, pk: int):
    _require_viewer(request)
    return _detail(request, or_404(verzuim_get, actor=request.user, verzuim_id=pk))


@login_required
@require_POST
@permission_required(RECORD, raise_exception=True)
def verzuim_hearing(request, pk: int):
    verzuim = or_404(verzuim_get, actor=request.user, verzuim_id=pk)
    form = HearingForm(request.POST)
    if form.is_valid():
        try:
            maatregel.verzuim_hearing(actor=request.user, verzuim=verzuim, **form.service_arguments())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Het horen is vastgelegd. U kunt het besluit voorbereiden.")
            return redirect("decisions:verzuim_detail", pk=verzuim.pk)
    return _detail(request, verzuim, hearing_form=form)


@login_required
@require_POST
@permission_required(RECORD, raise_exception=True)
def verzuim_close(request, pk: int):
    verzuim = or_404(verzuim_get, actor=request.user, verzuim_id=pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            maatregel.verzuim_close(actor=request.user, verzuim=verzuim, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Het verzuim is gesloten zonder maatregel.")
            return redirect("decisions:verzuim_detail", pk=verzuim.pk)
    return _detail(request, verzuim, close_form=form)


# -- preparing and recording the maatregel -----------------------------------------------------------------


def _proposal(request, verzuim, proposal_form):
    """(the proposal, an error text, whether the verordening's figures are missing)."""
    if not proposal_form.is_valid():
        return None, "", False
    try:
        return (
            maatregel.maatregel_propose(actor=request.user, verzuim=verzuim, **proposal_form.cleaned_data),
            "",
            False,
        )
    except ValidationError as exc:
        add_validation_errors(proposal_form, exc)
        return None, "", False
    except rules.RuleInputError as exc:
        return None, dutch_message(exc), exc.code == "parameter_not_in_force"
    except rules.RulesError as exc:
        return None, f"De beslisregels kunnen op deze datum geen voorstel doen: {exc}", False


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _motivation(proposal: dict, verzuim, values: dict) -> str:
    response = proposal["response"]
    chosen = response["maatregel"]

    def value(name: str, default):
        return default if values.get(name) in (None, "") else values[name]

    percentage = Decimal(str(value("percentage", chosen["percentage"])))
    months = int(value("months", chosen["months"]))
    deviates = (percentage, months) != (Decimal(chosen["percentage"]), int(chosen["months"]))
    monthly, total = maatregel._amounts(chosen, percentage, months, deviates)
    start = value("start_month", None)
    if isinstance(start, str):
        start = date.fromisoformat(start) if start else None
    return maatregel_motivation_write(
        engine_response=response,
        verzuim=verzuim,
        percentage=percentage,
        months=months,
        start_month=(start or _next_month(proposal["decision_date"])).replace(day=1),
        monthly=monthly,
        total=total,
        answers={factor_code: values.get(f"weging_{factor_code}", "") for factor_code in _codes()},
    )


def _codes() -> list[str]:
    from naleving.decisions.weighing import MAATREGEL, factors

    return [factor.code for factor in factors(MAATREGEL)]


def _prefill(proposal: dict, verzuim, proposal_form) -> dict:
    chosen = proposal["response"]["maatregel"]
    initial = {
        **proposal_form.cleaned_data,
        "percentage": chosen["percentage"],
        "months": chosen["months"],
        "start_month": _next_month(proposal_form.cleaned_data["decision_date"]),
        "verwijtbaarheid_motivation": verzuim.verwijtbaarheid_motivation,
    }
    initial["motivation"] = _motivation(proposal, verzuim, initial)
    return initial


def _rewritten(form: MaatregelForm, proposal: dict, verzuim) -> MaatregelForm:
    """'Motivering opnieuw opstellen': the form as posted, unbound, with a motivation written anew."""
    form.is_valid()
    values = {name: form.data.get(name) for name in form.fields}
    for name in ("percentage", "months", "start_month"):
        if form.cleaned_data.get(name) is not None:
            values[name] = form.cleaned_data[name]
    values["motivation"] = _motivation(proposal, verzuim, values)
    return MaatregelForm(None, initial=values)


@login_required
@permission_required(RECORD, raise_exception=True)
def maatregel_prepare(request, pk: int):
    """Besluit voorbereiden: the proposal with its reasons, then the maatregel (prefilled), recorded."""
    verzuim = or_404(verzuim_get, actor=request.user, verzuim_id=pk)
    if verzuim.besluit_id:
        return redirect("decisions:detail", pk=verzuim.besluit_id)
    case_shown(request, verzuim, verzuim.resident, code="verzuim.viewed", purpose="Maatregel voorbereiden")
    context = {"verzuim": verzuim, "obligation": obligations().get(verzuim.obligation)}
    if verzuim.status != VerzuimStatus.GEHOORD:
        return render(request, "decisions/maatregel/prepare.html", {**context, "not_ready": True})
    source = request.POST if request.method == "POST" else request.GET
    initial = {"decision_date": timezone.localdate(), "verwijtbaarheid": verzuim.verwijtbaarheid or "normaal"}
    proposal_form = MaatregelProposalForm(
        source if "decision_date" in source else initial, auto_id="voorstel_%s"
    )
    proposal, proposal_error, missing_figures = _proposal(request, verzuim, proposal_form)
    form = None
    if proposal is not None:
        proposal["decision_date"] = proposal_form.cleaned_data["decision_date"]
        data = request.POST if request.method == "POST" else None
        form = MaatregelForm(data, initial=_prefill(proposal, verzuim, proposal_form))
        if data is not None and "rewrite" in data:
            form = _rewritten(form, proposal, verzuim)
        elif data is not None and form.is_valid():
            try:
                besluit = maatregel.maatregel_record(
                    actor=request.user, verzuim=verzuim, **form.service_arguments()
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
        "proposal_error": proposal_error,
        "missing_figures": missing_figures,
        "form": form,
    }
    return render(request, "decisions/maatregel/prepare.html", context)


def _recorded_message(besluit) -> str:
    if besluit.status == BesluitStatus.TER_ONDERTEKENING:
        return "De maatregel is vastgelegd en wacht op een tweede handtekening (vier ogen)."
    return "De maatregel is vastgelegd en vastgesteld. U kunt de brief versturen."
