"""No suppressed figure of a report can be derived from its shown figures (issue #16, across tables).

Every linear relation the tables of one report publish (rows add up to the total row, a cross table's
columns add up to its row total, detail rows add up to an aggregate row in another table, the same count
shown in two tables) is written as an equation; with the shown figures filled in, a hidden figure is
derivable when its unit vector lies in the span of the equations over the hidden figures.
"""

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from naleving.reports.build import report_build
from naleving.reports.definitions import REPORTS
from naleving.reports.indicators import INDICATORS
from naleving.reports.periods import parse
from naleving.reports.presentation import report_present, report_tables
from naleving.reports.suppression import report_figures, report_lines

from .conftest import FILTERS
from .test_secondary_suppression import small_counts  # noqa: F401 (a fixture)


def _number(value) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)


def derivable(values: dict, hidden: set, lines) -> list:
    """The hidden cells that the equations ``sum(parts) == total`` pin down, given every shown value."""
    equations = [
        [*parts, total] for parts, total in lines if total is not None
    ]  # a line without its total in the report says nothing more
    unknowns = sorted({cell for eq in equations for cell in eq if cell in hidden}, key=repr)
    if not unknowns:
        return []
    index = {cell: i for i, cell in enumerate(unknowns)}
    matrix = []
    for *parts, total in equations:
        row = [0.0] * len(unknowns)
        for cell in parts:
            if cell in index:
                row[index[cell]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            matrix.append(row)
    if not matrix:
        return []
    a = np.array(matrix)
    rank = np.linalg.matrix_rank(a)
    found = []
    for cell, i in index.items():
        unit = np.zeros(len(unknowns))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            found.append(cell)
    return found


def test_the_rank_check_finds_a_cell_that_two_tables_give_away():
    values = {"a": 3, "b": 7, "t": 10, "g": 3}
    lines = [(("a", "b"), "t"), (("a",), "g")]
    assert derivable(values, {"a", "b"}, lines) == ["a", "b"]  # g shows a, then t - a shows b
    assert derivable(values, {"a", "b", "g"}, lines) == []


@pytest.fixture
def district_fines(make):
    """Fines in three districts: 6 in Zuid, 3 in Noord, 7 in Oost (Groningen's C2 by district)."""
    for district, count in (("Zuid", 6), ("Noord", 3), ("Oost", 7)):
        for i in range(count):
            resident = make.resident(district=district)
            make.besluit(
                resident, date(2025, 4, 1 + i), sanction="boete", fine="150", verwijtbaarheid="normaal"
            )


@pytest.mark.django_db
def test_no_hidden_figure_in_any_report_can_be_derived_from_the_shown_ones(small_counts, district_fines):  # noqa: F811
    leaks, checked, hidden_total = [], 0, 0
    for key in REPORTS:
        data = report_build(key, parse("2025"), FILTERS)
        report = report_present(data, suppress=True)
        tables = report_tables(data, 0)
        values, hidden = {}, set()
        for (indicator, origin, table_key), table in tables.items():
            presented = report.table(f"{indicator}-{table_key}" + (f"-{origin}" if origin else ""))
            for row, raw in zip(presented.rows, table.rows, strict=True):
                for column, figure in zip(presented.columns, row.cells, strict=True):
                    cell = ((indicator, origin, table_key), row.key, column.key)
                    values[cell] = raw.get(column.key)
                    if figure.suppressed:
                        hidden.add(cell)
        lines = report_lines(tables)
        lines = [(p, t) for p, t in lines if t is not None and values[t] is not None]  # a total not shown
        for parts, total in lines:  # the relations hold: they are published, not assumed
            if total is not None:
                assert sum(_number(values[c]) for c in parts) == _number(values[total]), (key, parts, total)
        checked += len(lines)
        hidden_total += len(hidden)
        leaks += [(key, cell, values[cell]) for cell in derivable(values, hidden, lines)]
    assert not leaks, leaks
    assert checked and hidden_total, "the data should give lines and hidden figures"


@pytest.mark.django_db
def test_groningen_hides_a_district_because_the_districts_add_up_to_the_total_by_culpability(district_fines):
    report = report_present(report_build("groningen", parse("2025"), FILTERS), suppress=True)
    districts = report.table("C2-by_district")
    fines = {row.key: row.cells[1] for row in districts.rows}
    assert fines["Noord"].shown == "<5" and fines["Oost"].shown == "7"
    total = next(r for r in report.table("C2-by_culpability").rows if r.key == "totaal").cells[1]
    assert total.shown == "16" and fines["Zuid"].suppressed  # else 16 - 6 - 7 gives Noord


@pytest.mark.django_db
def test_signals_by_group_and_by_origin_together_hide_a_complementary_cell(small_counts):  # noqa: F811
    result = INDICATORS["S1"].compute(parse("2025"), FILTERS)
    tables = {("S1", "", key): result.table(key) for key in ("by_origin", "by_group")}
    figures = report_figures(tables, suppress=True)
    values = {cell: None for cell in figures}
    for tid, table in tables.items():
        for row in table.rows:
            for column in table.columns:
                values[(tid, row.key, column.key)] = row.get(column.key)
    hidden = {cell for cell, figure in figures.items() if figure.suppressed}
    assert figures[(("S1", "", "by_origin"), "brp_laa", "n")].suppressed  # one BRP/LAA signal
    assert derivable(values, hidden, report_lines(tables)) == []
