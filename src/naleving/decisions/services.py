"""The only place that calls the decision engine (naleving.rules)."""

from typing import Any

from naleving import rules


def decision_evaluate(*, actor, data: dict[str, Any], profile: str | None = None) -> dict[str, Any]:
    """Evaluate a decision-contract request and return the JSON-ready response.

    Raises ``rules.RuleInputError`` (code, message, field) on invalid input. Nothing is stored: this is the
    what-if calculation; recording a besluit stores request, response and rules_version with it.
    """
    request = rules.parse_request(data, profile_override=profile)
    return rules.response_to_dict(rules.evaluate(request))


def available_profiles() -> list[str]:
    return rules.available_profiles()
