"""Single values of theme-control results as Dutch text (dates, amounts, numbers, rates, p-values), and the
fixed order that sections, columns, attributes and groups follow (PostgreSQL jsonb reorders keys)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DASH = "–"
NONE_TEXT = "geen"
_CENT = Decimal("0.01")
_TO_DUTCH = str.maketrans(",.", ".,")


def to_decimal(value: object) -> Decimal | None:
    """A finite Decimal from a number or numeric text; None otherwise (booleans included)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _dutch(text: str) -> str:
    """Python number text to Dutch: 1,234.5 becomes 1.234,5."""
    return text.translate(_TO_DUTCH)


def format_date(value: object) -> str:
    """dd-mm-jjjj from a date or an ISO date text; "–" when empty; other text unchanged."""
    if value is None or value == "":
        return DASH
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d-%m-%Y")
    except ValueError:
        return str(value)


def format_money(value: object) -> str:
    """An amount in euros, Dutch style: "€ 8.000,01", "€ -1.500,00"."""
    amount = to_decimal(value)
    if amount is None:
        return DASH if value is None or value == "" else str(value)
    return f"€ {_dutch(f'{amount.quantize(_CENT, ROUND_HALF_UP):,.2f}')}"


def format_number(value: object) -> str:
    """A number, Dutch style and without trailing zeros: "35", "12,5", "1.250"."""
    number = to_decimal(value)
    if number is None:
        return DASH if value is None or value == "" else str(value)
    number = number.normalize()
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return _dutch(f"{number:,.{decimals}f}")


def format_float(value: object, decimals: int = 3) -> str:
    """A statistic with a fixed number of decimals ("0,250"); "–" when undefined."""
    if value is None or isinstance(value, bool):
        return DASH
    try:
        return _dutch(f"{float(str(value)):.{decimals}f}")
    except ValueError:
        return str(value)


def format_rate(value: object) -> str:
    """A selection rate as a percentage with one decimal ("9,1%"); "–" when undefined."""
    if value is None or isinstance(value, bool):
        return DASH
    try:
        return _dutch(f"{float(str(value)) * 100:.1f}") + "%"
    except ValueError:
        return str(value)


def format_p_value(value: object) -> str:
    """A p-value with four decimals, or "< 0,0001"."""
    try:
        if value is not None and not isinstance(value, bool) and float(str(value)) < 0.0001:
            return "< 0,0001"
    except ValueError:
        return str(value)
    return format_float(value, 4)


def yes_no(value: object) -> str:
    return "ja" if value else "nee"


def ordered(keys: Iterable[str], order: Iterable[str]) -> list[str]:
    """`keys` in the fixed `order` first, the others after them in sorted order."""
    present = list(keys)
    known = [k for k in order if k in present]
    return known + sorted((k for k in present if k not in known), key=str)
