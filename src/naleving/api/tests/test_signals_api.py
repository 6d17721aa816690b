"""POST /api/v1/signals/ and the signal reads: token authentication, each role allowed or denied, validation
errors that name the field, and resident linking that does not leak whether a BSN is known."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from naleving.audit.models import AuditEvent
from naleving.signals.models import Signal

LIST = "/api/v1/signals/"
UNKNOWN_BSN = "999990007"
ROLES = ["consulent", "consulent_zuid", "handhaver", "teamleider", "teamleider_zuid", "analist", "fg", "beleid", "beheerder"]  # fmt: skip

# role -> (POST, GET list, GET detail of Jansen's signal)
MATRIX = {
    "consulent": (201, 200, 200),
    "consulent_zuid": (201, 200, 404),
    "handhaver": (201, 200, 200),
    "teamleider": (403, 200, 200),
    "teamleider_zuid": (403, 200, 404),
    "analist": (403, 403, 403),
    "fg": (403, 403, 403),
    "beleid": (403, 403, 403),
    "beheerder": (403, 403, 403),
}


def _body(**overrides):
    body = {
        "origin": "ketenpartner",
        "kind": "address",
        "received_on": "2026-03-02",
        "description": "Post komt retour: betrokkene woont niet meer op het adres.",
        "bsn": UNKNOWN_BSN,
    }
    body.update(overrides)
    return body


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role):
    client = token_client(world[role])
    post, get_list, get_detail = MATRIX[role]
    before = Signal.objects.count()
    response = client.post(LIST, _body(), format="json")
    assert response.status_code == post, response.content
    assert Signal.objects.count() == before + (1 if post == 201 else 0)
    assert client.get(LIST).status_code == get_list
    assert client.get(f"{LIST}{world['signal'].pk}/").status_code == get_detail


@pytest.mark.django_db
def test_anonymous_callers_and_bad_tokens_are_refused(world):
    anonymous = APIClient()
    assert anonymous.post(LIST, _body(), format="json").status_code == 401
    assert anonymous.get(LIST).status_code == 401
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert wrong.post(LIST, _body(), format="json").status_code == 401
    assert not Signal.objects.filter(subject_bsn=UNKNOWN_BSN).exists()


@pytest.mark.django_db
def test_created_signal_is_answered_with_its_id_and_date_and_audited(world):
    response = token_client(world["handhaver"]).post(LIST, _body(external_reference="UWV-9"), format="json")
    assert response.status_code == 201
    signal = Signal.objects.get(pk=response.json()["id"])
    assert response.json() == {
        "id": signal.pk,
        "origin": "ketenpartner",
        "kind": "address",
        "received_on": "2026-03-02",
        "external_reference": "UWV-9",
    }
    assert signal.registered_by == world["handhaver"] and signal.subject_bsn == UNKNOWN_BSN
    assert AuditEvent.objects.filter(code="signal.registered", object_id=str(signal.pk)).exists()


@pytest.mark.django_db
def test_linking_by_bsn_does_not_show_in_the_response(world):
    client = token_client(world["consulent"])
    known = client.post(LIST, _body(bsn=world["pietersen"].bsn), format="json")  # not in this caseload
    unknown = client.post(LIST, _body(bsn=UNKNOWN_BSN), format="json")
    assert known.status_code == unknown.status_code == 201
    assert (
        set(known.json())
        == set(unknown.json())
        == {"id", "origin", "kind", "received_on", "external_reference"}
    )
    assert Signal.objects.get(pk=known.json()["id"]).resident == world["pietersen"]
    assert Signal.objects.get(pk=unknown.json()["id"]).resident is None
    # Reading it back works for both (the registrant always sees the signal, issue #14), without the
    # resident: the caller may not see Pietersen.
    for created in (known, unknown):
        read = client.get(f"{LIST}{created.json()['id']}/")
        assert (read.status_code, read.json()["resident"]) == (200, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"bsn": "12345"}, "bsn", ""),
        ({"received_on": "2999-01-01"}, "received_on", "ligt in de toekomst"),
        ({"received_on": "gisteren"}, "received_on", ""),
        ({"description": "  "}, "description", ""),
        ({"origin": "anonieme_melding"}, "origin", ""),
        ({"kind": "fraude"}, "kind", ""),
        ({"external_reference": "x" * 65}, "external_reference", ""),
        ({"description": "nul\x00teken"}, "description", ""),
    ],
)
def test_validation_errors_are_400_and_name_the_field(world, overrides, field, message):
    response = token_client(world["handhaver"]).post(LIST, _body(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json() and message in " ".join(response.json()[field])
    assert not Signal.objects.filter(subject_bsn=UNKNOWN_BSN).exists()


@pytest.mark.django_db
def test_a_duplicate_reference_is_400_on_that_field(world):
    client = token_client(world["handhaver"])
    assert (
        client.post(LIST, _body(external_reference="BRP-1", origin="brp_laa"), format="json").status_code
        == 201
    )
    response = client.post(LIST, _body(external_reference="BRP-1", origin="brp_laa"), format="json")
    assert response.status_code == 400 and "external_reference" in response.json()


@pytest.mark.django_db
def test_a_body_that_is_not_an_object_is_400(world):
    client = token_client(world["handhaver"])
    assert client.post(LIST, [1, 2], format="json").status_code == 400
    assert client.post(LIST, "{", content_type="application/json").status_code == 400


@pytest.mark.django_db
def test_a_control_character_in_a_resident_search_is_refused_by_name(world, client):
    client.force_login(world["consulent"])
    response = client.get("/api/v1/residents/", {"q": "Jan\x00sen"})
    assert response.status_code == 400
    assert "stuurteken" in str(response.json()["q"])
