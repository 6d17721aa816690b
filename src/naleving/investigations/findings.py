"""The benadelingsbedrag (entered, or from monthly figures) and the checks on a breach finding.

Pure: no database. ``services.investigation_findings_record`` adds the check that needs it (hoor en
wederhoor first).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from naleving.investigations.choices import Verwijtbaarheid
from naleving.signals.choices import ViolationKind

CENT = Decimal("0.01")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Month:
    """One month of a finding: what was paid and what the resident was entitled to."""

    month: date  # the first day of the month
    paid: Decimal
    entitled: Decimal

    @property
    def overpaid(self) -> Decimal:
        return max(self.paid - self.entitled, Decimal("0"))


def parse_month(value: str | date) -> date:
    """``"2025-03"`` (or a date) → the first day of that month; a clear Dutch error otherwise."""
    if isinstance(value, date):
        return value.replace(day=1)
    match = _MONTH.match(str(value).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(f"“{value}” is geen maand. Gebruik jaar en maand, bijvoorbeeld 2025-03.")
    return date(int(match.group(1)), int(match.group(2)), 1)


def months_from(rows) -> list[Month]:
    """Rows ``(month, paid, entitled)`` → sorted ``Month`` values.

    Refuses duplicates, negative amounts and fractions of a cent: the decision contract takes amounts
    with at most two decimals, so what is stored is exactly what the engine will add up.
    """
    months: dict[date, Month] = {}
    for raw_month, paid, entitled in rows:
        month = parse_month(raw_month)
        paid, entitled = Decimal(str(paid)), Decimal(str(entitled))
        if paid < 0 or entitled < 0:
            raise ValidationError(f"De bedragen van {month:%m-%Y} mogen niet negatief zijn.")
        if any(amount != amount.quantize(CENT) for amount in (paid, entitled)):
            raise ValidationError(f"Vul de bedragen van {month:%m-%Y} in hele centen in.")
        if month in months:
            raise ValidationError(f"De maand {month:%m-%Y} staat er twee keer in.")
        months[month] = Month(month, paid, entitled)
    return [months[key] for key in sorted(months)]


def benadelingsbedrag_from(months: list[Month]) -> Decimal:
    """Σ max(paid − entitled, 0), rounded to cents half up (decision contract, ``monthly``)."""
    total = sum((m.overpaid for m in months), Decimal("0"))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def months_outside(months: list[Month], start: date, end: date) -> list[Month]:
    """The months that do not overlap the period ``start``..``end`` of the breach."""
    first, last = start.replace(day=1), end.replace(day=1)
    return [m for m in months if not first <= m.month <= last]


def check_breach_fields(violation_kind, period_start, period_end, verwijtbaarheid, motivation) -> None:
    """The parts of a breach finding that must be there, with the period in order."""
    errors = {}
    if violation_kind not in ViolationKind.values:
        errors["violation_kind"] = "Kies de soort schending."
    if period_start is None:
        errors["period_start"] = "Vul de eerste dag van de periode in."
    if period_end is None:
        errors["period_end"] = "Vul de laatste dag van de periode in."
    if verwijtbaarheid not in Verwijtbaarheid.values:
        errors["verwijtbaarheid"] = "Kies de mate van verwijtbaarheid."
    if not motivation.strip():
        errors["motivation"] = "Motiveer de verwijtbaarheid: welke feiten en omstandigheden wegen mee?"
    if errors:
        raise ValidationError(errors)
    if period_end < period_start:
        raise ValidationError(
            {
                "period_end": f"Het einde van de periode ({period_end:%d-%m-%Y}) ligt vóór het begin "
                f"({period_start:%d-%m-%Y})."
            }
        )


def benadeling(benadelingsbedrag, months, period_start, period_end) -> tuple[Decimal, list[Month]]:
    """The amount entered, or computed from the months (returned too); exactly one of the two."""
    if months:
        if benadelingsbedrag is not None:
            raise ValidationError(
                {
                    "benadelingsbedrag": "Vul óf het benadelingsbedrag in, óf de bedragen per maand; niet allebei."
                }
            )
        parsed = months_from(months)
        outside = months_outside(parsed, period_start, period_end)
        if outside:
            names = ", ".join(f"{m.month:%m-%Y}" for m in outside)
            raise ValidationError(f"Deze maanden vallen buiten de periode van de schending: {names}.")
        return benadelingsbedrag_from(parsed), parsed
    if benadelingsbedrag is None:
        raise ValidationError(
            {
                "benadelingsbedrag": "Vul het benadelingsbedrag in (ook als het € 0 is) of de bedragen per maand."
            }
        )
    amount = Decimal(str(benadelingsbedrag))
    if amount < 0:
        raise ValidationError({"benadelingsbedrag": "Het benadelingsbedrag kan niet negatief zijn."})
    return amount.quantize(CENT, rounding=ROUND_HALF_UP), []
