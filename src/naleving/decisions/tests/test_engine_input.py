"""Issue 11 on the API: decisions dated 2026-07-01 .. 2026-12-31 work, later ones are refused in plain Dutch,
and impossible input is a 400 with the contract's error naming the field (never a 500)."""

import pytest

URL = "/api/v1/decisions/evaluate"
REQUEST = {
    "decision_date": "2026-12-02",
    "violation": {"kind": "income", "start": "2026-01-01", "end": "2026-05-31"},
    "benadelingsbedrag": "5000.00",
    "culpability": "normaal",
}


def _post(client, body, **kwargs):
    return client.post(URL, body, content_type="application/json", **kwargs)


@pytest.fixture
def consulent_client(client, world):
    client.force_login(world["consulent"])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "fine"), [("2026-07-01", "851.68"), ("2026-12-02", "851.68"), ("2026-12-31", "851.68")]
)
def test_a_decision_in_the_second_half_of_2026_uses_the_2026_07_norm(consulent_client, day, fine):
    body = _post(consulent_client, dict(REQUEST, decision_date=day)).json()
    assert body["sanction"]["fine_amount"] == fine  # 12 x 5 % x 1419.46
    assert body["sanction"]["capped_by"] == "draagkracht"


@pytest.mark.django_db
def test_after_the_last_norm_the_api_refuses_in_plain_dutch(consulent_client):
    response = _post(consulent_client, dict(REQUEST, decision_date="2027-01-05"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("parameter_not_in_force", "decision_date")
    assert "functioneel beheerder" in error["message"]
    assert "src/" not in error["message"] and "naleving rules" not in error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("override", "code", "field"),
    [
        ({"benadelingsbedrag": 123456789012345678901234567}, "invalid_amount", "benadelingsbedrag"),
        ({"benadelingsbedrag": "123456789012345678901234567.00"}, "invalid_amount", "benadelingsbedrag"),
        ({"benadelingsbedrag": 1e300}, "invalid_amount", "benadelingsbedrag"),
        (
            {"violation": dict(REQUEST["violation"], self_reported_on="2026-12-03")},
            "date_after_decision",
            "violation.self_reported_on",
        ),
        (
            {"violation": dict(REQUEST["violation"], detected_on="2027-01-01")},
            "date_after_decision",
            "violation.detected_on",
        ),
        (
            {"history": [{"type": "boete", "kind": "income", "date": "2026-12-10"}]},
            "date_after_decision",
            "history[0].date",
        ),
        (
            {"history": [{"type": "boete", "kind": "income", "date": "2020-01-01", "prison_sentence": True}]},
            "contradictory_history",
            "history[0].prison_sentence",
        ),
        (
            {
                "history": [
                    {"type": "boete", "kind": "income", "date": "2024-01-01", "irrevocable_on": "2023-01-01"}
                ]
            },
            "contradictory_history",
            "history[0].irrevocable_on",
        ),
    ],
)
def test_impossible_input_is_a_400_naming_the_field(consulent_client, override, code, field):
    response = _post(consulent_client, {**REQUEST, **override})
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field)


@pytest.mark.django_db
def test_json_nested_too_deep_is_a_400(consulent_client):
    response = consulent_client.post(URL, "[" * 50_000 + "]" * 50_000, content_type="application/json")
    assert response.status_code == 400
