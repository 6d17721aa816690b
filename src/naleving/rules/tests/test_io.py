"""JSON in and out, and the checks `evaluate` applies to requests built in Python."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from naleving.rules import (
    DecisionRequest,
    Judgements,
    RuleInputError,
    Violation,
    evaluate,
    parse_request,
    request_to_dict,
    response_to_dict,
)
from naleving.rules.tests.helpers import BASE_REQUEST, decide, merge, step

FULL = merge(
    BASE_REQUEST,
    {
        "profile": "groningen-2024",
        "regulation": "IOAW",
        "violation": {"detected_on": "2025-11-01", "source_known": "brp", "self_reported_on": "2025-10-01"},
        "benadelingsbedrag": None,
        "monthly": [{"month": "2025-09", "paid": "1369.06", "entitled": "869.06"}],
        "history": [{"type": "boete", "kind": "address", "date": "2024-01-01", "irrevocable": False}],
        "household": {"type": "gehuwden", "kostendelers": 3, "age_band": "21_to_aow"},
        "income": {"on_benefit": False},
        "judgements": {
            "urgent_reasons_recovery": "partial",
            "recovery_amount": "100",
            "urgent_reasons_fine": True,
        },
        "cooperation": "refused",
    },
)


def test_request_round_trip() -> None:
    request = parse_request(FULL)
    again = parse_request(json.loads(json.dumps(request_to_dict(request))))
    assert again == request
    assert request.violation == Violation(
        "income", date(2025, 9, 1), date(2025, 12, 31), date(2025, 11, 1), "brp", date(2025, 10, 1)
    )
    assert request.judgements == Judgements("partial", Decimal("100"), True)


def test_defaults_follow_the_contract() -> None:
    request = parse_request(BASE_REQUEST)
    assert (request.profile, request.regulation, request.cooperation) == ("landelijk", "Pw", "yes")
    assert (request.household.type, request.household.kostendelers, request.household.age_band) == (
        "alleenstaande",
        1,
        "21_to_aow",
    )
    assert request.income.on_benefit is True
    assert request.history == () and request.monthly == ()
    assert request.judgements == Judgements()


def test_response_is_json_ready_with_two_decimal_amounts() -> None:
    data = response_to_dict(evaluate(parse_request(FULL)))
    text = json.dumps(data)
    assert json.loads(text) == data
    assert data["benadelingsbedrag"] == "500.00"
    assert data["recovery"] == {
        "required": True,
        "amount": "100.00",
        "refrained_amount": "400.00",
        "setoff_mandatory": True,
    }
    assert data["suspension"] == {
        "max_weeks": 8,
        "hersteltermijn_days": 14,
        "impact_assessment_required": True,
    }
    assert data["sanction"]["reason"] == "dringende_redenen"
    for item in data["trace"]:
        assert set(item) == {"rule", "citation", "inputs", "result", "text_nl"}
        assert item["text_nl"].endswith(".")


def test_floats_and_integers_are_read_as_exact_amounts() -> None:
    request = parse_request(merge(BASE_REQUEST, {"benadelingsbedrag": 1369.06}))
    assert request.benadelingsbedrag == Decimal("1369.06")
    assert parse_request(merge(BASE_REQUEST, {"benadelingsbedrag": 12})).benadelingsbedrag == Decimal(12)
    assert parse_request(
        merge(BASE_REQUEST, {"benadelingsbedrag": Decimal("1.5")})
    ).benadelingsbedrag == Decimal("1.5")


def test_a_request_that_is_not_an_object() -> None:
    with pytest.raises(RuleInputError) as info:
        parse_request([1, 2])  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == ("invalid_type", None)
    assert info.value.to_dict() == {
        "error": {"code": "invalid_type", "message": "expected a JSON object", "field": None}
    }


def test_evaluate_checks_requests_built_in_python() -> None:
    request = parse_request(BASE_REQUEST)
    with pytest.raises(RuleInputError) as info:
        evaluate(replace(request, culpability="zwaar"))
    assert info.value.field == "culpability"
    with pytest.raises(RuleInputError) as info:
        evaluate(replace(request, benadelingsbedrag=Decimal("NaN")))
    assert (info.value.code, info.value.field) == ("invalid_amount", "benadelingsbedrag")
    with pytest.raises(RuleInputError, match="benadelingsbedrag or monthly"):
        evaluate(
            DecisionRequest(
                decision_date=date(2026, 1, 1), violation=request.violation, culpability="normaal"
            )
        )


def test_trace_texts_are_plain_dutch_sentences() -> None:
    data = decide(benadelingsbedrag="5000")
    plafond = step(data, "plafond")
    assert plafond["text_nl"].startswith("U heeft een inkomen op bijstandsniveau.")
    assert "€ 840,90" in plafond["text_nl"] and "5% van uw bijstandsnorm" in plafond["text_nl"]
    for item in data["trace"]:
        sentences = [s for s in item["text_nl"].split(". ") if s]
        assert all(len(s.split()) <= 25 for s in sentences), item["text_nl"]
    with pytest.raises(AssertionError, match="no step 'nope'"):
        step(data, "nope")


def test_the_fine_text_mentions_recidive() -> None:
    data = decide(
        culpability="opzet",
        income={"on_benefit": False},
        history=[{"type": "boete", "kind": "income", "date": "2024-01-01"}],
    )
    assert step(data, "boete")["text_nl"].startswith(
        "Door de herhaling telt € 1.500,00 in plaats van € 1.000,00."
    )
    assert step(data, "recidive")["text_nl"].startswith("U kreeg eerder al een boete")
