"""Small-number suppression for readers outside the enforcement team (the CBS rule in indicators.md).

A count of 1 to 4 is shown as "<5"; an amount, rate or duration computed from fewer than 5 cases is not
shown (nothing is hidden behind zero cases: there is nothing to show). A rate is also hidden when its numerator is a suppressed count, or the count could be recomputed
from the rate and the denominator. Readers with ``reports.view_unsuppressed`` see every figure.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from naleving.common.formatting import euro, percent

THRESHOLD = 5
SMALL = "<5"
HIDDEN = "niet getoond"
NOTHING = "–"


@dataclass(frozen=True)
class Figure:
    """A figure as shown to one reader: the value, or a suppressed placeholder."""

    value: int | Decimal | None
    shown: str
    suppressed: bool


def is_small(count: int | None) -> bool:
    return count is not None and 0 < count < THRESHOLD


def count_figure(count: int, *, suppress: bool) -> Figure:
    if suppress and 0 < count < THRESHOLD:
        return Figure(None, SMALL, True)
    return Figure(count, f"{count}", False)


def amount_figure(amount: Decimal | None, cases: int, *, suppress: bool) -> Figure:
    """An amount or rate computed from fewer than 5 cases is not shown to those who get suppression."""
    if suppress and cases < THRESHOLD:
        return Figure(None, "niet getoond (minder dan 5 gevallen)", True)
    value = amount or Decimal("0")
    return Figure(value, euro(value), False)


def percentage(value: Decimal | float) -> str:
    """0.0123 → ``1,2%``; below 1% with two decimals (``0,85%``) so a < 1% target stays readable."""
    return percent(value, 2 if abs(Decimal(str(value))) < Decimal("0.01") else 1)


def days_text(value: Decimal | float | int) -> str:
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{number.normalize():f}" if number == number.to_integral() else f"{number}"
    return text.replace(".", ",")


def cell_figure(
    kind: str,
    value,
    *,
    suppress: bool,
    cases: int | None = None,
    numerator: int | None = None,
) -> Figure:
    """One table cell for one reader. ``kind`` is a column kind of ``reports.tables``; ``cases`` is the
    number of cases behind an amount, rate or duration, ``numerator`` the count a rate was computed from."""
    if kind == "count":
        return count_figure(value or 0, suppress=suppress)
    if kind == "text":
        return Figure(value, "" if value is None else str(value), False)
    if suppress and (is_small(cases) or is_small(numerator)):
        return Figure(None, HIDDEN, True)
    if value is None:
        return Figure(None, NOTHING, False)
    if kind == "amount":
        return Figure(value, euro(value), False)
    if kind == "rate":
        return Figure(value, percentage(value), False)
    return Figure(value, days_text(value), False)
