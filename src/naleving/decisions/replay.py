"""Replaying a besluit: recompute it from its stored request with the parameter set and rules it was decided
with, and say whether the outcome is identical (`naleving decide --replay BESLUIT_ID`, an objection)."""

from typing import Any

from naleving import rules
from naleving.audit.services import audit_record
from naleving.decisions.models import Besluit
from naleving.ruleset.selectors import registry_at


def differences(stored: Any, replayed: Any, path: str = "") -> list[dict]:
    """Every place where the two JSON values differ, as {path, stored, replayed}."""
    if isinstance(stored, dict) and isinstance(replayed, dict):
        found = []
        for key in sorted(set(stored) | set(replayed)):
            found += differences(stored.get(key), replayed.get(key), f"{path}.{key}" if path else key)
        return found
    if isinstance(stored, list) and isinstance(replayed, list) and len(stored) == len(replayed):
        found = []
        for index, (a, b) in enumerate(zip(stored, replayed, strict=True)):
            found += differences(a, b, f"{path}[{index}]")
        return found
    return [] if stored == replayed else [{"path": path, "stored": stored, "replayed": replayed}]


def _error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message, "field": "besluit"}}


def replay(besluit_id: Any, *, actor=None) -> dict:
    """{besluit, rules_version, parameter_set_seq, identical, differences}, or {error} when it cannot be
    replayed (unknown besluit, no stored request, a parameter set that no longer loads)."""
    try:
        besluit = Besluit.objects.get(pk=int(besluit_id))
    except (TypeError, ValueError, Besluit.DoesNotExist):
        return _error("not_found", f"Besluit {besluit_id} bestaat niet.")
    if not besluit.engine_request or not besluit.engine_response:
        return _error("no_request", f"Besluit {besluit.pk} heeft geen opgeslagen invoer van de beslisregels.")
    try:
        registry = registry_at(besluit.parameter_set_seq)
        request = rules.parse_request(besluit.engine_request, registry=registry)
        replayed = rules.response_to_dict(rules.evaluate(request, registry))
    except rules.RulesError as exc:
        return _error("not_replayable", f"Besluit {besluit.pk} is niet opnieuw door te rekenen: {exc}")
    found = differences(besluit.engine_response, replayed)
    audit_record(
        actor=actor,
        code="decision.replayed",
        obj=besluit,
        resident_id=besluit.resident_id,
        purpose="Besluit opnieuw doorrekenen (replay)",
        after={"identiek": not found, "verschillen": len(found)},
    )
    return {
        "besluit": besluit.pk,
        "rules_version": besluit.rules_version,
        "replayed_rules_version": replayed["rules_version"],
        "parameter_set_seq": besluit.parameter_set_seq,
        "identical": not found,
        "differences": found,
    }
