"""POST /api/v1/signals/ in an organisation with several municipalities: the caller names one by CBS code,
and the answer is the same whether or not the BSN is known (no oracle)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.signals.models import Signal

pytestmark = pytest.mark.django_db
LIST = "/api/v1/signals/"
UNKNOWN_BSN = "999990007"


@pytest.fixture
def client(world):
    GemeenteFactory(code="GM0867", name="Waalwijk")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world['consulent']).key}")
    return api


def _body(bsn: str, **extra):
    return {
        "origin": "ketenpartner",
        "kind": "address",
        "received_on": "2026-03-02",
        "description": "Post komt retour.",
        "bsn": bsn,
        **extra,
    }


def test_without_a_municipality_known_and_unknown_bsns_get_the_same_400(client, world):
    known = client.post(LIST, _body(world["jansen"].bsn), format="json")
    unknown = client.post(LIST, _body(UNKNOWN_BSN), format="json")
    assert known.status_code == unknown.status_code == 400
    assert known.json() == unknown.json() and "gemeente" in known.json()


def test_a_named_municipality_is_used_for_an_unknown_bsn(client, world):
    response = client.post(LIST, _body(UNKNOWN_BSN, gemeente="gm0867"), format="json")
    assert response.status_code == 201, response.content
    assert Signal.objects.get(pk=response.json()["id"]).gemeente.code == "GM0867"
    # a known BSN: the signal follows its resident's municipality, the answer looks the same
    known = client.post(LIST, _body(world["jansen"].bsn, gemeente="GM0867"), format="json")
    assert known.status_code == 201
    assert Signal.objects.get(pk=known.json()["id"]).gemeente == world["jansen"].gemeente


def test_an_unknown_municipality_is_named_in_the_error(client):
    response = client.post(LIST, _body(UNKNOWN_BSN, gemeente="GM0001"), format="json")
    assert response.status_code == 400
    assert "GM0001" in response.json()["gemeente"][0]
