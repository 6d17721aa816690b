"""Dutch formatting of dates, amounts and percentages: one place for templates, letters, documents and texts
built in Python (timelines, reports).

The house style: dates in a sentence as `5 januari 2027`, in a table as `05-01-2027`; amounts as
`€ 1.234,50`; percentages without a space, as the engine's texts and the letters write them: `25%`,
`12,5%`. The month names are the engine's own (`naleving.rules.context.MONTHS`), so there is one list.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from naleving.rules.context import MONTHS, dutch_date

__all__ = [
    "DASH",
    "MONTHS",
    "decimal_comma",
    "euro",
    "long_date",
    "month_year",
    "percent",
    "percent_number",
    "short_date",
]

#: Shown where a number is missing.
DASH = "–"


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


def decimal_comma(value, digits: int | None = 2) -> str:
    """A plain number with a decimal comma: `1.75` → `1,75`; ``digits=None`` keeps the number's own
    decimals without trailing zeros (`2.50` → `2,5`); "–" when there is none."""
    if value is None or value == "":
        return DASH
    number = Decimal(str(value))
    if digits is None:
        text = f"{number.normalize():f}" if number != 0 else "0"
    else:
        text = f"{number.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP):f}"
    return text.replace(".", ",")


def percent(share, digits: int | None = 0) -> str:
    """A share as a Dutch percentage: `0.25` → `25%`, `0.125` with ``digits=1`` → `12,5%`; ``digits=None``
    keeps the share's own decimals (`0.025` → `2,5%`); "–" when there is none."""
    if share is None or share == "":
        return DASH
    return percent_number(Decimal(str(share)) * 100, digits)


def percent_number(value, digits: int | None = None) -> str:
    """A number that already is a percentage, in the same style: `5` → `5%`, `"20.0"` with ``digits=1`` →
    `20,0%`; "–" when there is none."""
    if value is None or value == "":
        return DASH
    return f"{decimal_comma(value, digits)}%"


def long_date(day: date) -> str:
    """`date(2027, 1, 5)` → `5 januari 2027`, as in a sentence or a letter (the engine's own words)."""
    return dutch_date(day)


def short_date(day: date) -> str:
    """`date(2027, 1, 5)` → `05-01-2027`, as in a table or a form: what the template filter ``date:"d-m-Y"``
    writes (a year of four digits always; ``%Y`` leaves a year before 1000 short)."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def month_year(day: date) -> str:
    """`date(2027, 1, 5)` → `januari 2027`."""
    return f"{MONTHS[day.month - 1]} {day.year}"
