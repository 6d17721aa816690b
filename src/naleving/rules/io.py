"""JSON in and out: `parse_request` builds a `DecisionRequest` from decoded JSON, `response_to_dict` makes a
response JSON-ready (amounts as text with two decimals, dates ISO)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from naleving.rules.context import money_json, step_to_dict
from naleving.rules.errors import RuleInputError
from naleving.rules.maatregel.io import (
    maatregel_request_to_dict,
    maatregel_response_to_dict,
    parse_maatregel,
)
from naleving.rules.maatregel.model import KIND, MaatregelRequest, MaatregelResponse
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
    Violation,
)
from naleving.rules.reader import Reader as _Reader
from naleving.rules.registry import Registry, default_registry
from naleving.rules.validate import validate_request

_TOP = {
    "kind", "profile", "decision_date", "regulation", "violation", "benadelingsbedrag", "monthly", "culpability",
    "history", "household", "income", "judgements", "cooperation",
}  # fmt: skip
_VIOLATION = {
    "kind", "start", "end", "detected_on", "source_known", "self_reported_on", "limitation_paused_days",
}  # fmt: skip
_HISTORY = {"type", "kind", "date", "irrevocable", "irrevocable_on", "prison_sentence"}
_HOUSEHOLD = {"type", "kostendelers", "age_band"}
_JUDGEMENTS = {"urgent_reasons_recovery", "recovery_amount", "urgent_reasons_fine"}


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


#: the kinds of request: no `kind` is the breach of the duty to inform, as before the maatregel
KINDS = ("inlichtingenplicht", KIND)


def request_kind(data: object) -> str:
    """The `kind` of a decoded request; a request without one is `inlichtingenplicht`."""
    kind = data.get("kind") if isinstance(data, Mapping) else None
    if kind is None:
        return KINDS[0]
    if kind not in KINDS:
        raise RuleInputError("invalid_choice", f"{kind!r} is not one of: {', '.join(KINDS)}", "kind")
    return str(kind)


def parse_request(
    data: Mapping[str, Any], *, profile_override: str | None = None, registry: Registry | None = None
) -> DecisionRequest | MaatregelRequest:
    """Build and validate a request from decoded JSON; raise `RuleInputError(code, message, field)`.

    `"kind": "maatregel"` gives a `MaatregelRequest`; no `kind` (or `"inlichtingenplicht"`) a
    `DecisionRequest`, as in the contract before the maatregel."""
    if request_kind(data) == KIND:
        return parse_maatregel(dict(data), profile_override=profile_override, registry=registry)
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


def request_to_dict(request: DecisionRequest | MaatregelRequest) -> dict[str, Json]:
    """The JSON form of a request (the inverse of `parse_request`), e.g. to store it for replay."""
    if isinstance(request, MaatregelRequest):
        return maatregel_request_to_dict(request)
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


def response_to_dict(resp: DecisionResponse | MaatregelResponse) -> dict[str, Json]:
    """The JSON form of a response: amounts as text with two decimals, dates ISO."""
    if isinstance(resp, MaatregelResponse):
        return maatregel_response_to_dict(resp)
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
