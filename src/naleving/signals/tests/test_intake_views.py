"""The colleague / chain-partner form (/signalen/nieuw/) and the IB upload page (/signalen/import/)."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from naleving.signals import ib
from naleving.signals.models import ImportBatch, Signal

UNKNOWN_BSN = "999990007"
CSV_HEADER = "signaalnummer,bsn,product,signaaldatum,belastingjaar,bsn_geverifieerd,omschrijving\n"


def _form(**overrides):
    data = {
        "origin": "ketenpartner",
        "kind": "cohabitation",
        "received_on": "2026-03-02",
        "description": "De woningcorporatie meldt dat er volgens de buren een partner op het adres woont.",
        "external_reference": "",
        "bsn": "",
        "subject_name": "",
        "subject_address": "",
    }
    data.update(overrides)
    return data


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_form_shows_only_the_origins_that_have_no_channel_of_their_own(client, world):
    client.force_login(world["consulent"])
    body = client.get(reverse("signals:create")).content.decode()
    assert 'value="collega"' in body and 'value="ketenpartner"' in body and 'value="overig"' in body
    assert 'value="zelfmelding"' in body  # the resident's own report at the desk, by phone or by letter
    for other in ("inlichtingenbureau", "anonieme_melding", "brp_laa", "themacontrole"):
        assert f'value="{other}"' not in body
    response = client.post(reverse("signals:create"), _form(origin="inlichtingenbureau", bsn=UNKNOWN_BSN))
    assert response.status_code == 200 and not Signal.objects.filter(subject_bsn=UNKNOWN_BSN).exists()


@pytest.mark.django_db
def test_a_residents_own_report_is_registered_as_a_zelfmelding(client, world):
    client.force_login(world["consulent"])
    response = client.post(
        reverse("signals:create"), _form(origin="zelfmelding", bsn="111222333", external_reference="")
    )
    assert response.status_code == 302
    signal = Signal.objects.get(resident=world["jansen"], origin="zelfmelding")
    assert signal.get_origin_display() == "Zelfmelding inwoner"


@pytest.mark.django_db
def test_signal_about_own_resident_opens_the_signal_page(client, world):
    client.force_login(world["consulent"])
    response = client.post(reverse("signals:create"), _form(bsn="111 222 333", external_reference="WC-1"))
    signal = Signal.objects.get(external_reference="WC-1")
    assert response.status_code == 302 and response["Location"] == reverse("signals:detail", args=[signal.pk])
    assert _messages(response) == ["Signaal geregistreerd."]
    assert signal.resident == world["jansen"] and signal.origin == "ketenpartner"
    assert signal.registered_by == world["consulent"]


@pytest.mark.django_db
def test_outcome_does_not_tell_whether_an_unseen_resident_exists(client, world):
    """Pietersen is not in this consulent's caseload; an unknown BSN is nobody's. Both look the same."""
    client.force_login(world["consulent"])
    known = client.post(reverse("signals:create"), _form(bsn=world["pietersen"].bsn, external_reference="A"))
    assert _messages(known) == ["Signaal geregistreerd."]
    client.get(known["Location"])  # shows, and so clears, the message
    unknown = client.post(reverse("signals:create"), _form(bsn=UNKNOWN_BSN, external_reference="B"))
    assert known.status_code == unknown.status_code == 302
    # Each ends on its own signal's page (the registrant always sees it, issue #14), which shows both alike.
    assert known["Location"] == reverse(
        "signals:detail", args=[Signal.objects.get(external_reference="A").pk]
    )
    assert unknown["Location"] == reverse(
        "signals:detail", args=[Signal.objects.get(external_reference="B").pk]
    )
    assert _messages(unknown) == ["Signaal geregistreerd."]
    assert "Pietersen" not in client.get(known["Location"]).content.decode()
    assert Signal.objects.get(external_reference="A").resident == world["pietersen"]  # linked all the same
    unlinked = Signal.objects.get(external_reference="B")
    assert unlinked.resident is None and unlinked.subject_bsn == UNKNOWN_BSN


@pytest.mark.django_db
def test_signal_without_bsn_keeps_the_name_and_address(client, world):
    client.force_login(world["handhaver"])
    response = client.post(
        reverse("signals:create"),
        _form(origin="collega", subject_name="K. de Boer", subject_address="Kerkstraat 5, 1234 AB"),
    )
    signal = Signal.objects.get(subject_name="K. de Boer")
    # A handhaver may triage, so sees unlinked signals: straight to the signal page.
    assert response["Location"] == reverse("signals:detail", args=[signal.pk])
    assert signal.subject_address == "Kerkstraat 5, 1234 AB" and signal.resident is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bsn": "123456789"}, "voldoet niet aan de elfproef"),
        ({}, "Vul het BSN in, of de naam of het adres van de betrokkene"),
        ({"bsn": UNKNOWN_BSN, "description": ""}, "Dit veld is vereist"),
        (
            {"bsn": UNKNOWN_BSN, "received_on": str(timezone.localdate() + timedelta(days=7))},
            "ligt in de toekomst",
        ),
        ({"bsn": UNKNOWN_BSN, "kind": ""}, "Dit veld is vereist"),
    ],
)
def test_bad_input_shows_a_dutch_message_and_stores_nothing(client, world, overrides, message):
    client.force_login(world["consulent"])
    before = Signal.objects.count()
    response = client.post(reverse("signals:create"), _form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Signal.objects.count() == before


@pytest.mark.django_db
def test_duplicate_reference_is_shown_at_the_field(client, world):
    client.force_login(world["consulent"])
    client.post(reverse("signals:create"), _form(bsn=UNKNOWN_BSN, external_reference="UWV-1"))
    response = client.post(reverse("signals:create"), _form(bsn=UNKNOWN_BSN, external_reference="UWV-1"))
    assert response.status_code == 200
    assert "al een signaal van deze herkomst met kenmerk UWV-1" in response.content.decode()
    assert Signal.objects.filter(external_reference="UWV-1").count() == 1


@pytest.mark.django_db
def test_roles_without_add_signal_may_not_register(client, world):
    client.force_login(world["teamleider"])
    assert client.post(reverse("signals:create"), _form(bsn=UNKNOWN_BSN)).status_code == 403


# The import page ---------------------------------------------------------------------------------


def _upload(client, content: bytes, name: str = "ib-maart.csv"):
    return client.post(reverse("signals:import"), {"file": SimpleUploadedFile(name, content, "text/csv")})


@pytest.mark.django_db
def test_import_page_shows_every_error_with_line_and_column(client, world):
    client.force_login(world["handhaver"])
    content = (
        CSV_HEADER + "IB-1,111222333,Vermogen,2026-01-05,,true,\nIB-2,123456789,Vermogen,2099-01-05,,true,\n"
    )
    response = _upload(client, content.encode())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Het bestand is niet geïmporteerd: er staan 2 fouten in" in body
    assert '<td class="utrecht-table__cell">3</td><td class="utrecht-table__cell">bsn</td>' in body
    assert "123456789 voldoet niet aan de elfproef." in body
    assert "05-01-2099 ligt in de toekomst." in body
    assert not Signal.objects.filter(external_reference="IB-1").exists()


@pytest.mark.django_db
def test_import_page_imports_once_and_says_so_the_second_time(client, world):
    client.force_login(world["teamleider"])
    content = (
        CSV_HEADER + "IB-1,111222333,Vermogen,2026-01-05,,true,\nIB-2,999990019,Detentie,2026-01-06,,true,\n"
    ).encode()
    first = _upload(client, content).content.decode()
    assert "ib-maart.csv: 2 signalen geïmporteerd." in first
    second = _upload(client, content).content.decode()
    assert "al eerder geïmporteerd" in second and "er is niets toegevoegd" in second
    assert Signal.objects.filter(external_reference__in=["IB-1", "IB-2"]).count() == 2
    assert "ib-maart.csv" in second  # the list of recent imports


@pytest.mark.django_db
def test_import_page_refuses_a_file_that_is_too_large(client, world, monkeypatch):
    monkeypatch.setattr(ib, "MAX_BYTES", 10)
    client.force_login(world["handhaver"])
    response = _upload(client, (CSV_HEADER + "IB-1,111222333,Vermogen,2026-01-05,,true,\n").encode())
    assert "groter dan 10 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["consulent", "analist", "fg", "beleid", "beheerder"])
def test_only_those_who_triage_may_import(client, world, role):
    client.force_login(world[role])
    assert client.get(reverse("signals:import")).status_code == 403
    assert (
        _upload(client, (CSV_HEADER + "IB-1,111222333,Vermogen,2026-01-05,,true,\n").encode()).status_code
        == 403
    )
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "create", "upload"),
    [("consulent", True, False), ("handhaver", True, True), ("teamleider", False, True)],
)
def test_signal_list_links_to_what_the_role_may_do(client, world, role, create, upload):
    client.force_login(world[role])
    body = client.get(reverse("signals:list")).content.decode()
    assert (f'href="{reverse("signals:create")}"' in body) is create
    assert (f'href="{reverse("signals:import")}"' in body) is upload


@pytest.mark.django_db
def test_signal_page_shows_the_reported_subject_and_masks_an_unlinked_bsn(client, world):
    client.force_login(world["handhaver"])
    client.post(
        reverse("signals:create"),
        _form(
            bsn=UNKNOWN_BSN,
            subject_name="K. de Boer",
            subject_address="Kerkstraat 5",
            external_reference="Z-1",
        ),
    )
    signal = Signal.objects.get(external_reference="Z-1")
    body = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert "K. de Boer" in body and "Kerkstraat 5" in body
    assert "*****0007" in body and UNKNOWN_BSN not in body
