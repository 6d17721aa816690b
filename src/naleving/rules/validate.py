"""Checks on a `DecisionRequest` beyond its types: choices, amounts, date order, profile in force.

`parse_request` runs these after building the dataclasses, and `evaluate` runs them again, so a request
built in Python is held to the same contract as one read from JSON. Each failure names the request field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from naleving.rules.errors import RuleInputError, UnknownProfile
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
    if value != value.quantize(CENT):
        raise RuleInputError("too_many_decimals", "an amount has at most two decimals", field)


def profile_in_force(request: DecisionRequest, registry: Registry) -> Profile:
    try:
        profile = registry.profile(request.profile)
    except UnknownProfile as exc:
        raise RuleInputError("unknown_profile", str(exc), "profile") from None
    if not profile.in_force(request.decision_date):
        period = f"{profile.valid_from} to {profile.valid_to or 'open end'}"
        message = f"profile {profile.name!r} is in force from {period}, not on {request.decision_date}"
        raise RuleInputError("profile_not_in_force", message, "decision_date")
    return profile


def _check_dates(request: DecisionRequest) -> None:
    violation = request.violation
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
    if request.household.kostendelers < 1:
        raise RuleInputError("invalid_number", "kostendelers is at least 1", "household.kostendelers")
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
    _check_judgements(request, _amount_used(request))
    return profile
