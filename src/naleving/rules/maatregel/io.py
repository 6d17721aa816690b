"""JSON in and out for a maatregel request (`"kind": "maatregel"`): parsing with field-named errors, and the
JSON forms of the request (for replay) and of the response."""

from __future__ import annotations

from typing import Any

from naleving.rules.context import money_json, step_to_dict
from naleving.rules.errors import RuleInputError
from naleving.rules.maatregel.model import (
    KIND,
    Breach,
    MaatregelHistoryItem,
    MaatregelJudgements,
    MaatregelRequest,
    MaatregelResponse,
)
from naleving.rules.maatregel.validate import validate_maatregel
from naleving.rules.model import PROFILE_DEFAULT, Household, Json
from naleving.rules.reader import Reader
from naleving.rules.registry import Registry, default_registry

_TOP = {
    "kind", "profile", "decision_date", "regulation", "obligation", "culpability", "history", "household",
    "judgements",
}  # fmt: skip
_OBLIGATION = {"code", "breached_on", "category"}
_HISTORY = {"type", "obligation", "date"}
_HOUSEHOLD = {"type", "kostendelers", "age_band"}


def _category(reader: Reader) -> int | None:
    value = reader.raw("category")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleInputError("invalid_type", "expected a whole number (1, 2 or 3)", reader.field("category"))
    return value


def _history(reader: Reader) -> tuple[MaatregelHistoryItem, ...]:
    items = []
    for index, raw in enumerate(reader.objects("history")):
        item = Reader(raw, f"history[{index}].", _HISTORY)
        items.append(
            MaatregelHistoryItem(
                type=item.choice("type"),
                date=item.required_day("date"),
                obligation=item.text("obligation"),
            )
        )
    return tuple(items)


def parse_maatregel(
    data: dict[str, Any], *, profile_override: str | None = None, registry: Registry | None = None
) -> MaatregelRequest:
    """Build and validate a maatregel request from decoded JSON; raise `RuleInputError(code, message, field)`."""
    reader = Reader(data, "", _TOP)
    obligation = reader.child("obligation", _OBLIGATION, required=True)
    household = reader.child("household", _HOUSEHOLD)
    judgements = reader.child("judgements", {"urgent_reasons_maatregel"})
    request = MaatregelRequest(
        profile=profile_override or reader.choice("profile", PROFILE_DEFAULT),
        decision_date=reader.required_day("decision_date"),
        regulation=reader.choice("regulation", "Pw"),
        obligation=Breach(
            code=obligation.choice("code"),
            breached_on=obligation.required_day("breached_on"),
            category=_category(obligation),
        ),
        culpability=reader.choice("culpability"),
        history=_history(reader),
        household=Household(
            type=household.choice("type", "alleenstaande"),
            kostendelers=household.integer("kostendelers", 1),
            age_band=household.choice("age_band", "21_to_aow"),
        ),
        judgements=MaatregelJudgements(
            urgent_reasons_maatregel=judgements.flag("urgent_reasons_maatregel", False)
        ),
    )
    validate_maatregel(request, registry or default_registry())
    return request


def maatregel_request_to_dict(request: MaatregelRequest) -> dict[str, Json]:
    """The JSON form of a maatregel request (the inverse of `parse_maatregel`), e.g. to store it for replay."""
    household = request.household
    return {
        "kind": KIND,
        "profile": request.profile,
        "decision_date": str(request.decision_date),
        "regulation": request.regulation,
        "obligation": {
            "code": request.obligation.code,
            "breached_on": str(request.obligation.breached_on),
            "category": request.obligation.category,
        },
        "culpability": request.culpability,
        "history": [
            {"type": item.type, "obligation": item.obligation, "date": str(item.date)}
            for item in request.history
        ],
        "household": {
            "type": household.type,
            "kostendelers": household.kostendelers,
            "age_band": household.age_band,
        },
        "judgements": {"urgent_reasons_maatregel": request.judgements.urgent_reasons_maatregel},
    }


def maatregel_response_to_dict(resp: MaatregelResponse) -> dict[str, Json]:
    """The JSON form of a maatregel response: amounts as text with two decimals, the percentage as text."""
    outcome = resp.maatregel
    return {
        "kind": KIND,
        "profile": resp.profile,
        "rules_version": resp.rules_version,
        "decision_date": str(resp.decision_date),
        "obligation": {
            "code": resp.obligation.code,
            "article": resp.obligation.article,
            "label_nl": resp.obligation.label_nl,
            "mandatory": resp.obligation.mandatory,
        },
        "maatregel": {
            "type": outcome.type,
            "reason": outcome.reason,
            "percentage": None if outcome.percentage is None else str(outcome.percentage),
            "months": outcome.months,
            "recidive": outcome.recidive,
            "norm": money_json(outcome.norm),
            "monthly_amount": money_json(outcome.monthly_amount),
            "total_amount": money_json(outcome.total_amount),
            "reconsider_within_months": outcome.reconsider_within_months,
        },
        "followups": list(resp.followups),
        "trace": [step_to_dict(step) for step in resp.trace],
    }
