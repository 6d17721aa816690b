"""Checks on a `MaatregelRequest` beyond its types, each failure naming the request field. `parse_maatregel`
runs them after building the dataclasses and `evaluate` runs them again."""

from __future__ import annotations

from datetime import date

from naleving.rules.errors import RuleInputError
from naleving.rules.maatregel.catalogue import CATALOGUE, CATEGORIES, OTHER
from naleving.rules.maatregel.model import MAATREGEL_HISTORY_TYPES, MAATREGEL_REGULATIONS, MaatregelRequest
from naleving.rules.model import CULPABILITIES, REGULATIONS
from naleving.rules.norms import AGE_BANDS, HOUSEHOLD_TYPES
from naleving.rules.profiles import Profile
from naleving.rules.registry import Registry
from naleving.rules.validate import MAX_KOSTENDELERS, check_choice, check_day, profile_in_force


def _regulation(request: MaatregelRequest) -> None:
    check_choice(request.regulation, REGULATIONS, "regulation")
    if request.regulation not in MAATREGEL_REGULATIONS:
        message = (
            f"a maatregel under {request.regulation} is not supported yet: the engine decides maatregelen of "
            "the Participatiewet (art. 18 Pw) only; IOAW and IOAZ maatregelen are decided outside the engine"
        )
        raise RuleInputError("regulation_not_supported", message, "regulation")


def _known_obligation(code: str, field: str) -> None:
    if code not in CATALOGUE:
        message = f"unknown obligation {code!r}; known: {', '.join(CATALOGUE)}"
        raise RuleInputError("unknown_obligation", message, field)


def _obligation(request: MaatregelRequest) -> None:
    breach = request.obligation
    _known_obligation(breach.code, "obligation.code")
    field = "obligation.category"
    if breach.code == OTHER:
        if breach.category is None:
            message = f"{OTHER} needs the category (1, 2 or 3) of the afstemmingsverordening"
            raise RuleInputError("missing_field", message, field)
        check_choice(str(breach.category), map(str, CATEGORIES), field)
    elif breach.category is not None:
        message = f"{breach.code} is an obligation of art. 18 lid 4 Pw: the law sets it, there is no category"
        raise RuleInputError("invalid_combination", message, field)


def _not_after_decision(request: MaatregelRequest, day: date, field: str) -> None:
    if day > request.decision_date:
        message = (
            f"{field} ({day}) is after decision_date ({request.decision_date}): it cannot have happened yet"
        )
        raise RuleInputError("date_after_decision", message, field)


def _dates(request: MaatregelRequest) -> None:
    check_day(request.decision_date, "decision_date")
    check_day(request.obligation.breached_on, "obligation.breached_on")
    _not_after_decision(request, request.obligation.breached_on, "obligation.breached_on")


def _history(request: MaatregelRequest) -> None:
    for index, item in enumerate(request.history):
        field = f"history[{index}]"
        check_choice(item.type, MAATREGEL_HISTORY_TYPES, f"{field}.type")
        check_day(item.date, f"{field}.date")
        _not_after_decision(request, item.date, f"{field}.date")
        if item.type != "maatregel":
            if item.obligation is not None:
                message = f"only a maatregel names an obligation, not a {item.type!r}"
                raise RuleInputError("invalid_combination", message, f"{field}.obligation")
        elif item.obligation is None:
            raise RuleInputError(
                "missing_field", f"{field}.obligation is required for a maatregel", f"{field}.obligation"
            )
        else:
            _known_obligation(item.obligation, f"{field}.obligation")


def _household(request: MaatregelRequest) -> None:
    check_choice(request.culpability, CULPABILITIES, "culpability")
    check_choice(request.household.type, HOUSEHOLD_TYPES, "household.type")
    check_choice(request.household.age_band, AGE_BANDS, "household.age_band")
    if not 1 <= request.household.kostendelers <= MAX_KOSTENDELERS:
        message = f"kostendelers is a whole number from 1 to {MAX_KOSTENDELERS}"
        raise RuleInputError("invalid_number", message, "household.kostendelers")


def validate_maatregel(request: MaatregelRequest, registry: Registry) -> Profile:
    """Raise `RuleInputError` naming the field at fault; return the profile in force."""
    profile = profile_in_force(request, registry)
    _regulation(request)
    _household(request)
    _obligation(request)
    _dates(request)
    _history(request)
    return profile
