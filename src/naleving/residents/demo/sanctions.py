"""Decisions (besluiten) on established breaches, and the claims and repayments that follow (pure).

The sanction follows the national rules of decision-contract.md in simplified form (rules_version "demo"):
recovery = benadelingsbedrag (Pw 58(1)); no culpability, no fine (Awb 5:41); a warning when the
benadelingsbedrag is at most €150 and no warning was given in the two years before the breach (Pw 18a(4));
otherwise a fine of 100/75/50/25% by culpability (Boetebesluit art. 2), for normal and reduced culpability
capped at 12 x 5% of the norm (draagkracht: beslagvrije voet 95 %, CRvB 4-8-2020; CRvB 2014:3754); opzet from
€50,000 goes to the OM (aangifte).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from naleving.decisions.models import Besluit, BesluitStatus, CorrectionType, SanctionType
from naleving.investigations.choices import Verwijtbaarheid
from naleving.residents.demo import texts
from naleving.residents.demo.benefits import norm_on
from naleving.residents.demo.common import TZ, Ctx, add_years, money
from naleving.residents.demo.investigations import Case
from naleving.signals.choices import ViolationKind

RULES_VERSION = "demo"
PROFILE = "landelijk"
WARNING_MAX = Decimal("150.00")
AANGIFTE_FROM = Decimal("50000.00")
COSIGN_FROM = Decimal("10000.00")  # four eyes: a teamleider co-signs large recoveries and every deviation
DEVIATION_SHARE = 0.08
PERCENTAGE = {Verwijtbaarheid.OPZET: 100, Verwijtbaarheid.GROVE_SCHULD: 75, Verwijtbaarheid.NORMAAL: 50,
              Verwijtbaarheid.VERMINDERD: 25}  # fmt: skip
DRAAGKRACHT_CAPPED = {Verwijtbaarheid.NORMAAL, Verwijtbaarheid.VERMINDERD}
DRAAGKRACHT_SHARE = Decimal("0.05")  # of the norm a month: the room above the 95 % beslagvrije voet


@dataclass
class Proposal:
    sanction: str
    fine: Decimal = Decimal("0.00")
    percentage: int | None = None
    capped_by: str | None = None
    reason: str = ""


@dataclass
class Decision:
    besluit: Besluit
    case: Case
    claims: list = field(default_factory=list)  # (Vordering, [Aflossing]) pairs, filled by claims_build


def propose(benadeling: Decimal, culpability: str, norm: Decimal, warning_blocked: bool) -> Proposal:
    """The outcome the national rules prescribe for one breach (a simplified decision engine)."""
    if culpability == Verwijtbaarheid.OPZET and benadeling >= AANGIFTE_FROM:
        return Proposal(SanctionType.AANGIFTE, reason="aangiftegrens")
    if culpability == Verwijtbaarheid.GEEN:
        return Proposal(SanctionType.GEEN, reason="geen_verwijtbaarheid")
    if benadeling <= WARNING_MAX and not warning_blocked:
        return Proposal(SanctionType.WAARSCHUWING, reason="benadeling_max_150")
    percentage = PERCENTAGE[culpability]
    fine = money(benadeling * percentage / 100)
    cap = money(12 * DRAAGKRACHT_SHARE * norm)
    if culpability in DRAAGKRACHT_CAPPED and fine > cap:
        return Proposal(SanctionType.BOETE, cap, percentage, "draagkracht", "boete_draagkracht")
    return Proposal(SanctionType.BOETE, fine, percentage, None, "boete_percentage")


def _engine(case: Case, decided: date, norm: Decimal, proposal: Proposal) -> tuple[dict, dict]:
    inv, resident = case.investigation, case.grant.resident
    request = {
        "profile": PROFILE, "decision_date": decided.isoformat(), "regulation": case.grant.benefit.regulation,
        "violation": {"kind": inv.violation_kind, "start": inv.period_start.isoformat(),
                      "end": inv.period_end.isoformat(), "detected_on": inv.opened_on.isoformat()},
        "benadelingsbedrag": str(inv.benadelingsbedrag), "culpability": inv.verwijtbaarheid,
        "household": {"type": resident.household_type, "kostendelers": resident.kostendelers},
    }  # fmt: skip
    response = {
        "rules_version": RULES_VERSION, "breach": True, "benadelingsbedrag": str(inv.benadelingsbedrag),
        "recovery": {"required": True, "amount": str(inv.benadelingsbedrag), "setoff_mandatory": True},
        "sanction": {"type": proposal.sanction, "fine_amount": str(proposal.fine),
                     "base_percentage": proposal.percentage, "capped_by": proposal.capped_by,
                     "reason": proposal.reason},
        "norm": str(norm),
    }  # fmt: skip
    return request, response


def _deviate(ctx: Ctx, besluit: Besluit) -> None:
    """Maatwerk: the consulent departs from the proposal with a written motivation."""
    roll = ctx.rng.random()
    if besluit.sanction_type == SanctionType.BOETE and roll < 0.5:
        besluit.fine_amount, besluit.deviation_motivation = (
            money(besluit.fine_amount / 2),
            texts.DEVIATION_LOWER_FINE,
        )
    elif besluit.sanction_type == SanctionType.BOETE and roll < 0.8:
        besluit.sanction_type, besluit.fine_amount = SanctionType.GEEN, Decimal("0.00")
        besluit.deviation_motivation = texts.DEVIATION_NO_FINE
    else:
        besluit.recovery_amount = money(besluit.recovery_amount / 2)
        besluit.deviation_motivation = texts.DEVIATION_RECOVERY
    besluit.deviates = True
    besluit.omgekeerde_toets = dict(texts.OMGEKEERDE_TOETS)


def _correction(case: Case, decided: date) -> str:
    """Means of the last six months may be set off against the running benefit (Pw 58(4))."""
    inv = case.investigation
    recent = inv.period_end >= decided - timedelta(days=182)
    if inv.violation_kind == ViolationKind.INCOME and recent and case.grant.active_on(decided):
        return CorrectionType.VERREKENING
    return CorrectionType.HERZIENING


def decide(ctx: Ctx, case: Case, decided: date, warning_blocked: bool) -> Besluit:
    inv, resident = case.investigation, case.grant.resident
    norm = norm_on(decided, resident.household_type, resident.kostendelers)
    proposal = propose(inv.benadelingsbedrag, inv.verwijtbaarheid, norm, warning_blocked)
    request, response = _engine(case, decided, norm, proposal)
    besluit = Besluit(
        resident=resident, investigation=inv, decision_date=decided, profile=PROFILE,
        benadelingsbedrag=inv.benadelingsbedrag, correction_type=_correction(case, decided),
        recovery_amount=inv.benadelingsbedrag, sanction_type=proposal.sanction, fine_amount=proposal.fine,
        verwijtbaarheid=inv.verwijtbaarheid, engine_request=request, engine_response=response,
        rules_version=RULES_VERSION, status=BesluitStatus.VASTGESTELD, recorded_by=resident.consulent,
    )  # fmt: skip
    if ctx.rng.random() < DEVIATION_SHARE:
        _deviate(ctx, besluit)
    _four_eyes(ctx, besluit, case.grant.team)
    return besluit


def _four_eyes(ctx: Ctx, besluit: Besluit, team: str) -> None:
    """A teamleider co-signs deviations and large recoveries, later on the day the consulent recorded it."""
    besluit.recorded_at = datetime.combine(besluit.decision_date, time(10, ctx.rng.randint(0, 59)), tzinfo=TZ)
    reasons = [texts.FOUR_EYES_DEVIATION] if besluit.deviates else []
    if besluit.recovery_amount >= COSIGN_FROM:
        reasons.append(texts.FOUR_EYES_AMOUNT)
    if reasons:
        besluit.four_eyes_reasons = reasons
        besluit.cosigned_by = ctx.teamleider(team)
        besluit.cosigned_at = besluit.recorded_at + timedelta(hours=ctx.rng.randint(2, 6))


def decisions_build(ctx: Ctx, cases: list[Case]) -> list[Decision]:
    """A besluit for every breach whose decision date has passed; warnings block warnings for two years."""
    last_warning: dict[str, date] = {}
    decisions = []
    breaches = [c for c in cases if c.is_breach]
    for case in sorted(breaches, key=lambda c: c.investigation.closed_on):
        decided = case.investigation.closed_on + timedelta(days=ctx.rng.randint(3, 28))
        if decided >= ctx.reference_date:
            continue  # the decision is still being prepared
        bsn, start = case.grant.resident.bsn, case.investigation.period_start
        blocked = bsn in last_warning and add_years(start, -2) <= last_warning[bsn] <= start
        besluit = decide(ctx, case, decided, blocked)
        if besluit.sanction_type == SanctionType.WAARSCHUWING:
            last_warning[bsn] = decided
        decisions.append(Decision(besluit, case))
    return decisions
