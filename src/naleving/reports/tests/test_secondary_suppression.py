"""Secondary (complementary) suppression: no hidden figure is a shown total minus shown figures (issue #16)."""

from datetime import date
from decimal import Decimal

import pytest

from naleving.reports.build import report_build
from naleving.reports.definitions import REPORTS
from naleving.reports.periods import parse
from naleving.reports.presentation import PresentedTable, report_present, table_figures
from naleving.reports.suppression import HIDDEN, SMALL, secondary_suppression
from naleving.reports.tables import AMOUNT, RATE, Column, Row, Table

from .conftest import FILTERS


def test_one_hidden_cell_in_a_line_takes_the_smallest_other_non_zero_cell_with_it():
    values = {"a": 3, "b": 0, "c": 9, "d": 6, "t": 18}
    added = secondary_suppression(values, {"a"}, [(("a", "b", "c", "d"), "t")])
    assert added == {"d"}  # not "b": a hidden zero would give "a" away


def test_when_every_other_cell_is_zero_the_total_is_hidden():
    values = {"a": 3, "b": 0, "t": 3}
    assert secondary_suppression(values, {"a"}, [(("a", "b"), "t")]) == {"t"}


def test_two_hidden_cells_or_a_hidden_total_need_nothing_more():
    values = {"a": 3, "b": 2, "c": 9, "t": 14}
    assert secondary_suppression(values, {"a", "b"}, [(("a", "b", "c"), "t")]) == set()
    assert secondary_suppression(values, {"a", "t"}, [(("a", "b", "c"), "t")]) == set()


def test_hiding_repeats_over_crossing_lines_until_stable():
    # Two columns that each add up, and two rows that each add up (a small cross table).
    values = {"x1": 3, "x2": 7, "y1": 8, "y2": 6, "X": 10, "Y": 14, "c1": 11, "c2": 13}
    lines = [
        (("x1", "y1"), "c1"),
        (("x2", "y2"), "c2"),
        (("x1", "x2"), "X"),
        (("y1", "y2"), "Y"),
    ]
    hidden = {"x1"} | secondary_suppression(values, {"x1"}, lines)
    for parts, total in lines:
        if total not in hidden:
            assert sum(1 for cell in parts if cell in hidden) != 1


def _table() -> Table:
    def row(key, n, amount, total=False):
        return Row(key, key, {"n": n, "amount": Decimal(amount), "share": Decimal(n) / 20, "all": 20}, total)

    return Table(
        "t",
        "Test",
        "Soort",
        (
            Column("n", "Aantal"),
            Column("amount", "Bedrag", AMOUNT, cases="n", additive=True),
            Column("share", "Aandeel", RATE, cases="all", numerator="n"),
        ),
        (row("a", 3, "300"), row("b", 7, "700"), row("c", 10, "1000"), row("totaal", 20, "2000", True)),
    )


def test_a_table_hides_the_next_smallest_count_and_its_share_and_amount():
    figures = table_figures(_table(), suppress=True)
    assert figures[("a", "n")].shown == SMALL
    assert figures[("b", "n")].shown == HIDDEN  # 20 - 10 would otherwise give "a"
    assert figures[("c", "n")].shown == "10" and figures[("totaal", "n")].shown == "20"
    assert figures[("b", "share")].suppressed  # 7/20 would give "b" back
    assert figures[("a", "amount")].suppressed and figures[("b", "amount")].suppressed
    assert not figures[("c", "amount")].suppressed


def test_readers_without_suppression_see_every_figure():
    figures = table_figures(_table(), suppress=False)
    assert not any(f.suppressed for f in figures.values())


def _breaches_of_the_rule(table: PresentedTable) -> list[str]:
    """Lines with a shown total and exactly one hidden part: the hidden one is total minus the others."""
    cells = {
        (row.key, column.key): figure
        for row in table.rows
        for column, figure in zip(table.columns, row.cells, strict=True)
    }
    raw = table.table
    breaches = []
    for parts, total in raw.lines():
        if total is not None and cells[total].suppressed:
            continue
        hidden = [cell for cell in parts if cells[cell].suppressed]
        if len(hidden) != 1:
            continue
        others = [raw.value(*cell) for cell in parts if cell not in hidden]
        if total is None and not any(others):
            continue  # the total elsewhere equals the hidden figure, and is hidden there too
        breaches.append(f"{table.key}: {hidden[0]} = total {total} minus the rest")
    return breaches


@pytest.fixture
def small_counts(make):
    """A year with small counts in most breakdowns: five origins with 3, 7, 9, 1 and 0 signals, a few
    investigations, besluiten and claims."""
    residents = [make.resident(district=d) for d in ("Noord", "Noord", "Zuid", "Centrum", "Centrum", "Oost")]
    for resident in residents:
        make.benefit(resident, date(2024, 1, 1))
    day = 0
    for origin, count in (("collega", 3), ("inlichtingenbureau", 7), ("ketenpartner", 9), ("brp_laa", 1)):
        for i in range(count):
            day += 1
            resident = residents[i % len(residents)]
            signal = make.signal(
                date(2025, 1 + day % 12, 1 + day % 27), resident=resident, origin=origin, route="onderzoek"
            )
            if origin in ("inlichtingenbureau", "collega") and i < 6:
                investigation = make.investigation(
                    resident,
                    opened=signal.received_on,
                    closed=date(2025, 12, 1),
                    breach=i % 2 == 0,
                    benadeling="400",
                    signals=[signal],
                )
                if i % 2 == 0:
                    make.besluit(
                        resident,
                        date(2025, 12, 10),
                        investigation=investigation,
                        sanction="boete" if i < 3 else "waarschuwing",
                        fine="100",
                        recovery="400",
                    )
                    make.claim(resident, date(2025, 12, 10), "400")
    for i in range(6):
        make.intervention(residents[i], date(2025, 3, 1 + i))
    make.intervention(residents[0], date(2025, 4, 1), kind="waarschuwing")
    make.referral(residents[1], date(2025, 5, 1))
    return residents


@pytest.mark.django_db
def test_no_suppressed_figure_in_any_report_is_a_total_minus_shown_figures(small_counts):
    breaches, secondary = [], 0
    for key in REPORTS:
        report = report_present(report_build(key, parse("2025"), FILTERS), suppress=True)
        for table in report.tables:
            breaches += _breaches_of_the_rule(table)
            secondary += sum(
                1
                for row in table.rows
                for column, figure in zip(table.columns, row.cells, strict=True)
                if figure.shown == HIDDEN and column.kind == "count"
            )
    assert not breaches, breaches
    assert secondary, "the data should make at least one count need secondary suppression"


@pytest.mark.django_db
def test_the_team_sees_the_same_reports_without_any_suppression(small_counts):
    report = report_present(report_build("groningen", parse("2025"), FILTERS), suppress=False)
    assert not any(f.suppressed for t in report.tables for r in t.rows for f in r.cells)
