"""Shared helpers for the rules tests: a baseline request and deep merging of overrides."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from naleving.rules import evaluate, parse_request, response_to_dict

BASE_REQUEST: dict[str, Any] = {
    "decision_date": "2026-03-01",
    "violation": {"kind": "income", "start": "2025-09-01", "end": "2025-12-31"},
    "benadelingsbedrag": "1000.00",
    "culpability": "normaal",
}


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


def plain(value: Any) -> Any:
    """YAML values as JSON would carry them: dates become ISO text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def decide(**override: Any) -> dict[str, Any]:
    """Evaluate BASE_REQUEST with overrides and return the JSON form of the response."""
    return response_to_dict(evaluate(parse_request(merge(BASE_REQUEST, override))))


def step(response: dict[str, Any], rule: str) -> dict[str, Any]:
    for item in response["trace"]:
        if item["rule"] == rule:
            return dict(item)
    raise AssertionError(f"no step {rule!r} in {[s['rule'] for s in response['trace']]}")
