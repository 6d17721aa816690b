"""The rules of a maatregel, in order, each adding one step to the trace (docs/rules/11-maatregel.md):

1. `maatregel_verplichting`: which obligation, from the catalogue (Pw 18(4) onderdeel, or 18(2));
2. `maatregel_verwijtbaarheid`: no culpability at all, no reduction;
3. `maatregel_dringende_redenen`: the college's judgement that there are dringende redenen, no reduction;
4. `maatregel_recidive` (18(4) only): an earlier 18(4) reduction within the window before the breach;
5. `maatregel_verlaging`: the percentage and the months (law and afstemmingsverordening);
6. `maatregel_bedrag`: the norm on the decision date, the monthly and total amount, the reconsideration term.

Rules 2 and 3 settle the outcome (`geen`) and end the chain. Rule 5 needs the verordening's figures: without
them it raises `ParameterNotInForce`, which refuses the proposal.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date
from decimal import Decimal

from naleving.rules.context import CULPABILITY_NL, dutch_date, euro, money_json, step
from naleving.rules.maatregel.catalogue import CATALOGUE, OTHER, Obligation
from naleving.rules.maatregel.model import (
    Maatregel,
    MaatregelRequest,
    MaatregelResponse,
    ObligationOutcome,
)
from naleving.rules.maatregel.validate import validate_maatregel
from naleving.rules.model import Json, TraceStep
from naleving.rules.money import cents
from naleving.rules.norms import applicable_norm, norm_parameters
from naleving.rules.registry import Params, Registry

FOLLOWUP_TALK = "gesprek_re_integratie"
FOLLOWUP_RECONSIDER = "heroverweging"
MONTHS_FIRST = "maatregel.verordening.pw18_4.months_first"
MONTHS_RECIDIVE = "maatregel.verordening.pw18_4.months_recidive"


def used(params: Params, *names: str) -> dict[str, Json]:
    """The parameters a step used, with value, confidence and source, for the trace."""
    return {name: dict(params.dated(name).described) for name in names}


def cited(params: Params, *names: str) -> str:
    return "; ".join(params.dated(name).citation() for name in names)


def months_nl(months: int) -> str:
    return f"{months} maand" if months == 1 else f"{months} maanden"


def percent_nl(percentage: Decimal) -> str:
    return f"{percentage.normalize():f}".replace(".", ",") + " %"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), the last day of a shorter month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def obligation_step(request: MaatregelRequest, obligation: Obligation) -> TraceStep:
    breach = request.obligation
    text = f"U bent deze plicht niet nagekomen: {obligation.label_nl[0].lower()}{obligation.label_nl[1:]}"
    if obligation.mandatory:
        text += " Dit is een plicht uit artikel 18 lid 4 van de Participatiewet. De wet zegt dan dat de bijstand omlaag moet."
    else:
        text += (
            f" De afstemmingsverordening van de gemeente zegt hoeveel de bijstand dan omlaag gaat"
            f" (categorie {breach.category})."
        )
    if obligation.confidence != "H":
        text += " Let op: de tekst van dit onderdeel van de wet is niet helemaal nagelezen."
    inputs: dict[str, Json] = {
        "obligation": breach.code,
        "category": breach.category,
        "breached_on": str(breach.breached_on),
        "confidence": obligation.confidence,
    }
    return step("maatregel_verplichting", obligation.article, inputs, obligation.mandatory, text)


def no_blame(request: MaatregelRequest, params: Params) -> tuple[Maatregel | None, TraceStep]:
    name = "maatregel.no_blame.refrain"
    inputs: dict[str, Json] = {"culpability": request.culpability, "parameters": used(params, name)}
    if request.culpability == "geen" and params.flag(name):
        text = "U valt niets te verwijten. Daarom gaat uw bijstand niet omlaag."
        settled = Maatregel(type="geen", reason="geen_verwijtbaarheid")
        return settled, step("maatregel_verwijtbaarheid", cited(params, name), inputs, True, text)
    text = f"Er is sprake van {CULPABILITY_NL[request.culpability]}. Een verlaging is dus mogelijk."
    return None, step("maatregel_verwijtbaarheid", cited(params, name), inputs, False, text)


def urgent_reasons(request: MaatregelRequest, params: Params) -> tuple[Maatregel | None, TraceStep]:
    name = "maatregel.urgent_reasons.refrain"
    judged = request.judgements.urgent_reasons_maatregel
    inputs: dict[str, Json] = {"urgent_reasons_maatregel": judged, "parameters": used(params, name)}
    if judged and params.flag(name):
        text = "Het college vindt dat er dringende redenen zijn. Daarom gaat uw bijstand niet omlaag."
        settled = Maatregel(type="geen", reason="dringende_redenen")
        return settled, step("maatregel_dringende_redenen", cited(params, name), inputs, True, text)
    text = "Het college ziet geen dringende redenen om van een verlaging af te zien."
    return None, step("maatregel_dringende_redenen", cited(params, name), inputs, False, text)


def recidive(request: MaatregelRequest, params: Params) -> tuple[bool, TraceStep]:
    """An earlier maatregel for an obligation of 18(4) imposed in the window before the breach (both days
    included) makes this one recidive."""
    name = "maatregel.recidive.window_months"
    window = params.integer(name)
    breached_on = request.obligation.breached_on
    start = add_months(breached_on, -window)
    earlier = sorted(
        item.date
        for item in request.history
        if item.type == "maatregel"
        and item.obligation is not None
        and CATALOGUE[item.obligation].mandatory
        and start <= item.date <= breached_on
    )
    inputs: dict[str, Json] = {
        "breached_on": str(breached_on),
        "window_start": str(start),
        "earlier": [str(day) for day in earlier],
        "parameters": used(params, name),
    }
    if earlier:
        text = (
            f"U kreeg op {dutch_date(earlier[-1])} al een verlaging voor een plicht uit artikel 18 lid 4. "
            f"Dat was minder dan {months_nl(window)} voor {dutch_date(breached_on)}. Dit is dus herhaling."
        )
        return True, step("maatregel_recidive", cited(params, name), inputs, True, text)
    text = (
        f"U kreeg in de {months_nl(window)} voor {dutch_date(breached_on)} geen verlaging voor een plicht uit "
        "artikel 18 lid 4. Dit is geen herhaling."
    )
    return False, step("maatregel_recidive", cited(params, name), inputs, False, text)


def reduction(request: MaatregelRequest, params: Params, is_recidive: bool) -> tuple[Decimal, int, TraceStep]:
    """The percentage and the months: 100 % (18(5)) for the verordening's months, or the category's figures."""
    category = request.obligation.category
    if category is None:
        names = ("maatregel.pw18_4.percentage", MONTHS_RECIDIVE if is_recidive else MONTHS_FIRST)
        when = "bij herhaling" if is_recidive else "de eerste keer"
    else:
        prefix = f"maatregel.verordening.category.{category}"
        names = (f"{prefix}.percentage", f"{prefix}.months")
        when = f"voor een plicht in categorie {category}"
    percentage = params.money(names[0])
    months = params.integer(names[1])
    text = (
        f"De afstemmingsverordening zegt {when}: de bijstand gaat {months_nl(months)} met "
        f"{percent_nl(percentage)} omlaag."
    )
    inputs: dict[str, Json] = {"recidive": is_recidive, "parameters": used(params, *names)}
    result: Json = {"percentage": str(percentage), "months": months}
    return percentage, months, step("maatregel_verlaging", cited(params, *names), inputs, result, text)


def amounts(
    request: MaatregelRequest, params: Params, percentage: Decimal, months: int
) -> tuple[Maatregel, TraceStep]:
    household = request.household
    norm = applicable_norm(household.type, household.age_band, household.kostendelers, params)
    monthly = cents(norm * percentage / 100)
    total = monthly * months
    reconsider = params.integer("maatregel.reconsider.max_months")
    names = [*norm_parameters(household.type, household.age_band, household.kostendelers, params)]
    names.append("maatregel.reconsider.max_months")
    inputs: dict[str, Json] = {
        "household": {
            "type": household.type,
            "kostendelers": household.kostendelers,
            "age_band": household.age_band,
        },
        "parameters": used(params, *names),
    }
    result: Json = {
        "norm": money_json(norm),
        "monthly_amount": money_json(monthly),
        "total_amount": money_json(total),
    }
    text = (
        f"Uw bijstandsnorm is {euro(norm)} per maand. De verlaging is {percent_nl(percentage)} daarvan: "
        f"{euro(monthly)} per maand, samen {euro(total)} in {months_nl(months)}. "
        f"Het college bekijkt het besluit binnen {months_nl(reconsider)} opnieuw."
    )
    outcome = Maatregel(
        type="verlaging",
        reason="verlaging_18_lid_4" if request.obligation.category is None else "verlaging_verordening",
        percentage=percentage,
        months=months,
        norm=norm,
        monthly_amount=monthly,
        total_amount=total,
        reconsider_within_months=reconsider,
    )
    citation = f"{params.dated(names[0]).citation()}; {cited(params, 'maatregel.reconsider.max_months')}"
    return outcome, step("maatregel_bedrag", citation, inputs, result, text)


def decide(request: MaatregelRequest, params: Params, trace: list[TraceStep]) -> Maatregel:
    for rule in (no_blame, urgent_reasons):
        settled, rule_step = rule(request, params)
        trace.append(rule_step)
        if settled is not None:
            return settled
    is_recidive = False
    if request.obligation.code != OTHER:
        is_recidive, recidive_step = recidive(request, params)
        trace.append(recidive_step)
    percentage, months, reduction_step = reduction(request, params, is_recidive)
    outcome, amount_step = amounts(request, params, percentage, months)
    trace += [reduction_step, amount_step]
    return replace(outcome, recidive=is_recidive)


def evaluate_maatregel(request: MaatregelRequest, registry: Registry) -> MaatregelResponse:
    """Decide a maatregel request: pure, so the same request and parameter set always give the same response.

    Raises `RuleInputError` for an invalid request and `ParameterNotInForce` when a parameter it needs (the
    afstemmingsverordening's figures, the norm) has no value on the decision date."""
    profile = validate_maatregel(request, registry)
    params = registry.params(profile, request.decision_date)
    obligation = CATALOGUE[request.obligation.code]
    trace = [obligation_step(request, obligation)]
    outcome = decide(request, params, trace)
    followups = (FOLLOWUP_RECONSIDER, FOLLOWUP_TALK) if outcome.type == "verlaging" else (FOLLOWUP_TALK,)
    return MaatregelResponse(
        profile=profile.name,
        rules_version=registry.version,
        decision_date=request.decision_date,
        obligation=ObligationOutcome(
            code=obligation.code,
            article=obligation.article,
            label_nl=obligation.label_nl,
            mandatory=obligation.mandatory,
        ),
        maatregel=outcome,
        followups=followups,
        trace=tuple(trace),
    )
