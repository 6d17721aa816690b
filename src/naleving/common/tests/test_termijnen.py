"""The Algemene termijnenwet and the Awb terms, against dates read in a calendar."""

from datetime import date

import pytest

from naleving.common.termijnen import (
    atw_extend,
    easter_sunday,
    koningsdag,
    public_holidays,
    received_in_time,
    term_end,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_the_holidays_of_2026():
    assert sorted(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 3),  # Goede Vrijdag
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag (a Monday)
        date(2026, 5, 5),
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


def test_koningsdag_moves_to_saturday_when_the_27th_is_a_sunday():
    assert koningsdag(2025) == date(2025, 4, 26)
    assert koningsdag(2026) == date(2026, 4, 27)


def test_a_letter_sent_six_weeks_before_good_friday_runs_to_tuesday_after_easter():
    # sent Friday 20 February 2026: the term starts on the 21st and would end on Goede Vrijdag 3 April
    assert term_end(date(2026, 2, 20)) == date(2026, 4, 7)


def test_a_term_ending_on_a_weekday_stays():
    assert term_end(date(2026, 3, 4)) == date(2026, 4, 15)  # Wednesday to Wednesday


def test_saturday_and_christmas():
    assert atw_extend(date(2026, 12, 26)) == date(2026, 12, 28)  # Tweede Kerstdag is a Saturday
    assert atw_extend(date(2027, 12, 25)) == date(2027, 12, 27)


def test_awb_6_9_postal_rule():
    last = date(2026, 4, 7)
    assert received_in_time(last, date(2026, 4, 7))
    assert not received_in_time(last, date(2026, 4, 8))
    assert received_in_time(last, date(2026, 4, 14), posted_on=date(2026, 4, 7))
    assert not received_in_time(last, date(2026, 4, 15), posted_on=date(2026, 4, 7))
    assert not received_in_time(last, date(2026, 4, 9), posted_on=date(2026, 4, 8))
