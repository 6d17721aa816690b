"""Arrears (achterstand) of a claim on a date, and the collection step that may follow: pure reads.

What should have been paid by ``on``:
- with a repayment plan (``monthly_instalment``): one instalment per month from ``start_on`` (the start day
  and the same day of each later month, up to and including ``on``), never more than the amount;
- without one: the whole amount once the payment term (``due_on``, Awb 4:87) has passed.
Nothing is due before the payment term started (the besluit letter was sent). A claim set off against the
benefit is collected by the monthly set-off (``claims.setoff``), never by aanmaning or dwangbevel.

The next step (Awb title 4.4): an aanmaning once the payment term passed with an amount in arrears (4:112);
a dwangbevel once the aanmaning's two-week term passed without full payment (4:117(1)); after a dwangbevel
the bailiff (deurwaarder) collects and payments are registered with method ``dwangbevel``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from naleving.claims.models import ClaimStatus, Invorderingsstap, StepKind, Vordering
from naleving.claims.selectors import vorderingen_visible_to

ZERO = Decimal("0.00")


class NextStep:
    NONE = "geen"
    SETOFF = "verrekening"
    WAITING = "betalingstermijn"
    AANMANING_DUE = "aanmaning"
    AANMANING_RUNNING = "aanmaningstermijn"
    DWANGBEVEL_POSSIBLE = "dwangbevel"
    DWANGBEVEL_ISSUED = "deurwaarder"


NEXT_STEP_LABELS = {
    NextStep.NONE: "Geen",
    NextStep.SETOFF: "Verrekening met de uitkering (maandelijks)",
    NextStep.WAITING: "Betalingstermijn loopt",
    NextStep.AANMANING_DUE: "Aanmaning sturen (art. 4:112 Awb)",
    NextStep.AANMANING_RUNNING: "Aanmaningstermijn loopt",
    NextStep.DWANGBEVEL_POSSIBLE: "Dwangbevel mogelijk (art. 4:117 Awb)",
    NextStep.DWANGBEVEL_ISSUED: "Dwangbevel uitgevaardigd: de deurwaarder int",
}


def months_between(start: date, on: date) -> int:
    """How many monthly due days (``start``, then the same day of each next month) fall on or before ``on``."""
    if on < start:
        return 0
    months = (on.year - start.year) * 12 + on.month - start.month
    return months + (1 if on.day >= start.day else 0)


def expected_by(vordering: Vordering, on: date) -> Decimal:
    """What should have been paid on ``on`` (see the module docstring)."""
    if vordering.due_on is None:
        return ZERO
    if vordering.monthly_instalment:
        start = vordering.start_on or vordering.due_on
        return min(vordering.amount, vordering.monthly_instalment * months_between(start, on))
    return vordering.amount if on > vordering.due_on else ZERO


def paid_by(vordering: Vordering, on: date) -> Decimal:
    return sum((a.amount for a in vordering.aflossingen.all() if a.paid_on <= on), ZERO)


@dataclass(frozen=True)
class Arrears:
    vordering: Vordering
    on: date
    expected: Decimal
    paid: Decimal
    arrears: Decimal
    aanmaning: Invorderingsstap | None
    dwangbevel: Invorderingsstap | None
    next_step: str

    @property
    def next_step_label(self) -> str:
        return NEXT_STEP_LABELS[self.next_step]

    @property
    def open(self) -> Decimal:
        return max(self.vordering.amount - self.paid, ZERO)


def last_step(vordering: Vordering, kind: str) -> Invorderingsstap | None:
    steps = [s for s in vordering.stappen.all() if s.kind == kind]
    return max(steps, key=lambda s: (s.sent_on, s.pk)) if steps else None


def arrears_of(vordering: Vordering, on: date) -> Arrears:
    expected, paid = expected_by(vordering, on), paid_by(vordering, on)
    arrears = max(expected - paid, ZERO) if vordering.status == ClaimStatus.OPEN else ZERO
    aanmaning = last_step(vordering, StepKind.AANMANING)
    dwangbevel = last_step(vordering, StepKind.DWANGBEVEL)
    if dwangbevel is not None and aanmaning is not None and dwangbevel.sent_on < aanmaning.sent_on:
        dwangbevel = None  # a new round: the latest aanmaning came after the last dwangbevel
    return Arrears(vordering, on, expected, paid, arrears, aanmaning, dwangbevel,
                   _next_step(vordering, on, arrears, aanmaning, dwangbevel))  # fmt: skip


def _next_step(vordering: Vordering, on: date, arrears: Decimal, aanmaning, dwangbevel) -> str:
    if vordering.status != ClaimStatus.OPEN:
        return NextStep.NONE
    if vordering.setoff:
        return NextStep.SETOFF
    if dwangbevel is not None:
        return NextStep.DWANGBEVEL_ISSUED
    if vordering.due_on is None or on <= vordering.due_on:
        return NextStep.WAITING if vordering.due_on else NextStep.NONE
    if arrears <= 0:
        return NextStep.NONE
    if aanmaning is not None and on <= aanmaning.term_end:
        return NextStep.AANMANING_RUNNING
    if aanmaning is not None and paid_by(vordering, aanmaning.term_end) < aanmaning_owed(aanmaning):
        return NextStep.DWANGBEVEL_POSSIBLE
    return NextStep.AANMANING_DUE


def aanmaning_owed(aanmaning: Invorderingsstap) -> Decimal:
    """What had to be paid by the end of the aanmaning's term: everything paid before it plus its amount."""
    return paid_by(aanmaning.vordering, aanmaning.sent_on) + aanmaning.amount_due


def collection_worklist(actor, on: date) -> list[Arrears]:
    """Open claims paid by transfer with an amount in arrears on ``on``, within the actor's scope: the
    claims that need a step first (dwangbevel possible, aanmaning due), then the others."""
    claims = (
        vorderingen_visible_to(actor)
        .filter(status=ClaimStatus.OPEN, setoff=False, due_on__lt=on)
        .prefetch_related("aflossingen", "stappen")
    )
    found = [a for a in (arrears_of(v, on) for v in claims) if a.arrears > 0]
    order = [NextStep.DWANGBEVEL_POSSIBLE, NextStep.AANMANING_DUE, NextStep.AANMANING_RUNNING]
    return sorted(
        found,
        key=lambda a: (order.index(a.next_step) if a.next_step in order else len(order), a.vordering.due_on),
    )


def collection_counts(actor, on: date) -> dict[str, int]:
    found = collection_worklist(actor, on)
    actionable = (NextStep.AANMANING_DUE, NextStep.DWANGBEVEL_POSSIBLE)
    return {"arrears": len(found), "actionable": sum(1 for a in found if a.next_step in actionable)}
