"""Claims (vorderingen) per recovery and per fine, repaid month by month until paid, waived or written off.

While the benefit runs the instalment is set off against it (Pw 60(4)) at 5% of the norm, rounded down (the
room above the 95 % beslagvrije voet); after it ends the resident pays a fixed amount, less reliably. Repayments never exceed the claim.
"""

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from naleving.claims.models import Aflossing, ClaimKind, ClaimStatus, Vordering
from naleving.common.bulk import unsaved
from naleving.demo import texts
from naleving.demo.benefits import Grant
from naleving.demo.common import Ctx, money
from naleving.demo.decisions import Decision
from naleving.investigations.choices import Verwijtbaarheid

SETOFF_SHARE_OF_NORM = Decimal("0.05")
WAIVER_CHANCE = 0.08  # per claim, only without intent or gross negligence (Pw 18a(13), 58(7))
WRITE_OFF_AFTER = timedelta(days=180)  # no payment for half a year after the benefit ended: oninbaar


def _instalment(ctx: Ctx, grant: Grant, setoff: bool, parts: int = 1) -> Decimal:
    """Set off: the decision's recovery and fine share the 5 % room (``parts`` claims)."""
    if setoff:
        share = grant.benefit.norm_amount * SETOFF_SHARE_OF_NORM / parts
        return share.quantize(Decimal("0.01"), ROUND_DOWN)
    return money(ctx.rng.choice((50, 75, 100, 150, 200)))


def _close(claim: Vordering, status: str, day: date) -> None:
    claim.status, claim.status_changed_on, claim.status_changed_by = status, day, claim.resident.consulent
    if status == ClaimStatus.KWIJTGESCHOLDEN:
        claim.waiver_ground, claim.status_reason = texts.CLAIM_WAIVED[claim.kind]
    else:
        claim.status_reason = texts.CLAIM_PAID if status == ClaimStatus.BETAALD else texts.CLAIM_WRITTEN_OFF


def _waive_on(ctx: Ctx, claim: Vordering) -> date | None:
    if ctx.rng.random() < WAIVER_CHANCE:
        return claim.created_on + timedelta(days=ctx.rng.randint(60, 420))
    return None


def _repay(ctx: Ctx, claim: Vordering, grant: Grant, waivable: bool) -> list[Aflossing]:
    """Monthly repayments from a month after the claim until the reference date or the end of the claim."""
    rng, payments, paid = ctx.rng, [], Decimal("0.00")
    lump_sum = claim.amount <= 300 and rng.random() < 0.5
    waive_on = _waive_on(ctx, claim) if waivable else None
    day, last_paid = claim.created_on + timedelta(days=rng.randint(20, 40)), claim.created_on
    while day < ctx.reference_date:
        if waive_on is not None and day >= waive_on:
            _close(claim, ClaimStatus.KWIJTGESCHOLDEN, day)
            break
        if not grant.active_on(day) and day - max(last_paid, grant.active_until) > WRITE_OFF_AFTER:
            _close(claim, ClaimStatus.AFGEBOEKT, day)
            break
        if rng.random() < (0.9 if grant.active_on(day) else 0.45):
            amount = claim.amount - paid if lump_sum else min(claim.monthly_instalment, claim.amount - paid)
            payments.append(
                unsaved(
                    Aflossing,
                    vordering=claim,
                    paid_on=day,
                    amount=amount,
                    registered_by=claim.resident.consulent,
                )
            )
            paid, last_paid = paid + amount, day
        if paid >= claim.amount:
            _close(claim, ClaimStatus.BETAALD, day)
            break
        day += timedelta(days=30)
    return payments


def claim_build(
    ctx: Ctx, decision: Decision, kind: str, amount: Decimal, parts: int = 1
) -> tuple[Vordering, list[Aflossing]]:
    besluit, grant = decision.besluit, decision.case.grant
    created = min(
        besluit.decision_date + timedelta(days=ctx.rng.randint(0, 5)), ctx.reference_date - timedelta(days=1)
    )
    setoff = grant.active_on(created)
    claim = unsaved(Vordering,
        resident=besluit.resident, besluit=besluit, kind=kind, amount=amount, created_on=created,
        status=ClaimStatus.OPEN, monthly_instalment=_instalment(ctx, grant, setoff, parts), setoff=setoff,
    )  # fmt: skip
    waivable = besluit.verwijtbaarheid not in (Verwijtbaarheid.OPZET, Verwijtbaarheid.GROVE_SCHULD)
    return claim, _repay(ctx, claim, grant, waivable)


def claims_build(ctx: Ctx, decisions: list[Decision]) -> None:
    """A vordering for every recovery and every fine, stored on the decision with its repayments."""
    for decision in decisions:
        besluit = decision.besluit
        parts = (besluit.recovery_amount > 0) + (besluit.fine_amount > 0)
        if besluit.recovery_amount > 0:
            decision.claims.append(
                claim_build(ctx, decision, ClaimKind.TERUGVORDERING, besluit.recovery_amount, parts)
            )
        if besluit.fine_amount > 0:
            decision.claims.append(claim_build(ctx, decision, ClaimKind.BOETE, besluit.fine_amount, parts))
