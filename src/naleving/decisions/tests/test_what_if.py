"""The what-if page and POST /api/v1/decisions/evaluate, both on top of naleving.rules."""

import pytest
from django.urls import reverse

EXAMPLE_1 = {
    "decision_date": "2026-03-01",
    "violation": {"kind": "income", "start": "2025-09-01", "end": "2025-12-31"},
    "benadelingsbedrag": "1000.00",
    "culpability": "normaal",
}

ALLOWED = {"consulent", "consulent_zuid", "handhaver", "teamleider", "teamleider_zuid"}
ROLES = [*sorted(ALLOWED), "analist", "fg", "beleid", "beheerder"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_evaluate_api_permission_matrix(client, world, role):
    client.force_login(world[role])
    response = client.post("/api/v1/decisions/evaluate", EXAMPLE_1, content_type="application/json")
    assert response.status_code == (200 if role in ALLOWED else 403)


@pytest.mark.django_db
def test_evaluate_api_gives_worked_example_1(client, world):
    client.force_login(world["consulent"])
    body = client.post("/api/v1/decisions/evaluate", EXAMPLE_1, content_type="application/json").json()
    assert body["recovery"]["amount"] == "1000.00"
    assert body["sanction"]["type"] == "boete"
    assert body["sanction"]["fine_amount"] == "500.00"
    assert body["rules_version"]
    assert all(step["text_nl"] and step["citation"] for step in body["trace"])


@pytest.mark.django_db
def test_evaluate_api_names_the_bad_field(client, world):
    client.force_login(world["consulent"])
    bad = dict(EXAMPLE_1, benadelingsbedrag="-5")
    response = client.post("/api/v1/decisions/evaluate", bad, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "benadelingsbedrag"
    missing = {k: v for k, v in EXAMPLE_1.items() if k != "decision_date"}
    response = client.post("/api/v1/decisions/evaluate", missing, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["field"] == "decision_date"


@pytest.mark.django_db
def test_evaluate_api_refuses_anonymous(client, world):
    response = client.post("/api/v1/decisions/evaluate", EXAMPLE_1, content_type="application/json")
    assert response.status_code in (401, 403)


def _form(**overrides):
    data = {
        "profile": "landelijk",
        "decision_date": "2026-03-01",
        "regulation": "Pw",
        "kind": "income",
        "start": "2025-09-01",
        "end": "2025-12-31",
        "benadelingsbedrag": "5000",
        "culpability": "normaal",
        "household_type": "alleenstaande",
        "kostendelers": "1",
        "age_band": "21_to_aow",
        "on_benefit": "on",
        "urgent_reasons_recovery": "none",
        "cooperation": "yes",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_what_if_page_shows_outcome_and_reasons(client, world):
    client.force_login(world["consulent"])
    assert client.get(reverse("decisions:what_if")).status_code == 200
    body = client.post(reverse("decisions:what_if"), _form()).content.decode()
    # Worked example 5: 50% of €5,000 capped by draagkracht at 12 × 5% × €1,401.50.
    assert "€ 840,90" in body
    assert "draagkracht" in body
    assert 'data-testid="what-if-trace"' in body


@pytest.mark.django_db
def test_what_if_htmx_returns_fragment(client, world):
    client.force_login(world["consulent"])
    response = client.post(reverse("decisions:what_if"), _form(), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="what-if"' in body and "<html" not in body


@pytest.mark.django_db
def test_what_if_bad_input_is_explained(client, world):
    client.force_login(world["consulent"])
    body = client.post(reverse("decisions:what_if"), _form(end="2025-01-01")).content.decode()
    assert "840,90" not in body
    assert "utrecht-alert--error" in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_what_if_page_permission_matrix(client, world, role):
    client.force_login(world[role])
    assert client.get(reverse("decisions:what_if")).status_code == (200 if role in ALLOWED else 403)


@pytest.mark.django_db
def test_date_without_known_norms_is_a_clear_error_not_a_crash(client, world):
    client.force_login(world["consulent"])
    request = dict(EXAMPLE_1, decision_date="2027-06-01", benadelingsbedrag="5000.00")
    response = client.post("/api/v1/decisions/evaluate", request, content_type="application/json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "parameter_not_in_force" and error["field"] == "decision_date"
    assert error["message"] == (
        "Voor een besluit op 1 juni 2027 ontbreekt nog de bijstandsnorm voor een alleenstaande (21 jaar tot "
        "AOW-leeftijd). De functioneel beheerder kan dit bedrag toevoegen."
    )
    body = client.post(reverse("decisions:what_if"), _form(decision_date="2027-06-01")).content.decode()
    assert "Voor een besluit op 1 juni 2027 ontbreekt nog de bijstandsnorm" in body
    assert "src/naleving" not in body and "naleving rules" not in body and "(veld: " not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "sentence"),
    [
        ({"self_reported_on": "2026-03-05"}, "self_reported_on", "Deze datum ligt na de besluitdatum."),
        ({"detected_on": "2026-04-01"}, "detected_on", "Deze datum ligt na de besluitdatum."),
        (
            {"history_type": "boete", "history_kind": "income", "history_date": "2026-06-01"},
            "history_date",
            "Deze datum ligt na de besluitdatum.",
        ),
        (
            {"history_type": "boete", "history_date": "2020-01-01", "history_prison_sentence": "on"},
            "history_prison_sentence",
            "Een gevangenisstraf hoort alleen bij een strafrechtelijke sanctie",
        ),
        (
            {"history_type": "boete", "history_date": "2024-01-01", "history_irrevocable_on": "2023-12-01"},
            "history_irrevocable_on",
            "Een sanctie kan niet onherroepelijk zijn geworden vóór de dag waarop zij werd opgelegd.",
        ),
        ({"end": "2025-01-01"}, "end", "Het einde van de periode ligt vóór het begin."),
    ],
)
def test_what_if_refuses_impossible_facts_on_the_field_in_dutch(client, world, overrides, field, sentence):
    client.force_login(world["consulent"])
    response = client.post(reverse("decisions:what_if"), _form(**overrides))
    form = response.context["form"]
    assert any(sentence in error for error in form.errors[field]), form.errors
    assert sentence in response.content.decode().replace("&#x27;", "'")
    assert "840,90" not in response.content.decode()


@pytest.mark.django_db
def test_what_if_counts_the_days_in_objection_and_the_day_a_sanction_became_irrevocable(client, world):
    client.force_login(world["consulent"])
    # €300 ended 2022-06-30: the 3-year term ends 2025-06-30; 250 days in objection carry it past 2026-03-01
    lapsed = _form(start="2022-01-01", end="2022-06-30", benadelingsbedrag="300")
    assert (
        client.post(reverse("decisions:what_if"), lapsed).context["result"]["sanction"]["reason"]
        == "verjaard"
    )
    paused = client.post(reverse("decisions:what_if"), dict(lapsed, limitation_paused_days="250"))
    assert paused.context["result"]["sanction"]["type"] == "boete"
    # an earlier fine that became final only after the breach began is no recidive
    earlier = {"history_type": "boete", "history_kind": "income", "history_date": "2025-08-01"}
    final_late = client.post(
        reverse("decisions:what_if"), _form(**earlier, history_irrevocable_on="2025-09-12")
    )
    assert final_late.context["result"]["sanction"]["recidive"] is False
    final_early = client.post(
        reverse("decisions:what_if"), _form(**earlier, history_irrevocable_on="2025-08-20")
    )
    assert final_early.context["result"]["sanction"]["recidive"] is True
