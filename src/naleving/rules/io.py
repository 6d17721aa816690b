"""JSON in and out: `parse_request` builds a `DecisionRequest` from decoded JSON, `response_to_dict` makes a
response JSON-ready (amounts as text with two decimals, dates ISO)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from naleving.rules.context import money_json
from naleving.rules.errors import RuleInputError
from naleving.rules.model import (
    PROFILE_DEFAULT,
    DecisionRequest,
    DecisionResponse,
    HistoryItem,
    Household,
    Income,
    Json,
    Judgements,
    MonthlyAmount,
    TraceStep,
    Violation,
)
from naleving.rules.registry import Registry, default_registry
from naleving.rules.validate import validate_request

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_TOP = {
    "profile", "decision_date", "regulation", "violation", "benadelingsbedrag", "monthly", "culpability",
    "history", "household", "income", "judgements", "cooperation",
}  # fmt: skip
_VIOLATION = {
    "kind", "start", "end", "detected_on", "source_known", "self_reported_on", "limitation_paused_days",
}  # fmt: skip
_HISTORY = {"type", "kind", "date", "irrevocable", "irrevocable_on", "prison_sentence"}
_HOUSEHOLD = {"type", "kostendelers", "age_band"}
_JUDGEMENTS = {"urgent_reasons_recovery", "recovery_amount", "urgent_reasons_fine"}


class _Reader:
    """Typed access to one JSON object; every error names the dotted field."""

    def __init__(self, data: object, prefix: str, allowed: set[str]) -> None:
        if not isinstance(data, Mapping):
            raise RuleInputError("invalid_type", "expected a JSON object", prefix.rstrip(".") or None)
        unknown = sorted(set(map(str, data)) - allowed)
        if unknown:
            raise RuleInputError("unknown_field", f"unknown field {unknown[0]!r}", prefix + unknown[0])
        self.data: Mapping[str, Any] = data
        self.prefix = prefix

    def field(self, key: str) -> str:
        return self.prefix + key

    def raw(self, key: str, required: bool = False) -> Any:
        value = self.data.get(key)
        if value is None and required:
            raise RuleInputError("missing_field", f"{self.field(key)} is required", self.field(key))
        return value

    def text(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        value = self.raw(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            raise RuleInputError("invalid_type", "expected text", self.field(key))
        return value

    def choice(self, key: str, default: str | None = None) -> str:
        value = self.text(key, default, required=default is None)
        assert value is not None  # required when there is no default
        return value

    def day(self, key: str, required: bool = False) -> date | None:
        value = self.raw(key, required)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or not _DATE.match(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise RuleInputError("invalid_date", "expected a date YYYY-MM-DD", self.field(key)) from None

    def required_day(self, key: str) -> date:
        value = self.day(key, required=True)
        assert value is not None  # required=True raises instead
        return value

    def amount(self, key: str, required: bool = False) -> Decimal | None:
        value = self.raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            raise RuleInputError("invalid_amount", "expected an amount in euros", self.field(key))
        text = str(value).strip()
        if not _NUMBER.match(text):
            raise RuleInputError(
                "invalid_amount", "expected an amount in euros, like 1369.06", self.field(key)
            )
        return Decimal(text)

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise RuleInputError("invalid_type", "expected true or false", self.field(key))
        return value

    def integer(self, key: str, default: int) -> int:
        value = self.raw(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise RuleInputError("invalid_type", "expected a whole number", self.field(key))
        return value

    def objects(self, key: str) -> list[Any]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise RuleInputError("invalid_type", "expected a list", self.field(key))
        return value

    def child(self, key: str, allowed: set[str], required: bool = False) -> _Reader:
        return _Reader(self.raw(key, required) or {}, self.field(key) + ".", allowed)


def _violation(reader: _Reader) -> Violation:
    data = reader.child("violation", _VIOLATION, required=True)
    return Violation(
        kind=data.choice("kind"),
        start=data.required_day("start"),
        end=data.required_day("end"),
        detected_on=data.day("detected_on"),
        source_known=data.text("source_known"),
        self_reported_on=data.day("self_reported_on"),
        limitation_paused_days=data.integer("limitation_paused_days", 0),
    )


def _monthly(reader: _Reader) -> tuple[MonthlyAmount, ...]:
    months = []
    for index, raw in enumerate(reader.objects("monthly")):
        item = _Reader(raw, f"monthly[{index}].", {"month", "paid", "entitled"})
        paid, entitled = item.amount("paid", required=True), item.amount("entitled", required=True)
        assert paid is not None and entitled is not None  # required=True raises instead
        months.append(MonthlyAmount(month=item.choice("month"), paid=paid, entitled=entitled))
    return tuple(months)


def _history(reader: _Reader) -> tuple[HistoryItem, ...]:
    items = []
    for index, raw in enumerate(reader.objects("history")):
        item = _Reader(raw, f"history[{index}].", _HISTORY)
        items.append(
            HistoryItem(
                type=item.choice("type"),
                kind=item.choice("kind"),
                date=item.required_day("date"),
                irrevocable=item.flag("irrevocable", True),
                prison_sentence=item.flag("prison_sentence", False),
                irrevocable_on=item.day("irrevocable_on"),
            )
        )
    return tuple(items)


def _judgements(reader: _Reader) -> Judgements:
    data = reader.child("judgements", _JUDGEMENTS)
    return Judgements(
        urgent_reasons_recovery=data.choice("urgent_reasons_recovery", "none"),
        recovery_amount=data.amount("recovery_amount"),
        urgent_reasons_fine=data.flag("urgent_reasons_fine", False),
    )


def parse_request(
    data: dict[str, Any], *, profile_override: str | None = None, registry: Registry | None = None
) -> DecisionRequest:
    """Build and validate a request from decoded JSON; raise `RuleInputError(code, message, field)`."""
    reader = _Reader(data, "", _TOP)
    household = reader.child("household", _HOUSEHOLD)
    request = DecisionRequest(
        profile=profile_override or reader.choice("profile", PROFILE_DEFAULT),
        decision_date=reader.required_day("decision_date"),
        regulation=reader.choice("regulation", "Pw"),
        violation=_violation(reader),
        benadelingsbedrag=reader.amount("benadelingsbedrag"),
        monthly=_monthly(reader),
        culpability=reader.choice("culpability"),
        history=_history(reader),
        household=Household(
            type=household.choice("type", "alleenstaande"),
            kostendelers=household.integer("kostendelers", 1),
            age_band=household.choice("age_band", "21_to_aow"),
        ),
        income=Income(on_benefit=reader.child("income", {"on_benefit"}).flag("on_benefit", True)),
        judgements=_judgements(reader),
        cooperation=reader.choice("cooperation", "yes"),
    )
    validate_request(request, registry or default_registry())
    return request


def _violation_dict(violation: Violation) -> dict[str, Json]:
    return {
        "kind": violation.kind,
        "start": str(violation.start),
        "end": str(violation.end),
        "detected_on": None if violation.detected_on is None else str(violation.detected_on),
        "source_known": violation.source_known,
        "self_reported_on": None if violation.self_reported_on is None else str(violation.self_reported_on),
        "limitation_paused_days": violation.limitation_paused_days,
    }


def _history_dict(item: HistoryItem) -> dict[str, Json]:
    return {
        "type": item.type,
        "kind": item.kind,
        "date": str(item.date),
        "irrevocable": item.irrevocable,
        "irrevocable_on": None if item.irrevocable_on is None else str(item.irrevocable_on),
        "prison_sentence": item.prison_sentence,
    }


def request_to_dict(request: DecisionRequest) -> dict[str, Json]:
    """The JSON form of a request (the inverse of `parse_request`), e.g. to store it for replay."""
    household = request.household
    judgements = request.judgements
    return {
        "profile": request.profile,
        "decision_date": str(request.decision_date),
        "regulation": request.regulation,
        "violation": _violation_dict(request.violation),
        "benadelingsbedrag": money_json(request.benadelingsbedrag),
        "monthly": [
            {"month": m.month, "paid": money_json(m.paid), "entitled": money_json(m.entitled)}
            for m in request.monthly
        ],
        "culpability": request.culpability,
        "history": [_history_dict(item) for item in request.history],
        "household": {
            "type": household.type,
            "kostendelers": household.kostendelers,
            "age_band": household.age_band,
        },
        "income": {"on_benefit": request.income.on_benefit},
        "judgements": {
            "urgent_reasons_recovery": judgements.urgent_reasons_recovery,
            "recovery_amount": money_json(judgements.recovery_amount),
            "urgent_reasons_fine": judgements.urgent_reasons_fine,
        },
        "cooperation": request.cooperation,
    }


def step_to_dict(step: TraceStep) -> dict[str, Json]:
    return {
        "rule": step.rule,
        "citation": step.citation,
        "inputs": step.inputs,
        "result": step.result,
        "text_nl": step.text_nl,
    }


def response_to_dict(resp: DecisionResponse) -> dict[str, Json]:
    """The JSON form of a response: amounts as text with two decimals, dates ISO."""
    sanction = resp.sanction
    suspension = resp.suspension
    return {
        "profile": resp.profile,
        "rules_version": resp.rules_version,
        "decision_date": str(resp.decision_date),
        "breach": resp.breach,
        "benadelingsbedrag": money_json(resp.benadelingsbedrag),
        "correction": {"type": resp.correction.type, "amount": money_json(resp.correction.amount)},
        "recovery": {
            "required": resp.recovery.required,
            "amount": money_json(resp.recovery.amount),
            "refrained_amount": money_json(resp.recovery.refrained_amount),
            "setoff_mandatory": resp.recovery.setoff_mandatory,
        },
        "sanction": {
            "type": sanction.type,
            "fine_amount": money_json(sanction.fine_amount),
            "base_percentage": sanction.base_percentage,
            "recidive": sanction.recidive,
            "capped_by": sanction.capped_by,
            "reason": sanction.reason,
        },
        "suspension": None
        if suspension is None
        else {
            "max_weeks": suspension.max_weeks,
            "hersteltermijn_days": suspension.hersteltermijn_days,
            "impact_assessment_required": suspension.impact_assessment_required,
        },
        "followups": list(resp.followups),
        "trace": [step_to_dict(step) for step in resp.trace],
    }
