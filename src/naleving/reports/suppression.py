"""Small-number suppression for readers outside the enforcement team (the CBS rule in indicators.md).

A count of 1 to 4 is shown as "<5"; an amount, rate or duration computed from fewer than 5 cases is not
shown (nothing is hidden behind zero cases: there is nothing to show). A rate is also hidden when its numerator is a suppressed count, or the count could be recomputed
from the rate and the denominator. Readers with ``reports.view_unsuppressed`` see every figure.

That primary suppression alone is not enough where figures add up to a shown total: with one "<5" in a
column and the total below it, the hidden count is the total minus the others. So, as CBS does, the tables
get secondary (complementary) suppression too (``secondary_suppression``): in every line that adds up to a
shown total, when exactly one cell is hidden, the smallest other non-zero cell is hidden as well (or, when
every other cell is zero, the total), until no line has exactly one hidden cell. See docs/howto/reports.md.

Tables of one report are linked too: signals by group are sums of signals by origin, the months add up to
the origin table's total, the routes of S2 are the route columns of its total row, the besluiten per district
add up to the total by culpability. ``report_lines`` names those links, and ``report_figures`` runs the
secondary suppression over every table of a report at once, so a hidden cell cannot be recovered across two
tables either.
"""

import itertools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from naleving.common.formatting import euro, percent
from naleving.reports.indicators import fairness
from naleving.reports.indicators.signals import ORIGIN_GROUPS
from naleving.reports.tables import COUNT, RATE, Table

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
        # a count that was not computed (no total for this column) is shown as missing, never as 0
        return Figure(None, NOTHING, False) if value is None else count_figure(value, suppress=suppress)
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


# -- One report at once -------------------------------------------------------------------------------------

#: a table in a report: (indicator, origin, table key)
TableId = tuple[str, str, str]
#: tables in which every count column but "n" adds up to "n" in each row (a cross table with its row total)
ROW_SUMS = {("S2", "by_kind"), ("P2", "by_partner"), ("P2", "after_breach")}


def _equal(a: Hashable, b: Hashable) -> list[Line]:
    """Two cells that show the same number: hiding one hides the other."""
    return [((a,), b), ((b,), a)]


ORIGINS, GROUPS, MONTHS = ("S1", "", "by_origin"), ("S1", "", "by_group"), ("S1", "", "per_month")
KINDS, ROUTES = ("S2", "", "by_kind"), ("S2", "", "by_route")
#: the number of signals received in the period, the total of up to five tables
SIGNAL_TOTALS = (
    (ORIGINS, "n"),
    (GROUPS, "n"),
    (KINDS, "n"),
    (ROUTES, "n"),
    (("S3", "", "funnel"), "received"),
)


def _signal_links(tables: Mapping[TableId, Table]) -> list[Line]:
    """The signal tables: groups are sums of origins, the months add up to the total, every table's total
    is the same number, S2's routes are its cross table's total row, and S3's first column is S1's count."""
    lines: list[Line] = []
    if ORIGINS in tables and GROUPS in tables:
        for key, _label, members in ORIGIN_GROUPS:
            lines.append(([(ORIGINS, str(o), "n") for o in members], (GROUPS, key, "n")))
    if MONTHS in tables:
        parts = [(MONTHS, row.key, "n") for row in tables[MONTHS].rows]
        lines += [(parts, (total, "totaal", "n")) for total in (ORIGINS, GROUPS) if total in tables]
    totals = [(table, "totaal", column) for table, column in SIGNAL_TOTALS if table in tables]
    for a, b in itertools.pairwise(totals):
        lines += _equal(a, b)
    if KINDS in tables and ROUTES in tables:
        lines += [
            line
            for row in tables[ROUTES].rows
            if not row.total
            for line in _equal((ROUTES, row.key, "n"), (KINDS, "totaal", row.key))
        ]
    funnels = [tid for tid in tables if (tid[0], tid[2]) == ("S3", "funnel") and ORIGINS in tables]
    return lines + [
        line
        for tid in funnels
        for row in tables[tid].rows
        if not row.total
        for line in _equal((tid, row.key, "received"), (ORIGINS, row.key, "n"))
    ]


def _rates_behind(tables: Mapping[TableId, Table], added: set[Hashable]) -> set[Hashable]:
    """The rates whose numerator or denominator count is in ``added`` (they would give it back)."""
    return {
        (tid, row.key, column.key)
        for tid, table in tables.items()
        for column in table.columns
        if column.kind == RATE
        for row in table.rows
        if {(tid, row.key, key) for key in (column.cases, column.numerator) if key} & added
    }


def report_lines(tables: Mapping[TableId, Table]) -> list[Line]:
    """Every line of cells ``(table id, row, column)`` that adds up in the tables of one report: within each
    table (``Table.lines``), along the rows of a cross table (``ROW_SUMS``) and across tables."""
    lines: list[Line] = []
    for tid, table in tables.items():
        for parts, total in table.lines():
            lines.append(([(tid, *cell) for cell in parts], (tid, *total) if total else None))
        if (tid[0], tid[2]) in ROW_SUMS:
            counts = [c.key for c in table.columns if c.kind == COUNT and c.key != "n"]
            lines += [([(tid, row.key, c) for c in counts], (tid, row.key, "n")) for row in table.rows]
    lines += _signal_links(tables)
    lines += fairness.links(tables)
    for (indicator, origin, key), table in tables.items():
        culpability = (indicator, origin, "by_culpability")
        if (indicator, key) == ("C2", "by_district") and culpability in tables:
            for column in table.columns:
                if column.adds_up:  # the districts add up to the total by culpability
                    districts = [((indicator, origin, key), row.key, column.key) for row in table.rows]
                    lines.append((districts, (culpability, "totaal", column.key)))
    known = {
        (tid, row.key, column.key) for tid, t in tables.items() for row in t.rows for column in t.columns
    }
    return [
        (parts, total) for parts, total in lines if known.issuperset([*parts, *([total] if total else [])])
    ]


def report_figures(tables: Mapping[TableId, Table], *, suppress: bool) -> dict[Hashable, Figure]:
    """Every cell of the tables of one report as one reader sees it, keyed ``(table id, row, column)``.

    With suppression: the small numbers first (``cell_figure``), then secondary suppression over every line
    of ``report_lines`` at once, so that no hidden figure is a total minus shown ones in its own table or in
    a linked one; last, a rate whose numerator or denominator count is hidden by the second step is hidden
    too (it would give it back).
    """
    figures: dict[Hashable, Figure] = {}
    values: dict[Hashable, Any] = {}
    for tid, table in tables.items():
        for row in table.rows:
            for column in table.columns:
                values[(tid, row.key, column.key)] = row.get(column.key)
                figures[(tid, row.key, column.key)] = cell_figure(
                    column.kind,
                    row.get(column.key),
                    suppress=suppress,
                    cases=row.get(column.cases) if column.cases else None,
                    numerator=row.get(column.numerator) if column.numerator else None,
                )
    if not suppress:
        return figures
    hidden = {cell for cell, figure in figures.items() if figure.suppressed}
    added = secondary_suppression(values, hidden, report_lines(tables))
    for cell in added:
        figures[cell] = Figure(None, HIDDEN, True)
    for cell in _rates_behind(tables, added):
        figures[cell] = Figure(None, HIDDEN, True)
    return figures
