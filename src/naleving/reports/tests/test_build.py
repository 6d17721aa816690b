"""Building a report: the period and the one before, every indicator once, on two connections on PostgreSQL."""

from datetime import date

import pytest
from django.db import connection

from naleving.reports import build
from naleving.reports.indicators import Filters
from naleving.reports.periods import parse

FILTERS = Filters(as_of=date(2026, 11, 23))


def _figures(data) -> dict:
    return {
        key: [(t.key, t.rows) for r in results for t in r.tables] for key, results in data.results.items()
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections only on PostgreSQL")
def test_parallel_build_equals_the_sequential_one(make, monkeypatch):
    resident = make.resident(district="Noord")
    make.benefit(resident, date(2024, 1, 1), monthly="1000")
    signal = make.signal(date(2025, 2, 1), resident=resident, origin="inlichtingenbureau", route="onderzoek")
    investigation = make.investigation(
        resident,
        opened=date(2025, 2, 2),
        closed=date(2025, 3, 1),
        breach=True,
        benadeling="500",
        signals=[signal],
    )
    make.besluit(
        resident, date(2025, 3, 10), investigation=investigation, sanction="boete", fine="100", recovery="500"
    )
    make.claim(resident, date(2025, 3, 10), "500")
    assert build._parallel()
    parallel = build.report_build("groningen", parse("2025"), FILTERS)
    monkeypatch.setattr(build, "WORKERS", 1)
    assert not build._parallel()
    sequential = build.report_build("groningen", parse("2025"), FILTERS)
    assert _figures(parallel) == _figures(sequential)
    assert parallel.results[("C3", "")][0].table("share").value("totaal", "breaches") == 1


@pytest.mark.django_db
def test_every_indicator_of_a_report_is_computed_once_for_both_periods(world, monkeypatch):
    calls = []
    original = build._compute_one
    monkeypatch.setattr(
        build, "_compute_one", lambda task, filters: calls.append(task) or original(task, filters)
    )
    data = build.report_build("groningen", parse("2025-T1"), FILTERS)
    assert data.previous.code == "2024-T3"
    # Groningen uses I1 in two sections and C1 in a section and four targets: each is computed once per period
    assert len(calls) == len(set(calls)) == 2 * len(data.results)
    assert (("S3", "brp_laa"), parse("2024-T3")) in calls


def test_unknown_report():
    with pytest.raises(build.UnknownReport):
        build.report_definition("utrecht")
