"""Shared helpers for the maatregel tests: a baseline request and a registry whose test profile carries an
afstemmingsverordening's figures (no shipped profile does)."""

from __future__ import annotations

import copy
import functools
import textwrap
from typing import Any

from naleving.rules import Amendment, Registry, evaluate, parse_request, response_to_dict

PROFILE = "testgemeente"

#: the figures of a made-up afstemmingsverordening, as a municipality approves them (Beheer, four eyes)
FIGURES = {
    "maatregel.verordening.pw18_4.months_first": 1,
    "maatregel.verordening.pw18_4.months_recidive": 3,
    "maatregel.verordening.category.1.percentage": "12.5",
    "maatregel.verordening.category.1.months": 1,
    "maatregel.verordening.category.2.percentage": 50,
    "maatregel.verordening.category.2.months": 2,
    "maatregel.verordening.category.3.percentage": 100,
    "maatregel.verordening.category.3.months": 3,
}

MAATREGEL_REQUEST: dict[str, Any] = {
    "kind": "maatregel",
    "profile": PROFILE,
    "decision_date": "2026-11-20",
    "regulation": "Pw",
    "obligation": {"code": "pw_18_4_a", "breached_on": "2026-10-05", "category": None},
    "culpability": "normaal",
    "history": [],
    "household": {"type": "alleenstaande", "kostendelers": 1, "age_band": "21_to_aow"},
    "judgements": {"urgent_reasons_maatregel": False},
}


def profile_text(figures: dict[str, Any], name: str = PROFILE) -> str:
    """A profile file (as approved under Beheer) setting `figures`, each citing an article of the verordening."""
    lines = [
        f"profile: {name}",
        "organisation: Gemeente Test",
        "document: Afstemmingsverordening Participatiewet Gemeente Test 2026",
        "seed: afstemmingsverordening-test",
        'section: "art. 1"',
        "valid_from: 2015-01-01",
        "overrides:",
    ]
    for index, (parameter, value) in enumerate(figures.items(), start=2):
        lines.append(f'  {parameter}: {{value: {value}, section: "art. {index}"}}')
    return textwrap.dedent("\n".join(lines)) + "\n"


def registry_with(figures: dict[str, Any], seq: int = 1) -> Registry:
    return Registry.load(amendments=(Amendment(seq=seq, profiles=((PROFILE, profile_text(figures)),)),))


@functools.cache
def figures_registry() -> Registry:
    """The shipped files plus the test profile with FIGURES."""
    return registry_with(FIGURES)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge `override` into a copy of `base`; a None value removes the key."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def decide_maatregel(registry: Registry | None = None, **override: Any) -> dict[str, Any]:
    """Evaluate MAATREGEL_REQUEST with overrides on the figures registry; the JSON form of the response."""
    registry = registry or figures_registry()
    request = parse_request(merge(MAATREGEL_REQUEST, override), registry=registry)
    return response_to_dict(evaluate(request, registry))
