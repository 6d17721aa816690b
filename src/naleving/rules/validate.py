"""Checks on a `DecisionRequest` beyond its types: choices, amounts, date order, profile in force.

`parse_request` runs these after building the dataclasses, and `evaluate` runs them again, so a request
built in Python is held to the same contract as one read from JSON. Each failure names the request field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from naleving.rules.errors import RuleInputError, UnknownProfile
from naleving.rules.maatregel.model import MaatregelRequest
from naleving.rules.model import (
    COOPERATION,
    CULPABILITIES,
    HISTORY_TYPES,
    REGULATIONS,
    URGENT_RECOVERY,
    VIOLATION_KINDS,
    DecisionRequest,
)
from naleving.rules.money import CENT
from naleving.rules.norms import AGE_BANDS, HOUSEHOLD_TYPES
from naleving.rules.profiles import Profile
from naleving.rules.registry import Registry
from naleving.rules.steps.facts import monthly_total

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
#: Amounts have at most this many digits before the decimal point (up to EUR 999,999,999,999.99): a larger
#: amount is impossible in this domain and beyond what the engine computes exactly.
MAX_INTEGER_DIGITS = 12
#: The dates the engine accepts: wide enough for any real case, narrow enough that adding a look-back or a
#: limitation term can never leave the calendar.
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)
#: Upper bounds of the whole numbers in a request.
MAX_KOSTENDELERS = 99
MAX_PAUSED_DAYS = 36_525


def check_choice(value: str, choices: Iterable[str], field: str) -> None:
    allowed = tuple(choices)
    if value not in allowed:
        raise RuleInputError("invalid_choice", f"{value!r} is not one of: {', '.join(allowed)}", field)


def check_amount(value: Decimal, field: str) -> None:
    """At least zero and at most two decimals (the contract's amounts)."""
    if not value.is_finite():
        raise RuleInputError("invalid_amount", "an amount must be a finite number", field)
    if value < 0:
        raise RuleInputError("negative_amount", "an amount cannot be negative", field)
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise RuleInputError(
            "invalid_amount",
            f"an amount has at most {MAX_INTEGER_DIGITS} digits before the decimal point",
            field,
        )
    if value != value.quantize(CENT):
        raise RuleInputError("too_many_decimals", "an amount has at most two decimals", field)


def profile_in_force(request: DecisionRequest | MaatregelRequest, registry: Registry) -> Profile:
    try:
        profile = registry.profile(request.profile)
    except UnknownProfile as exc:
        raise RuleInputError("unknown_profile", str(exc), "profile") from None
    if not profile.in_force(request.decision_date):
        period = f"{profile.valid_from} to {profile.valid_to or 'open end'}"
        message = f"profile {profile.name!r} is in force from {period}, not on {request.decision_date}"
        raise RuleInputError("profile_not_in_force", message, "decision_date")
    return profile


def check_day(day: date | None, field: str) -> None:
    if day is not None and not FIRST_DATE <= day <= LAST_DATE:
        message = f"a date between {FIRST_DATE} and {LAST_DATE} is expected, got {day}"
        raise RuleInputError("invalid_date", message, field)


def _not_after_decision(request: DecisionRequest, day: date | None, field: str) -> None:
    if day is not None and day > request.decision_date:
        message = (
            f"{field} ({day}) is after decision_date ({request.decision_date}): it cannot have happened yet"
        )
        raise RuleInputError("date_after_decision", message, field)


def _check_dates(request: DecisionRequest) -> None:
    violation = request.violation
    check_day(request.decision_date, "decision_date")
    for name in ("start", "end", "detected_on", "self_reported_on"):
        check_day(getattr(violation, name), f"violation.{name}")
    for index, item in enumerate(request.history):
        check_day(item.date, f"history[{index}].date")
        check_day(item.irrevocable_on, f"history[{index}].irrevocable_on")
    if violation.end < violation.start:
        raise RuleInputError("invalid_period", "violation.end is before violation.start", "violation.end")
    for name in ("detected_on", "self_reported_on"):
        day = getattr(violation, name)
        if day is not None and day < violation.start:
            raise RuleInputError(
                "invalid_period", f"violation.{name} is before violation.start", f"violation.{name}"
            )
    if request.decision_date < violation.start:
        raise RuleInputError("invalid_period", "decision_date is before violation.start", "decision_date")
    for name in ("detected_on", "self_reported_on"):
        _not_after_decision(request, getattr(violation, name), f"violation.{name}")
    if not 0 <= violation.limitation_paused_days <= MAX_PAUSED_DAYS:
        message = f"limitation_paused_days is a number of days from 0 to {MAX_PAUSED_DAYS}"
        raise RuleInputError("invalid_number", message, "violation.limitation_paused_days")


def _check_history(request: DecisionRequest) -> None:
    """Each earlier sanction happened before the decision, became irrevocable after it was imposed, and only
    a criminal sanction can carry a prison sentence."""
    for index, item in enumerate(request.history):
        field = f"history[{index}]"
        _not_after_decision(request, item.date, f"{field}.date")
        _not_after_decision(request, item.irrevocable_on, f"{field}.irrevocable_on")
        if item.irrevocable_on is not None and item.irrevocable_on < item.date:
            message = f"{field}.irrevocable_on ({item.irrevocable_on}) is before the sanction was imposed ({item.date})"
            raise RuleInputError("contradictory_history", message, f"{field}.irrevocable_on")
        if item.prison_sentence and item.type != "strafrechtelijk":
            message = f"a prison sentence only goes with a criminal sanction (strafrechtelijk), not with {item.type!r}"
            raise RuleInputError("contradictory_history", message, f"{field}.prison_sentence")


def _check_choices(request: DecisionRequest) -> None:
    check_choice(request.regulation, REGULATIONS, "regulation")
    check_choice(request.violation.kind, VIOLATION_KINDS, "violation.kind")
    check_choice(request.culpability, CULPABILITIES, "culpability")
    check_choice(request.household.type, HOUSEHOLD_TYPES, "household.type")
    check_choice(request.household.age_band, AGE_BANDS, "household.age_band")
    check_choice(request.cooperation, COOPERATION, "cooperation")
    check_choice(
        request.judgements.urgent_reasons_recovery, URGENT_RECOVERY, "judgements.urgent_reasons_recovery"
    )
    if not 1 <= request.household.kostendelers <= MAX_KOSTENDELERS:
        message = f"kostendelers is a whole number from 1 to {MAX_KOSTENDELERS}"
        raise RuleInputError("invalid_number", message, "household.kostendelers")
    for index, item in enumerate(request.history):
        check_choice(item.type, HISTORY_TYPES, f"history[{index}].type")
        check_choice(item.kind, VIOLATION_KINDS, f"history[{index}].kind")


def _check_monthly(request: DecisionRequest) -> None:
    seen: set[str] = set()
    for index, month in enumerate(request.monthly):
        if not _MONTH.match(month.month):
            raise RuleInputError("invalid_month", "a month is written YYYY-MM", f"monthly[{index}].month")
        if month.month in seen:
            raise RuleInputError("duplicate_month", f"{month.month} occurs twice", f"monthly[{index}].month")
        seen.add(month.month)
        check_amount(month.paid, f"monthly[{index}].paid")
        check_amount(month.entitled, f"monthly[{index}].entitled")


def _amount_used(request: DecisionRequest) -> Decimal:
    given = request.benadelingsbedrag
    if given is not None:
        check_amount(given, "benadelingsbedrag")
    if not request.monthly:
        if given is None:
            raise RuleInputError(
                "missing_field", "benadelingsbedrag or monthly is required", "benadelingsbedrag"
            )
        return given
    _check_monthly(request)
    computed = monthly_total(request.monthly)
    if given is not None and given != computed:
        message = f"benadelingsbedrag {given} differs from the sum of monthly ({computed})"
        raise RuleInputError("conflicting_amounts", message, "benadelingsbedrag")
    return computed


def _check_judgements(request: DecisionRequest, amount: Decimal) -> None:
    judgements = request.judgements
    field = "judgements.recovery_amount"
    if judgements.urgent_reasons_recovery != "partial":
        if judgements.recovery_amount is not None:
            raise RuleInputError("invalid_combination", "recovery_amount only goes with 'partial'", field)
        return
    if judgements.recovery_amount is None:
        raise RuleInputError("missing_field", "with 'partial', recovery_amount is required", field)
    check_amount(judgements.recovery_amount, field)
    if judgements.recovery_amount > amount:
        raise RuleInputError("invalid_amount", "recovery_amount is higher than the benadelingsbedrag", field)


def validate_request(request: DecisionRequest, registry: Registry) -> Profile:
    """Raise `RuleInputError` naming the field at fault; return the profile in force."""
    profile = profile_in_force(request, registry)
    _check_choices(request)
    _check_dates(request)
    _check_history(request)
    _check_judgements(request, _amount_used(request))
    return profile
