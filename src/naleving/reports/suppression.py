"""Small-number suppression for readers outside the enforcement team (the CBS rule in indicators.md).

A count of 1 to 4 is shown as "<5"; an amount, rate or duration computed from fewer than 5 cases is not
shown (nothing is hidden behind zero cases: there is nothing to show). A rate is also hidden when its numerator is a suppressed count, or the count could be recomputed
from the rate and the denominator. Readers with ``reports.view_unsuppressed`` see every figure.

That primary suppression alone is not enough where figures add up to a shown total: with one "<5" in a
column and the total below it, the hidden count is the total minus the others. So, as CBS does, the tables
get secondary (complementary) suppression too (``secondary_suppression``): in every line that adds up to a
shown total, when exactly one cell is hidden, the smallest other non-zero cell is hidden as well (or, when
every other cell is zero, the total), until no line has exactly one hidden cell. See docs/howto/reports.md.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
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


#: one line of a table that adds up: the cells that are its parts, and the cell of their total (None: the
#: total is not in the table but shown elsewhere, so it can never be hidden here)
Line = tuple[Sequence[Hashable], Hashable | None]


def secondary_suppression(
    values: Mapping[Hashable, int | Decimal | None], hidden: Iterable[Hashable], lines: Iterable[Line]
) -> set[Hashable]:
    """The cells to hide on top of ``hidden`` so that no hidden cell is the difference of shown ones.

    For every line whose total is shown and exactly one of whose parts is hidden, hide the smallest other
    part that is not zero (a hidden zero would give the first one away: total minus the others would be
    it); when every other part is zero (or empty), hide the total instead. Hiding a cell may leave another
    line (the crossing row or column) with exactly one hidden cell, so repeat until nothing changes. The
    result only grows, so this ends. Returns the added cells only.
    """
    lines = [(tuple(parts), total) for parts, total in lines]
    primary = set(hidden)
    hidden = set(primary)
    changed = True
    while changed:
        changed = False
        for parts, total in lines:
            if total in hidden or sum(1 for cell in parts if cell in hidden) != 1:
                continue
            candidates = [cell for cell in parts if cell not in hidden and values.get(cell)]
            if candidates:
                hidden.add(min(candidates, key=lambda cell: values[cell]))
            elif total is not None:
                hidden.add(total)
            else:
                continue  # nothing left to hide in this line
            changed = True
    return hidden - primary
