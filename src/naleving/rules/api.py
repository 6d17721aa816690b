"""The public functions of `naleving.rules` that need no decision request: norms, asset limits, parameters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from naleving.rules.errors import ParameterNotInForce
from naleving.rules.model import Json
from naleving.rules.norms import applicable_asset_limit, applicable_norm
from naleving.rules.parameters import DatedValue, Parameter, json_value
from naleving.rules.registry import Params, Registry, default_registry


def asset_limit(household_type: str, on: date, registry: Registry | None = None) -> Decimal:
    """The asset limit (vermogensgrens, Pw 34(3)) for `alleenstaande`, `alleenstaande_ouder` or `gehuwden`.

    Raises `ParameterNotInForce` when no dated value covers `on`, `RulesError` for an unknown household type.
    """
    return applicable_asset_limit(household_type, Params((registry or default_registry()).parameters, on))


def norm(
    household_type: str, age_band: str, kostendelers: int, on: date, registry: Registry | None = None
) -> Decimal:
    """The monthly bijstandsnorm (Pw 20-22, with the kostendelersnorm of 22a when `kostendelers` > 1).

    `age_band` is `21_to_aow`, `18_to_20` or `aow`; `kostendelers` is A (the resident and the others who
    count, a couple counting as 2). Raises `ParameterNotInForce` when no dated value covers `on`.
    """
    params = Params((registry or default_registry()).parameters, on)
    return applicable_norm(household_type, age_band, kostendelers, params)


def available_profiles(registry: Registry | None = None) -> list[str]:
    """The names of the policy profiles (shipped in `rules/profiles/`, or approved), sorted."""
    return sorted((registry or default_registry()).profiles)


def rules_version(registry: Registry | None = None) -> str:
    """Engine version plus a short hash of the parameter and profile files, e.g. `1.0.0+3c39527fb327`, and
    the approved parameter set laid over them (`+set4`)."""
    return (registry or default_registry()).version


def _entry(parameter: Parameter, dated: DatedValue) -> dict[str, Json]:
    basis = dated.legal_basis
    return {
        "value": json_value(dated.value),
        "unit": parameter.unit,
        "valid_from": str(dated.valid_from),
        "valid_to": None if dated.valid_to is None else str(dated.valid_to),
        "confidence": dated.confidence,
        "citation": dated.citation(),
        "url": None if basis is None else basis.url,
        "set_by": dated.origin or ("profile" if dated.source is not None else parameter.scope),
    }


def parameters_in_force(profile: str, on: date, registry: Registry | None = None) -> dict[str, Json]:
    """Every parameter of `profile` with the value in force on `on`, its basis and confidence.

    Parameters without a value on that date are listed under `not_in_force` (asking the engine for one is
    an error); policy figures nobody has set at all (the afstemmingsverordening's, for the maatregel) under
    `not_set`. Raises `UnknownProfile` for an unknown profile.
    """
    registry = registry or default_registry()
    chosen = registry.profile(profile)
    found: dict[str, Json] = {}
    missing: list[Json] = []
    not_set: list[Json] = []
    for name, parameter in sorted(chosen.parameters.items()):
        if not parameter.values:
            not_set.append(name)
            continue
        try:
            found[name] = _entry(parameter, parameter.at(on))
        except ParameterNotInForce:
            missing.append(name)
    return {
        "profile": chosen.name,
        "organisation": chosen.organisation,
        "date": str(on),
        "profile_in_force": chosen.in_force(on),
        "rules_version": registry.version,
        "parameters": found,
        "not_in_force": missing,
        "not_set": not_set,
    }


def parameter_gaps(
    profile: str, today: date, horizon_days: int = 90, registry: Registry | None = None
) -> list[dict[str, Json]]:
    """Parameters of `profile` that have no value today, or whose value ends within `horizon_days` with no
    value after it: what a beheerder must add before decisions on those dates can be taken.

    Each gap: `name`, `file`, `status` (`missing`: no value today; `ending`: the value in force ends
    within the horizon), `ends_on` (the last day with a value, or None when the parameter never had one
    before `today`) and `gap_from` (the first day without a value: the day after `ends_on`, or `today`).
    Sorted by `gap_from`, then name. A policy parameter that has no value at all (a figure of the
    afstemmingsverordening the municipality has not added) is no gap: a decision that needs it is refused.
    Raises `UnknownProfile` for an unknown profile.
    """
    horizon = date.fromordinal(today.toordinal() + horizon_days)
    gaps: list[dict[str, Json]] = []
    for name, parameter in (registry or default_registry()).profile(profile).parameters.items():
        if not parameter.values:
            continue  # a policy figure nobody set yet (the maatregel's verordening): refused, not a gap
        gap = _first_gap(parameter, today, horizon)
        if gap is not None:
            status, ends_on, gap_from = gap
            gaps.append(
                {
                    "name": name,
                    "file": parameter.file,
                    "status": status,
                    "ends_on": None if ends_on is None else str(ends_on),
                    "gap_from": str(gap_from),
                }
            )
    return sorted(gaps, key=lambda gap: (str(gap["gap_from"]), str(gap["name"])))


def _first_gap(parameter: Parameter, today: date, horizon: date) -> tuple[str, date | None, date] | None:
    """(status, last day with a value, first day without) for the first uncovered day from `today` up to
    `horizon`, or None when every day is covered."""
    day = today
    while day <= horizon:
        dated = next((d for d in parameter.values if d.covers(day)), None)
        if dated is None:
            if day == today:
                before = [
                    d.valid_to for d in parameter.values if d.valid_to is not None and d.valid_to < today
                ]
                ended = max(before, default=None)
                return "missing", ended, today if ended is None else date.fromordinal(ended.toordinal() + 1)
            return "ending", date.fromordinal(day.toordinal() - 1), day
        if dated.valid_to is None:
            return None
        day = date.fromordinal(dated.valid_to.toordinal() + 1)
    return None
