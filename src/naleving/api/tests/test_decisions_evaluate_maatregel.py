"""POST /api/v1/decisions/evaluate with a maatregel request (``"kind": "maatregel"``, decision-contract.md): the
refusal while the organisation's profile has no afstemmingsverordening figures, the outcome without culpability,
a reduction once figures are approved, and field-named errors."""

import pytest

from naleving.rules.tests.maatregel_helpers import MAATREGEL_REQUEST, figures_registry, merge

URL = "/api/v1/decisions/evaluate"
REQUEST = merge(MAATREGEL_REQUEST, {"profile": "landelijk"})


@pytest.fixture
def consulent_client(client, world):
    client.force_login(world["consulent"])
    return client


def _post(client, body):
    return client.post(URL, body, content_type="application/json")


@pytest.mark.django_db
def test_without_verordening_figures_a_reduction_is_refused_in_plain_dutch(consulent_client):
    response = _post(consulent_client, REQUEST)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("parameter_not_in_force", "decision_date")
    assert "afstemmingsverordening" in error["message"]


@pytest.mark.django_db
def test_without_culpability_the_answer_is_no_reduction(consulent_client):
    body = _post(consulent_client, dict(REQUEST, culpability="geen")).json()
    assert body["kind"] == "maatregel"
    assert body["maatregel"]["type"] == "geen" and body["maatregel"]["reason"] == "geen_verwijtbaarheid"
    assert body["obligation"]["article"] == "art. 18 lid 4 onder a Pw"
    assert all(step["text_nl"] and step["citation"] for step in body["trace"])


@pytest.mark.django_db
def test_with_approved_figures_the_api_gives_the_engines_reduction(consulent_client, monkeypatch):
    from naleving.decisions import services

    monkeypatch.setattr(services, "source", lambda: (1, figures_registry()))
    body = _post(consulent_client, MAATREGEL_REQUEST).json()
    assert body["maatregel"]["monthly_amount"] == "1419.46" and body["maatregel"]["months"] == 1
    assert body["followups"] == ["heroverweging", "gesprek_re_integratie"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("override", "code", "field"),
    [
        ({"obligation": {"code": "pw_18_4_z"}}, "unknown_obligation", "obligation.code"),
        ({"obligation": {"code": "pw_18_2"}}, "missing_field", "obligation.category"),
        ({"regulation": "IOAW"}, "regulation_not_supported", "regulation"),
        ({"kind": "boete"}, "invalid_choice", "kind"),
    ],
)
def test_invalid_maatregel_requests_are_400_naming_the_field(consulent_client, override, code, field):
    response = _post(consulent_client, merge(REQUEST, override))
    assert response.status_code == 400
    assert (response.json()["error"]["code"], response.json()["error"]["field"]) == (code, field)
