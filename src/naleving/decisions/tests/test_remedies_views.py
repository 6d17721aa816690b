"""The objection and appeal pages as a consulent uses them: forms with Dutch errors, the section on the besluit
page, who may open them, and the worklist "Termijnen bezwaar en beroep" with its card on the home page."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.decisions import remedies
from naleving.decisions.models import Besluit, Bezwaar
from naleving.decisions.tests.fixtures import DECIDED

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(world, breach, record):
    besluit = record(breach)
    Besluit.objects.filter(pk=besluit.pk).update(sent_on=DECIDED)
    besluit.refresh_from_db()
    return besluit


def test_registering_an_objection_from_the_besluit_page(client, world, sent):
    client.force_login(world["consulent"])
    page = client.get(reverse("decisions:detail", args=[sent.pk])).content.decode()
    assert "Bezwaar en beroep" in page and "Bezwaartermijn tot en met" in page and "12-06-2026" in page
    url = reverse("decisions:bezwaar_register", args=[sent.pk])
    assert url in page
    response = client.post(url, {"received_on": "2026-05-20", "grounds": "De boete is te hoog."}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("decisions:detail", args=[sent.pk])
    text = response.content.decode()
    assert "Het bezwaar is geregistreerd. Beslis uiterlijk op 24-07-2026." in text
    assert "Beslissen op bezwaar" in text


def test_a_late_objection_asks_the_awb_6_11_question(client, world, sent):
    client.force_login(world["consulent"])
    url = reverse("decisions:bezwaar_register", args=[sent.pk])
    response = client.post(url, {"received_on": "2026-07-01", "grounds": "Te hoog."}, follow=True)
    text = response.content.decode()
    assert "te laat ontvangen: de termijn liep tot en met 12-06-2026" in text
    assert "art. 6:11 Awb" in text and "niet-ontvankelijk" in text
    bezwaar = Bezwaar.objects.get(besluit=sent)
    assert bezwaar.in_time is False
    excuse = reverse("decisions:bezwaar_excuse", args=[bezwaar.pk])
    assert excuse in text
    assert "Schrijf op waarom" in client.post(excuse, {"late_excused": ""}).content.decode()
    response = client.post(excuse, {"late_excused": "De inwoner lag in het ziekenhuis."}, follow=True)
    assert "verschoonbaar geacht" in response.content.decode()
    bezwaar.refresh_from_db()
    assert bezwaar.late_excused == "De inwoner lag in het ziekenhuis."
    assert AuditEvent.objects.filter(code="objection.excused", resident_id=world["jansen"].pk).exists()


def test_form_errors_are_dutch_and_on_their_field(client, world, sent):
    client.force_login(world["consulent"])
    url = reverse("decisions:bezwaar_register", args=[sent.pk])
    response = client.post(url, {"received_on": "2026-04-01", "grounds": "x"})
    assert response.status_code == 200
    assert "Het bezwaar is ontvangen vóór de besluitdatum (01-05-2026)." in response.content.decode()
    response = client.post(url, {"received_on": "", "grounds": ""})
    text = response.content.decode()
    assert "Vul de datum in waarop het bezwaar binnenkwam." in text and "art. 6:5 Awb" in text
    assert not Bezwaar.objects.filter(besluit=sent).exists()


def test_deciding_from_the_page_refuses_a_higher_fine_then_lowers_it(client, world, sent):
    bezwaar = remedies.bezwaar_register(actor=world["consulent"], besluit=sent, received_on=date(2026, 5, 20),
                                        grounds="Te hoog.")  # fmt: skip
    client.force_login(world["consulent"])
    url = reverse("decisions:bezwaar_decide", args=[bezwaar.pk])
    data = {"outcome": "deels_gegrond", "decided_on": "2026-06-20", "fine_amount": "900.00",
            "recovery_amount": "1250.00", "motivation": "Verlaagd."}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and "reformatio in peius" in response.content.decode()
    response = client.post(url, {**data, "fine_amount": "300.00"})
    bezwaar.refresh_from_db()
    assert response.url == reverse("decisions:detail", args=[bezwaar.decision_id])
    assert bezwaar.decision.fine_amount == Decimal("300.00")
    new_page = client.get(response.url).content.decode()
    assert (
        "Deze beslissing op bezwaar vervangt besluit" in new_page and "Beroepstermijn tot en met" in new_page
    )
    old_page = client.get(reverse("decisions:detail", args=[sent.pk])).content.decode()
    assert "Vervangen door de beslissing op bezwaar" in old_page


def test_hearing_and_appeal_pages(client, world, sent):
    consulent = world["consulent"]
    bezwaar = remedies.bezwaar_register(
        actor=consulent, besluit=sent, received_on=date(2026, 5, 20), grounds="x"
    )
    client.force_login(consulent)
    page = client.get(reverse("decisions:bezwaar_hearing", args=[bezwaar.pk])).content.decode()
    assert "art. 7:5 Awb" in page and "niet bij de voorbereiding van het besluit betrokken" in page
    response = client.post(reverse("decisions:bezwaar_hearing", args=[bezwaar.pk]),
                           {"hearing_on": "2026-06-02", "hearing_record": ""})  # fmt: skip
    assert "Schrijf kort op wat er tijdens de hoorzitting is gezegd." in response.content.decode()
    client.post(reverse("decisions:bezwaar_hearing", args=[bezwaar.pk]),
                {"hearing_on": "2026-06-02", "hearing_record": "Gehoord."})  # fmt: skip
    new = remedies.bezwaar_decide(actor=consulent, bezwaar=bezwaar, outcome="ongegrond",
                                  decided_on=date(2026, 6, 20), motivation="Blijft.").decision  # fmt: skip
    response = client.post(reverse("decisions:beroep_register", args=[sent.pk]),
                           {"instance": "beroep", "lodged_on": "2026-07-01"})  # fmt: skip
    assert "art. 7:1 Awb" in response.content.decode()  # not against the replaced primary besluit
    response = client.post(reverse("decisions:beroep_register", args=[new.pk]),
                           {"instance": "beroep", "lodged_on": "2026-07-01", "case_number": "UTR 26/1"})  # fmt: skip
    beroep = new.beroepen.get()
    assert response.url == reverse("decisions:detail", args=[new.pk])
    client.post(reverse("decisions:beroep_outcome", args=[beroep.pk]),
                {"outcome": "ongegrond", "outcome_on": "2026-10-01"})  # fmt: skip
    beroep.refresh_from_db()
    assert (beroep.outcome, beroep.outcome_on) == ("ongegrond", date(2026, 10, 1))
    assert (
        "Hoger beroep registreren" in client.get(reverse("decisions:detail", args=[new.pk])).content.decode()
    )


@pytest.mark.parametrize(("role", "status"), [("handhaver", 403), ("fg", 403), ("consulent_zuid", 404)])
def test_who_may_not_open_the_forms(client, world, sent, role, status):
    client.force_login(world[role])
    assert client.get(reverse("decisions:bezwaar_register", args=[sent.pk])).status_code == status


def test_the_worklist_shows_what_runs_overdue_first(client, world, sent, make_breach, record):
    consulent, today = world["consulent"], timezone.localdate()
    overdue = remedies.bezwaar_register(
        actor=consulent, besluit=sent, received_on=date(2026, 5, 20), grounds="x"
    )
    recent = record(make_breach())
    Besluit.objects.filter(pk=recent.pk).update(sent_on=today - timedelta(days=3))
    client.force_login(consulent)
    page = client.get(reverse("decisions:remedy_terms")).content.decode()
    assert "Open bezwaren (1)" in page and "te laat" in page and overdue.besluit.kenmerk in page
    assert "Lopende bezwaartermijnen (1)" in page and recent.kenmerk in page
    assert "Beroepen die wachten op een uitspraak (0)" in page
    assert AuditEvent.objects.filter(code="resident.list_viewed", purpose="Termijnen bezwaar en beroep",
                                     resident_id=world["jansen"].pk).exists()  # fmt: skip
    home = client.get(reverse("web:home")).content.decode()
    card = re.search(r'data-testid="todo-bezwaar_beroep">(.*?)</li>', home, re.S).group(1)
    # one objection to decide, and its decision term has passed
    assert (
        '<span class="nl-card__figure">1</span> Bezwaren en beroepen' in card and "Termijn verlopen" in card
    )
    client.force_login(world["consulent_zuid"])
    other = client.get(reverse("decisions:remedy_terms")).content.decode()
    assert "Open bezwaren (0)" in other and "Lopende bezwaartermijnen (0)" in other
