"""Periods: parsing, boundaries (both ends included) and the period before."""

from datetime import date

import pytest

from naleving.reports.periods import Period, PeriodError, choices, containing, last_complete, parse


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025-T1", date(2025, 1, 1), date(2025, 4, 30)),
        ("2025-T2", date(2025, 5, 1), date(2025, 8, 31)),
        ("2025-T3", date(2025, 9, 1), date(2025, 12, 31)),
        ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31)),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2025-q2", date(2025, 4, 1), date(2025, 6, 30)),
        ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31)),
        (" 2025-t3 ", date(2025, 9, 1), date(2025, 12, 31)),
    ],
)
def test_parse_gives_first_and_last_day(code, start, end):
    period = parse(code)
    assert (period.start, period.end) == (start, end)


def test_30_april_is_t1_and_1_may_is_t2():
    t1, t2 = parse("2025-T1"), parse("2025-T2")
    assert t1.contains(date(2025, 4, 30)) and not t2.contains(date(2025, 4, 30))
    assert t2.contains(date(2025, 5, 1)) and not t1.contains(date(2025, 5, 1))
    assert containing(date(2025, 4, 30), "tertiaal") == t1
    assert containing(date(2025, 5, 1), "tertiaal") == t2


def test_quarter_and_year_boundaries():
    assert containing(date(2025, 3, 31), "quarter").code == "2025-Q1"
    assert containing(date(2025, 4, 1), "quarter").code == "2025-Q2"
    assert containing(date(2024, 12, 31), "year").code == "2024"
    assert containing(date(2025, 1, 1), "year").code == "2025"


@pytest.mark.parametrize(
    ("code", "previous"),
    [
        ("2025", "2024"),
        ("2025-T1", "2024-T3"),
        ("2025-T3", "2025-T2"),
        ("2025-Q1", "2024-Q4"),
        ("2025-Q3", "2025-Q2"),
    ],
)
def test_previous(code, previous):
    assert parse(code).previous().code == previous
    assert parse(previous).next().code == code


@pytest.mark.parametrize("bad", ["", "25", "2025-T4", "2025-Q5", "2025-X1", "T1-2025", "1999", "2025-T"])
def test_bad_codes_are_refused_with_an_explanation(bad):
    with pytest.raises(PeriodError) as error:
        parse(bad)
    assert str(error.value)


def test_labels_and_lengths():
    assert parse("2025-T1").label == "1e tertiaal 2025 (januari-april)"
    assert parse("2025-Q2").label == "2e kwartaal 2025 (april-juni)"
    assert parse("2024").days == 366 and parse("2024").months == 12
    assert parse("2025-T2").days == 123 and parse("2025-T2").months == 4


def test_last_complete_and_choices():
    today = date(2026, 11, 23)
    assert last_complete(today, "tertiaal") == Period("tertiaal", 2026, 2)
    assert last_complete(today, "year") == Period("year", 2025)
    first_year, periods = choices(today)[0]
    assert first_year == 2026
    assert Period("quarter", 2026, 4) in periods  # started on 1 October
    assert all(p.start <= today for p in periods)
