"""Decisions (besluiten) on established breaches, proposed by the decision engine (pure: no database access).

Every demo decision goes the way ``decisions.services.besluit_record`` goes. The request is the one
``decisions.engine_request.build_request`` builds for the investigation (findings with the amounts per month
or the benadelingsbedrag, detection and self-report dates, household, benefit and the resident's earlier
warnings, fines and reports), built here from the generated objects instead of read back one by one. The
engine (``naleving.rules``) answers from the parameter source the real flow uses (``ruleset.selectors.source``:
the shipped files with the approved parameter sets, read once per load into ``Ctx``); the besluit stores the
request, the response, its ``rules_version``, the parameter set and the outcome chosen, so every demo
decision replays. The consulent follows the
proposal or, in a few cases, deviates the only way the real flow allows: lighter, with a written motivation
and the omgekeerde toets. The profile's four-eyes policy (``rules.four_eyes_policy``) says when a teamleider
co-signs. Decisions are taken in order of their date, so each sees the sanctions decided before it.

Decision dates stay on days the engine has parameters for (``Ctx.decidable``, see ``common.decidable_window``)
and the policy profile of the resident's municipality is in force (``Ctx.decidable_for``; Baanbrekers'
profile starts on 2026-01-01): a decision due before the first such day is taken on it; one due after the last, or on or after the reference
date, is not taken yet (the real flow refuses a date without parameters, and the demo never asks).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from naleving import rules
from naleving.common.bulk import unsaved
from naleving.common.formatting import short_date
from naleving.decisions.deviation import Choice, choice_check, deviation_check
from naleving.decisions.engine_request import (
    HISTORY_TYPE,
    SELF_REPORT_ORIGINS,
    age_band,
    irrevocable_on,
)
from naleving.decisions.models import Besluit, BesluitStatus, Cooperation, SanctionType
from naleving.decisions.motivation import motivation_write
from naleving.decisions.weighing import weighing_check
from naleving.demo import texts
from naleving.demo.common import TZ, Ctx, money
from naleving.demo.investigations import Case

DEVIATION_SHARE = 0.08
#: An earlier sanction as the history of a new request needs it: (decision date, sanction type, kind).
Earlier = tuple[date, str, str]


@dataclass
class Decision:
    besluit: Besluit
    case: Case
    claims: list = field(default_factory=list)  # (Vordering, [Aflossing]) pairs, filled by claims_build


def _four_eyes(ctx: Ctx, profile: str, on: date) -> rules.FourEyes:
    key = ("four_eyes", profile, on)
    if key not in ctx.engine_cache:
        ctx.engine_cache[key] = rules.four_eyes_policy(profile, on, ctx.registry)
    return ctx.engine_cache[key]  # type: ignore[return-value]


def decision_date(ctx: Ctx, case: Case) -> date | None:
    """Three to 28 days after the investigation closed, moved into the days the engine can decide on; None
    while the decision is still being prepared (on or after the reference date, or after those days)."""
    closed = case.investigation.closed_on
    first, last = ctx.decidable_for(case.grant.resident)
    decided = min(max(closed + timedelta(days=ctx.rng.randint(3, 28)), first), last)
    return decided if closed <= decided < ctx.reference_date else None


def _detection(case: Case) -> dict:
    """``detected_on`` and ``self_reported_on`` as ``engine_request._detection`` finds them (the demo
    records no online change reports, so a self-report is a signal of the resident's own)."""
    inv = case.investigation
    detected, self_reported = [inv.opened_on], []
    for signal in case.signals:
        (self_reported if signal.origin in SELF_REPORT_ORIGINS else detected).append(signal.received_on)
    found = {}
    if days := [day for day in detected if day >= inv.period_start]:
        found["detected_on"] = min(days).isoformat()
    if days := [day for day in self_reported if day >= inv.period_start]:
        found["self_reported_on"] = min(days).isoformat()
    return found


def _amounts(case: Case) -> dict:
    if case.months:
        months = sorted(case.months, key=lambda m: m.month)
        return {
            "monthly": [
                {"month": m.month_key, "paid": f"{m.paid:.2f}", "entitled": f"{m.entitled:.2f}"}
                for m in months
            ]
        }
    return {"benadelingsbedrag": f"{case.investigation.benadelingsbedrag:.2f}"}


def _history(earlier: list[Earlier], decided: date) -> list[dict]:
    """``engine_request.history``: the earlier vastgestelde sanctions, a fine irrevocable after its term. A
    demo besluit is sent on its decision date and the bulk history holds no objections, so the day after
    the Atw-extended objection term is ``finality.irrevocable_on`` of the stored besluit."""
    items = []
    for day, sanction_type, kind in sorted(earlier, key=lambda item: item[0]):  # stable: pk order
        item = {"type": HISTORY_TYPE[sanction_type], "kind": kind, "date": day.isoformat()}
        if sanction_type == SanctionType.BOETE:
            final = irrevocable_on(day)
            if final <= decided:
                item["irrevocable_on"] = final.isoformat()
            else:
                item["irrevocable"] = False
        elif sanction_type == SanctionType.AANGIFTE:
            item["irrevocable"] = False
        items.append(item)
    return items


def engine_request(case: Case, decided: date, earlier: list[Earlier], profile: str) -> dict:
    """The decision-contract request ``engine_request.build_request`` gives for this case on ``decided``,
    under ``profile``: the policy profile of the resident's municipality (``Ctx.profile_of``)."""
    inv, resident, benefit = case.investigation, case.grant.resident, case.grant.benefit
    on_benefit = case.grant.active_on(decided)
    violation = {"kind": inv.violation_kind, "start": inv.period_start.isoformat(),
                 "end": inv.period_end.isoformat(), **_detection(case)}  # fmt: skip
    return {
        "profile": profile,
        "decision_date": decided.isoformat(),
        "regulation": benefit.regulation if on_benefit else "Pw",
        "violation": violation,
        **_amounts(case),
        "culpability": inv.verwijtbaarheid,
        "history": _history(earlier, decided),
        "household": {
            "type": resident.household_type,
            "kostendelers": resident.kostendelers,
            "age_band": age_band(resident.birth_date, decided),
        },
        "income": {"on_benefit": on_benefit},
        "cooperation": Cooperation.YES,
    }


def _deviation(ctx: Ctx, proposed: Choice) -> tuple[Choice, str] | None:
    """Maatwerk: a lighter outcome than the proposal and its motivation, or None when halving changes
    nothing (the real flow allows no heavier sanction, no higher fine and no higher recovery)."""
    roll = ctx.rng.random()
    if proposed.sanction_type == SanctionType.BOETE and roll < 0.5:
        chosen = Choice(SanctionType.BOETE, money(proposed.fine_amount / 2), proposed.recovery_amount)
        motivation = texts.DEVIATION_LOWER_FINE
    elif proposed.sanction_type == SanctionType.BOETE and roll < 0.8:
        chosen = Choice(SanctionType.GEEN, Decimal("0.00"), proposed.recovery_amount)
        motivation = texts.DEVIATION_NO_FINE
    else:
        halved = money(proposed.recovery_amount / 2)
        chosen = Choice(proposed.sanction_type, proposed.fine_amount, halved)
        motivation = texts.DEVIATION_RECOVERY
    if chosen == proposed:
        return None
    # The real flow's checks: never heavier than the proposal, amounts in cents, a written motivation and
    # every question of the omgekeerde toets answered (decisions.deviation).
    choice_check(chosen, proposed)
    deviation_check(motivation, dict(texts.OMGEKEERDE_TOETS))
    return chosen, motivation


def _weging(case: Case, sanction_type: str) -> dict[str, str]:
    """Plausible answers to every weighing factor, chosen per case without the random source (so the rest
    of the demo stays as it was), checked as the real flow checks them."""
    inv = case.investigation
    pick = inv.period_start.toordinal()
    hearing = case.hearings[-1].summary if case.hearings else ""
    answer = texts.WEGING_ANSWER[pick % len(texts.WEGING_ANSWER)]
    answers = {
        "aard_ernst": texts.WEGING_NATURE.format(
            kind=inv.get_violation_kind_display(),
            start=short_date(inv.period_start),
            end=short_date(inv.period_end),
        ),
        "verwijtbaarheid_redenen": inv.verwijtbaarheid_motivation,
        "rol_gemeente": texts.WEGING_ROLE[pick % len(texts.WEGING_ROLE)],
        "omstandigheden_draagkracht": texts.WEGING_CIRCUMSTANCES[pick % len(texts.WEGING_CIRCUMSTANCES)],
        "dringende_redenen": texts.WEGING_URGENT,
        "zienswijze": f"{hearing} {answer}" if hearing else texts.WEGING_NO_REACTION,
    }
    return weighing_check(answers, sanction_type, inv.verwijtbaarheid)


def _motivate(besluit: Besluit, case: Case) -> None:
    """The weighing and the motivation the prepare page would prefill (pure: no database)."""
    besluit.weging = _weging(case, besluit.sanction_type)
    besluit.motivation = motivation_write(
        engine_response=besluit.engine_response, engine_request=besluit.engine_request,
        sanction_type=besluit.sanction_type, fine_amount=besluit.fine_amount,
        recovery_amount=besluit.recovery_amount, verwijtbaarheid=besluit.verwijtbaarheid,
        answers=besluit.weging, regulation=besluit.engine_request["regulation"],
    )  # fmt: skip


def _sign(ctx: Ctx, besluit: Besluit, team: str) -> None:
    """Recorded on the decision date; co-signed by a teamleider later that day when the profile's four-eyes
    policy gives a reason (then it is vastgesteld at the second signature)."""
    besluit.recorded_at = datetime.combine(besluit.decision_date, time(10, ctx.rng.randint(0, 59)), tzinfo=TZ)
    reasons = _four_eyes(ctx, besluit.profile, besluit.decision_date).reasons(
        sanction_type=besluit.sanction_type,
        fine_amount=besluit.fine_amount,
        recovery_amount=besluit.recovery_amount,
        deviates=besluit.deviates,
    )
    besluit.four_eyes_reasons = [{"code": reason.code, "text": reason.text_nl} for reason in reasons]
    if reasons:
        besluit.cosigned_by = ctx.teamleider(team)
        besluit.cosigned_at = besluit.recorded_at + timedelta(hours=ctx.rng.randint(2, 6))


def decide(ctx: Ctx, case: Case, decided: date, earlier: list[Earlier]) -> Besluit:
    """The besluit on one case: the engine's proposal, followed or (now and then) made lighter."""
    inv, resident = case.investigation, case.grant.resident
    request = engine_request(case, decided, earlier, ctx.profile_of(resident))
    parsed = rules.parse_request(request, registry=ctx.registry)
    response = rules.response_to_dict(rules.evaluate(parsed, ctx.registry))
    chosen = proposed = Choice.proposed(response)
    deviation = _deviation(ctx, proposed) if ctx.rng.random() < DEVIATION_SHARE else None
    if deviation is not None:
        chosen = deviation[0]
    besluit = unsaved(Besluit,
        resident=resident, investigation=inv, decision_date=decided, profile=response["profile"],
        gemeente_id=resident.gemeente_id,
        benadelingsbedrag=Decimal(response["benadelingsbedrag"]), correction_type=response["correction"]["type"],
        recovery_amount=chosen.recovery_amount, sanction_type=chosen.sanction_type,
        fine_amount=chosen.fine_amount, verwijtbaarheid=inv.verwijtbaarheid, engine_request=request,
        engine_response=response, rules_version=response["rules_version"],
        parameter_set_seq=ctx.parameter_set_seq, deviates=deviation is not None,
        deviation_motivation=deviation[1] if deviation else "",
        omgekeerde_toets=dict(texts.OMGEKEERDE_TOETS) if deviation else {}, cooperation=Cooperation.YES,
        status=BesluitStatus.VASTGESTELD, recorded_by=resident.consulent, sent_on=decided,
    )  # fmt: skip
    _motivate(besluit, case)
    _sign(ctx, besluit, case.grant.team)
    return besluit


def decisions_build(
    ctx: Ctx, cases: list[Case], earlier: dict[int, list[Earlier]] | None = None
) -> list[Decision]:
    """A besluit for every breach whose decision date has come, in order of date; ``earlier`` holds the
    sanctions already in the database per resident id (the history of the theme controls' cases)."""
    dated = []
    for case in sorted((c for c in cases if c.is_breach), key=lambda c: c.investigation.closed_on):
        decided = decision_date(ctx, case)
        if decided is not None:
            dated.append((decided, case))
    history = {resident_id: list(items) for resident_id, items in (earlier or {}).items()}
    decisions = []
    for decided, case in sorted(dated, key=lambda item: item[0]):
        resident_id = case.grant.resident.pk
        before = [item for item in history.get(resident_id, []) if item[0] <= decided]
        besluit = decide(ctx, case, decided, before)
        if besluit.sanction_type in HISTORY_TYPE:
            history.setdefault(resident_id, []).append(
                (decided, besluit.sanction_type, case.investigation.violation_kind)
            )
        decisions.append(Decision(besluit, case))
    return decisions
