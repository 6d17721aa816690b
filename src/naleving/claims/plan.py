"""Repayment plans (aflossingsregelingen): pure arithmetic on amounts, instalments and months.

The monthly instalment respects the resident's draagkracht: together, all open claims of a resident (recovery
and fine alike) never ask more each month than ``claims.draagkracht.draagkracht_per_month``:
`draagkracht.norm_percentage` of the applicable norm, 5 % since the CRvB applied the 95 % beslagvrije voet
(4-8-2020), the same share the engine's draagkracht cap on fines uses (Awb 4:93; legal-rules.md §2-§3). Only
Pw 60(6) lifts that limit, when the resident does not co-operate with collection. An instalment never
exceeds what is still open.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")


def split_budget(amounts: list[Decimal], budget: Decimal | None) -> list[Decimal | None]:
    """Share a monthly budget over new claims: evenly, each at most its amount, a small claim's leftover
    going to the larger ones; rounded down so the total never exceeds the budget. None for a claim that
    gets nothing (no budget left: the plan is agreed once earlier claims are repaid)."""
    result: list[Decimal | None] = [None] * len(amounts)
    if budget is None or budget <= 0:
        return result
    left, count = budget, len(amounts)
    for index in sorted(range(len(amounts)), key=lambda i: amounts[i]):
        share = (left / count).quantize(CENT, rounding=ROUND_DOWN)
        instalment = min(share, amounts[index])
        result[index] = instalment if instalment > 0 else None
        left -= instalment
        count -= 1
    return result


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class RepaymentPlan:
    instalment: Decimal | None
    remaining: Decimal
    months_left: int | None
    first_month: date | None
    end_month: date | None


def repayment_plan(*, remaining: Decimal, instalment: Decimal | None, last_activity: date) -> RepaymentPlan:
    """When the claim is expected to be repaid: the instalment each month from the month after
    ``last_activity`` (the claim's start or its latest payment), the last one possibly smaller."""
    if remaining <= 0 or not instalment:
        return RepaymentPlan(instalment, max(remaining, Decimal("0.00")), None, None, None)
    months = int((remaining / instalment).to_integral_value(rounding="ROUND_CEILING"))
    first = add_months(last_activity, 1)
    return RepaymentPlan(instalment, remaining, months, first, add_months(first, months - 1))
