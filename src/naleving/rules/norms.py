"""Bijstandsnormen and asset limits on a date, including the kostendelersnorm (Pw 20-22a, 34)."""

from __future__ import annotations

from decimal import Decimal

from naleving.rules.errors import RulesError
from naleving.rules.money import cents
from naleving.rules.registry import Params

HOUSEHOLD_TYPES = ("alleenstaande", "alleenstaande_ouder", "gehuwden")
AGE_BANDS = ("21_to_aow", "18_to_20", "aow")
COUPLE_NORM = "norm.gehuwden.21_to_aow"
#: B of the kostendelersnorm for a client who has reached pension age: the couple norm of art. 22 onder b.
COUPLE_NORM_AOW = "norm.gehuwden.aow"


def couple_norm(age_band: str) -> str:
    """B in the kostendelersnorm (22a(1)): the couple norm of 21(b), or of 22(b) at pension age."""
    return COUPLE_NORM_AOW if age_band == "aow" else COUPLE_NORM


def check_household(household_type: str, age_band: str | None = None, kostendelers: int = 1) -> None:
    if household_type not in HOUSEHOLD_TYPES:
        raise RulesError(f"unknown household type {household_type!r}; expected one of {HOUSEHOLD_TYPES}")
    if age_band is not None and age_band not in AGE_BANDS:
        raise RulesError(f"unknown age band {age_band!r}; expected one of {AGE_BANDS}")
    if isinstance(kostendelers, bool) or not isinstance(kostendelers, int) or kostendelers < 1:
        raise RulesError(f"kostendelers must be a whole number >= 1, got {kostendelers!r}")


def norm_parameters(household_type: str, age_band: str, kostendelers: int, params: Params) -> list[str]:
    """The names of the parameters the norm for this household uses (for the trace)."""
    names = [f"norm.{household_type}.{age_band}"]
    if uses_kostendelersnorm(household_type, age_band, kostendelers, params):
        names += [
            couple_norm(age_band),
            "kostendelersnorm.base_percentage",
            "kostendelersnorm.per_person_percentage",
        ]
    return names


def uses_kostendelersnorm(household_type: str, age_band: str, kostendelers: int, params: Params) -> bool:
    """A applies beyond the household itself: more than 1 person for a single, more than 2 for a couple."""
    own = 2 if household_type == "gehuwden" else 1
    return kostendelers > own and age_band in params.words("kostendelersnorm.age_bands")


def exact_norm(household_type: str, age_band: str, kostendelers: int, params: Params) -> Decimal:
    """The monthly norm before rounding; with kostendelers, ((40 % + A x 30 %) / A) x B per adult, B the
    couple norm (of 22(b) at pension age). A computation that multiplies the norm rounds once, at the end."""
    check_household(household_type, age_band, kostendelers)
    if not uses_kostendelersnorm(household_type, age_band, kostendelers, params):
        return params.money(f"norm.{household_type}.{age_band}")
    base = params.money("kostendelersnorm.base_percentage")
    per_person = params.money("kostendelersnorm.per_person_percentage")
    b = params.money(couple_norm(age_band))
    adults = 2 if household_type == "gehuwden" else 1
    share = (base + kostendelers * per_person) / (kostendelers * Decimal(100))
    return share * b * adults


def applicable_norm(household_type: str, age_band: str, kostendelers: int, params: Params) -> Decimal:
    """The monthly norm in whole cents (half up)."""
    return cents(exact_norm(household_type, age_band, kostendelers, params))


def applicable_asset_limit(household_type: str, params: Params) -> Decimal:
    check_household(household_type)
    return params.money(f"asset_limit.{household_type}")
