"""A resident's claims at a glance: per claim what was owed, paid (by method), waived, written off, what is
open and in arrears, the payment term, the reference and the collection steps; with totals. A pure read."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from naleving.claims.arrears import Arrears, arrears_of
from naleving.claims.models import ClaimStatus, PaymentMethod, Vordering
from naleving.claims.selectors import vorderingen_visible_to

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ClaimRow:
    vordering: Vordering
    state: Arrears
    paid_by_method: dict[str, Decimal]
    waived: Decimal
    written_off: Decimal
    open: Decimal
    steps: list = field(default_factory=list)

    @property
    def paid(self) -> Decimal:
        return sum(self.paid_by_method.values(), ZERO)

    @property
    def payments(self) -> list[tuple[str, Decimal]]:
        """(method label, amount) for the methods used on this claim."""
        return [(label, amount) for label, amount in self.paid_by_method.items() if amount]


@dataclass(frozen=True)
class ResidentClaims:
    rows: list[ClaimRow]
    totals: dict[str, Decimal]
    #: (method label, total) for every way of paying, in the order of ``PaymentMethod``
    paid_by_method: list[tuple[str, Decimal]]


METHOD_LABELS = dict(PaymentMethod.choices)


def resident_claims(actor, resident_id: int, on: date) -> ResidentClaims:
    """The actor-visible claims of one resident on ``on``, oldest first."""
    claims = (
        vorderingen_visible_to(actor)
        .filter(resident_id=resident_id)
        .prefetch_related("aflossingen", "stappen")
        .order_by("created_on", "pk")
    )
    rows = []
    for vordering in claims:
        by_method = {label: ZERO for label in METHOD_LABELS.values()}
        for payment in vordering.aflossingen.all():
            by_method[METHOD_LABELS[payment.method]] += payment.amount
        rest = vordering.amount - sum(by_method.values(), ZERO)
        waived = rest if vordering.status == ClaimStatus.KWIJTGESCHOLDEN else ZERO
        written_off = rest if vordering.status == ClaimStatus.AFGEBOEKT else ZERO
        open_amount = rest if vordering.status == ClaimStatus.OPEN else ZERO
        rows.append(ClaimRow(vordering, arrears_of(vordering, on), by_method, max(waived, ZERO),
                             max(written_off, ZERO), max(open_amount, ZERO), list(vordering.stappen.all())))  # fmt: skip
    totals = {
        "amount": sum((r.vordering.amount for r in rows), ZERO),
        "paid": sum((r.paid for r in rows), ZERO),
        "waived": sum((r.waived for r in rows), ZERO),
        "written_off": sum((r.written_off for r in rows), ZERO),
        "open": sum((r.open for r in rows), ZERO),
        "arrears": sum((r.state.arrears for r in rows), ZERO),
    }
    by_method = [
        (label, sum((r.paid_by_method[label] for r in rows), ZERO)) for label in METHOD_LABELS.values()
    ]
    return ResidentClaims(rows, totals, by_method)
