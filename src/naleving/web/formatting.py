"""Dutch formatting of amounts, for templates and for texts built in Python (timelines, letters)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from naleving.rules.context import dutch_date


def euro(value) -> str:
    """`1234.5` → `€ 1.234,50`; empty for None."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"€ {sign}{'.'.join(groups)},{cents}"


def long_date(day: date) -> str:
    """`date(2027, 1, 5)` → `5 januari 2027`, as in a sentence or a letter (the engine's own words)."""
    return dutch_date(day)
