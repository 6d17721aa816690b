"""No oracles (issue #14): what a user gets back never tells whether a BSN belongs to a client outside
their own work.

- Registering a resident whose BSN is already registered elsewhere becomes a registratieverzoek for the
  teamleider, answered with the same words as any such request; the lookup is in the audit log.
- Whoever registers a signal sees it afterwards, on the web and through the API, whatever the BSN: the
  status codes and the page say nothing about whether the BSN matched someone outside their scope.
"""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from naleving.audit.models import AuditEvent
from naleving.residents.models import Registratieverzoek, Resident
from naleving.residents.services import REGISTRATION_REQUESTED_MESSAGE
from naleving.signals.models import Signal

UNKNOWN_BSN = "999990007"


def _resident_form(bsn: str) -> dict:
    return {
        "bsn": bsn,
        "first_names": "Anna",
        "prefix": "",
        "family_name": "de Vries",
        "birth_date": "1990-01-31",
        "street": "Kerkstraat",
        "house_number": "5",
        "house_number_suffix": "",
        "postcode": "1234 ab",
        "city": "Demostad",
        "district": "Centrum",
        "household_type": "alleenstaande",
        "kostendelers": "1",
        "language_level": "onbekend",
        "preferred_language": "nl",
        "email": "",
        "phone": "",
    }


# Registering a resident ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_registering_a_bsn_registered_outside_ones_scope_becomes_a_request_that_reveals_nothing(
    client, world
):
    consulent, pietersen = world["consulent"], world["pietersen"]  # Pietersen is team Zuid's client
    client.force_login(consulent)
    before = Resident.objects.count()

    response = client.post(reverse("residents:create"), _resident_form(pietersen.bsn), follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert REGISTRATION_REQUESTED_MESSAGE in page
    assert "Er is al een inwoner" not in page
    assert "Pietersen" not in page
    assert Resident.objects.count() == before
    request = Registratieverzoek.objects.get()
    assert request.requested_by == consulent
    assert request.bsn == pietersen.bsn
    assert request.resident == pietersen
    event = AuditEvent.objects.get(code="resident.registration_requested")
    assert event.actor_id == consulent.pk
    assert event.resident_id == pietersen.pk  # the resident's access log shows who looked for them


@pytest.mark.django_db
def test_the_request_is_answered_with_the_words_of_any_request(client, world):
    client.force_login(world["consulent"])
    response = client.post(reverse("residents:create"), _resident_form(world["pietersen"].bsn), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [REGISTRATION_REQUESTED_MESSAGE]
    assert world["pietersen"].bsn not in REGISTRATION_REQUESTED_MESSAGE


@pytest.mark.django_db
def test_a_bsn_in_ones_own_caseload_says_so_with_a_link_and_the_lookup_is_logged(client, world):
    jansen = world["jansen"]
    client.force_login(world["consulent"])
    response = client.post(reverse("residents:create"), _resident_form(jansen.bsn))
    page = response.content.decode()
    assert "staat al in uw werkvoorraad" in page
    assert reverse("residents:detail", args=[jansen.pk]) in page
    assert not Registratieverzoek.objects.exists()
    assert AuditEvent.objects.filter(code="resident.viewed", resident_id=jansen.pk).exists()


@pytest.mark.django_db
def test_the_teamleider_sees_the_request_of_his_team(client, world):
    client.force_login(world["consulent"])
    client.post(reverse("residents:create"), _resident_form(world["pietersen"].bsn))
    client.force_login(world["teamleider"])
    page = client.get(reverse("residents:requests")).content.decode()
    assert "*****6782" in page  # the masked BSN the consulent typed
    client.force_login(world["teamleider_zuid"])
    assert "*****6782" not in client.get(reverse("residents:requests")).content.decode()


# Registering a signal ----------------------------------------------------------------------------------


def _token_client(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def _signal_body(bsn: str) -> dict:
    return {
        "origin": "ketenpartner",
        "kind": "address",
        "received_on": "2026-03-02",
        "description": "Post komt retour.",
        "bsn": bsn,
    }


@pytest.mark.django_db
def test_api_whoever_registers_a_signal_reads_it_back_whatever_the_bsn(world):
    api = _token_client(world["consulent_zuid"])
    outcomes = {}
    for label, bsn in (
        ("own", world["pietersen"].bsn),
        ("outside", world["jansen"].bsn),
        ("unknown", UNKNOWN_BSN),
    ):
        created = api.post("/api/v1/signals/", _signal_body(bsn), format="json")
        assert created.status_code == 201
        read = api.get(f"/api/v1/signals/{created.json()['id']}/")
        outcomes[label] = (read.status_code, read.json().get("resident"))
    assert outcomes["own"] == (200, world["pietersen"].pk)
    # Jansen is not consulent_zuid's: the same answer as for a BSN nobody has.
    assert outcomes["outside"] == (200, None)
    assert outcomes["unknown"] == (200, None)
    # ... and the link is still made, for the people who may see Jansen.
    assert (
        Signal.objects.get(subject_bsn=world["jansen"].bsn, registered_by=world["consulent_zuid"]).resident
        == (world["jansen"])
    )


@pytest.mark.django_db
def test_api_signal_list_of_the_registrant_hides_a_resident_outside_scope(world):
    api = _token_client(world["consulent_zuid"])
    created = api.post("/api/v1/signals/", _signal_body(world["jansen"].bsn), format="json").json()
    rows = {row["id"]: row for row in api.get("/api/v1/signals/").json()["results"]}
    assert rows[created["id"]]["resident"] is None


def _signal_form(bsn: str) -> dict:
    return {
        "origin": "collega",
        "kind": "address",
        "received_on": date(2026, 3, 2).isoformat(),
        "description": "Post komt retour.",
        "external_reference": "",
        "bsn": bsn,
        "subject_name": "",
        "subject_address": "",
    }


@pytest.mark.django_db
def test_web_signal_registration_ends_on_the_signal_whatever_the_bsn(client, world):
    client.force_login(world["consulent_zuid"])
    pages = {}
    for label, bsn in (("outside", world["jansen"].bsn), ("unknown", UNKNOWN_BSN)):
        response = client.post(reverse("signals:create"), _signal_form(bsn))
        signal = Signal.objects.filter(subject_bsn=bsn).latest("id")
        assert response.status_code == 302
        assert response.url == reverse("signals:detail", args=[signal.pk])
        detail = client.get(response.url)
        assert detail.status_code == 200
        pages[label] = detail.content.decode()
    assert "Jansen" not in pages["outside"]
    assert reverse("residents:detail", args=[world["jansen"].pk]) not in pages["outside"]
    # The BSN row reads the same for a linked-but-hidden and an unlinked signal.
    assert "*****2333" in pages["outside"] and "*****0007" in pages["unknown"]
    assert "nog niet gekoppeld" not in pages["outside"]


@pytest.mark.django_db
def test_triage_shows_a_registrants_signal_outside_scope_as_unlinked(client, world):
    # The handhaver triages; Pietersen is no case of his. His own signal about Pietersen reads as unlinked.
    client.force_login(world["handhaver"])
    client.post(reverse("signals:create"), _signal_form(world["pietersen"].bsn))
    signal = Signal.objects.get(subject_bsn=world["pietersen"].bsn, registered_by=world["handhaver"])
    queue = client.get(reverse("signals:triage_queue")).content.decode()
    assert f"Signaal {signal.pk}" in queue and "Pietersen" not in queue
    page = client.get(reverse("signals:triage", args=[signal.pk])).content.decode()
    assert "Pietersen" not in page
    assert "BSN van de inwoner" in page  # he links it by looking the BSN up, a logged read
    refused = client.post(
        reverse("signals:triage", args=[signal.pk]),
        {
            "route": "onderzoek",
            "motivation": "m",
            "proportionality_note": "p",
            "subsidiarity_note": "s",
            "bsn": "",
        },
    )
    assert "Koppel het signaal eerst aan een inwoner" in refused.content.decode()
    signal.refresh_from_db()
    assert signal.route == ""


@pytest.mark.django_db
def test_the_teamleider_handles_a_request_and_it_is_logged(client, world):
    client.force_login(world["consulent"])
    client.post(reverse("residents:create"), _resident_form(world["pietersen"].bsn))
    request = Registratieverzoek.objects.get()
    client.force_login(world["teamleider"])
    response = client.post(
        reverse("residents:request_handle", args=[request.pk]),
        {f"verzoek-{request.pk}-note": "Overgedragen aan team Zuid."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.handled_by) == ("afgehandeld", world["teamleider"])
    assert AuditEvent.objects.filter(
        code="registratieverzoek.handled", resident_id=world["pietersen"].pk
    ).exists()
    client.force_login(world["teamleider_zuid"])
    other = client.post(reverse("residents:request_handle", args=[request.pk]), {})
    assert other.status_code == 404
