"""The comparison with the previous period: a period in which nothing of a table was recorded shows
"geen gegevens" in the previous-period and difference columns and in the targets, never a "0" that reads as
a measured zero and a target "niet gehaald"."""

from datetime import date

import pytest

from naleving.reports.build import report_build
from naleving.reports.periods import parse
from naleving.reports.presentation import NO_DATA, report_present
from naleving.reports.tests.conftest import FILTERS

pytestmark = pytest.mark.django_db


def _groningen(period: str = "2025"):
    return report_present(report_build("groningen", parse(period), FILTERS), suppress=False)


def _target(report, label: str):
    return next(t for t in report.targets if t.target.label == label)


def test_a_previous_period_without_data_shows_geen_gegevens(make):
    for i in range(6):
        make.claim(make.resident(), date(2025, 3, 1 + i), "500")  # six new claims in 2025, none in 2024
    report = _groningen()
    new = report.table("C1-new")
    total = next(row for row in new.rows if row.total)
    assert total.cells[0].shown == "6"
    assert (total.previous.shown, total.difference.shown) == (NO_DATA, NO_DATA)
    assert all(row.previous.shown == NO_DATA for row in new.rows)
    target = _target(report, "2c. Nieuwe vorderingen")
    assert (target.current.shown, target.previous.shown, target.verdict) == ("6", NO_DATA, NO_DATA)


def test_a_previous_period_with_data_is_compared(make):
    for i in range(6):
        make.claim(make.resident(), date(2025, 3, 1 + i), "500")
    make.claim(make.resident(), date(2024, 6, 1), "500")  # one new claim in 2024
    report = _groningen()
    total = next(row for row in report.table("C1-new").rows if row.total)
    assert (total.previous.shown, total.difference.shown) == ("1", "+5")
    target = _target(report, "2c. Nieuwe vorderingen")
    assert (target.previous.shown, target.verdict) == ("1", "niet gehaald")  # a rise where a fall was the aim


def test_exports_carry_geen_gegevens(make):
    import io

    from openpyxl import load_workbook

    from naleving.reports.exports import render_csv, render_xlsx

    for i in range(6):
        make.claim(make.resident(), date(2025, 3, 1 + i), "500")
    report = _groningen()
    book = load_workbook(io.BytesIO(render_xlsx(report, organisation_name="Gemeente Demostad")))
    cover = [
        row
        for row in book["Rapport"].iter_rows(values_only=True)
        if row and row[0] == "2c. Nieuwe vorderingen"
    ]
    assert cover[0][3:5] == (NO_DATA, NO_DATA)
    assert NO_DATA in render_csv(report.table("C1-new"))
