"""Money and date arithmetic shared by the rules: Decimal euros rounded half up to cents."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(amount: Decimal) -> Decimal:
    """Round to whole cents, half up (the contract's only rounding rule)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def cents_down(amount: Decimal) -> Decimal:
    """Round down to whole cents: for a statutory maximum, which a rounded amount may not exceed."""
    return amount.quantize(CENT, rounding=ROUND_DOWN)


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (or earlier when negative); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
