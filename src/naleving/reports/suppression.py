"""Small-number suppression for readers outside the enforcement team (the CBS rule in indicators.md)."""

from dataclasses import dataclass
from decimal import Decimal

THRESHOLD = 5


@dataclass(frozen=True)
class Figure:
    """A figure as shown to one reader: the value, or a suppressed placeholder."""

    value: int | Decimal | None
    shown: str
    suppressed: bool


def count_figure(count: int, *, suppress: bool) -> Figure:
    if suppress and 0 < count < THRESHOLD:
        return Figure(None, "<5", True)
    return Figure(count, f"{count}", False)


def amount_figure(amount: Decimal | None, cases: int, *, suppress: bool) -> Figure:
    """An amount or rate computed from fewer than 5 cases is not shown to those who get suppression."""
    if suppress and cases < THRESHOLD:
        return Figure(None, "niet getoond (minder dan 5 gevallen)", True)
    value = amount or Decimal("0")
    return Figure(value, f"€ {value:,.2f}".replace(",", "X").replace(".", ",").replace("X", "."), False)
