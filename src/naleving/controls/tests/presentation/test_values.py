"""Single values as Dutch text (``presentation.values``)."""

from __future__ import annotations

from datetime import date

import pytest

from naleving.controls.presentation.values import (
    format_date,
    format_money,
    format_number,
    format_p_value,
    format_rate,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("8000.01", "€ 8.000,01"),
        ("16000", "€ 16.000,00"),
        ("-1500.00", "€ -1.500,00"),
        ("1234567.895", "€ 1.234.567,90"),
        ("0", "€ 0,00"),
        (None, "–"),
        ("n.v.t.", "n.v.t."),
    ],
)
def test_format_money(value: object, expected: str) -> None:
    assert format_money(value) == expected


def test_other_formats() -> None:
    assert format_date("2026-03-01") == "01-03-2026"
    assert format_date(date(2025, 12, 1)) == "01-12-2025"
    assert format_date(None) == format_date("") == "–"
    assert format_date("later") == "later"
    assert [format_number(v) for v in ("100.00", "35.5", "1250", 12, "0.01")] == [
        "100",
        "35,5",
        "1.250",
        "12",
        "0,01",
    ]
    assert format_rate(1 / 3) == "33,3%" and format_rate(None) == "–"
    assert format_p_value(0.04999) == "0,0500" and format_p_value(None) == "–"
