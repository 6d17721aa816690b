"""The maatregel pages: report a verzuim from the resident's page, hear, prepare (refused without the
verordening's figures, with a pointer to Beheer), record, and the besluit page showing the maatregel."""

from datetime import date

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.decisions.models import Besluit, Verzuim, VerzuimStatus
from naleving.decisions.tests.maatregel_helpers import (
    DECIDED,
    HAPPENED,
    WEGING,
    verordening_approve,
    verzuim_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulent(client, world):
    client.force_login(world["consulent"])
    return client


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_resident_page_links_to_reporting_a_verzuim(consulent, world):
    verzuim = verzuim_make(world, heard=False)
    page = _text(consulent.get(reverse("residents:detail", args=[world["jansen"].pk])))
    assert reverse("decisions:verzuim_create", args=[world["jansen"].pk]) in page
    assert reverse("decisions:verzuim_detail", args=[verzuim.pk]) in page


def test_reporting_a_verzuim_shows_errors_at_their_fields_then_registers_it(consulent, world):
    url = reverse("decisions:verzuim_create", args=[world["jansen"].pk])
    response = consulent.post(
        url, {"obligation": "pw_18_2", "happened_on": "2026-10-05", "facts": "Te laat."}
    )
    assert response.status_code == 200
    assert "Kies de categorie (1, 2 of 3)" in _text(response)
    assert "Het verzuim is nog niet gemeld" in _text(response)
    response = consulent.post(
        url, {"obligation": "pw_18_2", "category": "1", "happened_on": "2026-10-05", "facts": "Te laat."}
    )
    verzuim = Verzuim.objects.get(resident=world["jansen"])
    assert response.status_code == 302 and response.url == reverse(
        "decisions:verzuim_detail", args=[verzuim.pk]
    )
    assert verzuim.category == 1


def test_the_hearing_form_and_the_open_list(consulent, world):
    verzuim = verzuim_make(world, heard=False)
    detail = reverse("decisions:verzuim_detail", args=[verzuim.pk])
    page = _text(consulent.get(detail))
    assert "De inwoner horen (zienswijze)" in page and "Besluit voorbereiden" not in page
    assert AuditEvent.objects.filter(code="verzuim.viewed", object_id=str(verzuim.pk)).exists()
    hearing = reverse("decisions:verzuim_hearing", args=[verzuim.pk])
    response = consulent.post(hearing, {"invited_on": "2026-10-12"})
    assert response.status_code == 200 and "Schrijf op wat de inwoner naar voren bracht" in _text(response)
    response = consulent.post(hearing, {"invited_on": "2026-10-12", "record": "Ik was ziek die dag."})
    assert response.status_code == 302
    assert "Besluit voorbereiden" in _text(consulent.get(detail))
    listing = _text(consulent.get(reverse("decisions:verzuim_list")))
    assert "Open verzuimen (1)" in listing and "Jansen" in listing


def test_closing_without_a_maatregel(consulent, world):
    verzuim = verzuim_make(world)
    response = consulent.post(reverse("decisions:verzuim_close", args=[verzuim.pk]), {"reason": "Ziek."})
    assert response.status_code == 302
    verzuim.refresh_from_db()
    assert verzuim.status == VerzuimStatus.GESLOTEN


def test_prepare_before_the_hearing_says_to_hear_first(consulent, world):
    verzuim = verzuim_make(world, heard=False)
    page = _text(consulent.get(reverse("decisions:maatregel_prepare", args=[verzuim.pk])))
    assert "Hoor de inwoner eerst (artikel 4:8 Awb)" in page


def test_without_the_verordenings_figures_the_page_says_so_and_points_to_beheer(consulent, world):
    verzuim = verzuim_make(world)
    page = _text(consulent.get(reverse("decisions:maatregel_prepare", args=[verzuim.pk])))
    assert "ontbreekt nog het aantal maanden van de verlaging bij een eerste keer" in page
    assert "Beheer › Wettelijke bedragen" in page
    assert "Maatregel vastleggen" not in page


def test_prepare_and_record_a_maatregel_then_the_besluit_page_shows_it(consulent, world):
    verordening_approve(proposer=world["beheerder"], approver=world["teamleider"])
    verzuim = verzuim_make(world)
    url = reverse("decisions:maatregel_prepare", args=[verzuim.pk])
    page = _text(consulent.get(url, {"decision_date": DECIDED.isoformat(), "verwijtbaarheid": "normaal"}))
    assert "art. 18 lid 4 onder a Pw" in page and "Maatregel vastleggen" in page
    assert "100 % van de bijstandsnorm" in page
    data = {
        "decision_date": DECIDED.isoformat(),
        "verwijtbaarheid": "normaal",
        "verwijtbaarheid_motivation": "De plicht stond in het plan van aanpak.",
        "percentage": "100",
        "months": "1",
        "start_month": "2026-12-01",
        **{f"weging_{code}": answer for code, answer in WEGING.items()},
        "motivation": "",
    }
    response = consulent.post(url, {**data, "rewrite": "1"})
    assert response.status_code == 200 and "Over dringende redenen: Nee: de inwoner raakt" in _text(response)
    response = consulent.post(url, {**data, "motivation": "Wij verlagen uw bijstand een maand."})
    besluit = Besluit.objects.get(verzuim=verzuim)
    assert response.status_code == 302 and response.url == reverse("decisions:detail", args=[besluit.pk])
    page = _text(consulent.get(response.url))
    assert "Maatregel: verlaging van de bijstand" in page and "100 % van de bijstandsnorm" in page
    assert "Benadelingsbedrag" not in page
    assert "Normale verwijtbaarheid" in page
    assert besluit.maatregel_start == date(2026, 12, 1) and besluit.verzuim.happened_on == HAPPENED
