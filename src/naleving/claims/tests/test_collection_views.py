"""The collection pages: the Invordering worklist and its home card, the claims of one resident, the aanmaning
and dwangbevel pages with their stored letters, the Pw 60(6) page; and the payment-account check."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.claims import services, steps
from naleving.claims.models import ClaimKind, Invorderingsstap
from naleving.decisions.dispatch import letter_send
from naleving.decisions.tests.fixtures import WEGING

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def recovery(world, breach, record):
    """Jansen's recovery, paid by transfer, letter sent 4 May 2026: due 15 June, nothing paid since."""
    besluit = record(breach, weging=WEGING)
    besluit.vorderingen.update(created_on=besluit.decision_date)
    for vordering in besluit.vorderingen.all():
        services.vordering_setoff_stop(actor=world["consulent"], vordering=vordering, reason="Test")
    letter_send(actor=world["consulent"], besluit=besluit, sent_on=date(2026, 5, 4))
    return besluit.vorderingen.get(kind=ClaimKind.TERUGVORDERING)


def test_the_worklist_and_the_home_card_show_claims_in_arrears(client, world, recovery):
    client.force_login(world["consulent"])
    page = client.get(reverse("claims:collection")).content.decode()
    assert recovery.payment_reference in page and "Aanmaning sturen (art. 4:112 Awb)" in page
    assert AuditEvent.objects.filter(code="resident.list_viewed", resident_id=world["jansen"].pk).exists()
    home = client.get(reverse("web:home")).content.decode()
    card = re.search(r'data-testid="todo-invordering">(.*?)</li>', home, re.S).group(1)
    assert '<span class="nl-card__figure">2</span> Invordering' in card  # recovery and fine
    client.force_login(world["consulent_zuid"])
    assert recovery.payment_reference not in client.get(reverse("claims:collection")).content.decode()


def test_aanmaning_and_dwangbevel_from_the_pages_with_the_letters(client, world, recovery):
    client.force_login(world["consulent"])
    url = reverse("claims:aanmaning", args=[recovery.pk])
    response = client.post(url, {"day": "2026-06-15"})
    assert response.status_code == 200 and "betalingstermijn loopt nog" in response.content.decode()
    response = client.post(url, {"day": "2026-07-01"}, follow=True)
    assert "De aanmaning is gemaakt en vastgelegd." in response.content.decode()
    step = Invorderingsstap.objects.get(vordering=recovery)
    download = client.get(reverse("claims:step_pdf", args=[step.pk]))
    assert download["Content-Type"] == "application/pdf" and download.content == bytes(step.pdf)
    assert AuditEvent.objects.filter(code="claim.step_downloaded", resident_id=world["jansen"].pk).exists()
    detail = client.get(reverse("claims:detail", args=[recovery.pk])).content.decode()
    assert "Aanmaning (art. 4:112 Awb)" in detail and recovery.payment_reference in detail
    response = client.post(
        reverse("claims:dwangbevel", args=[recovery.pk]), {"day": "2026-07-16"}, follow=True
    )
    assert "Het dwangbevel is gemaakt" in response.content.decode()
    payment = client.post(reverse("claims:payment", args=[recovery.pk]),
                          {"paid_on": "2026-08-01", "amount": "10.00", "method": "dwangbevel"}, follow=True)  # fmt: skip
    assert "De aflossing is geregistreerd." in payment.content.decode()
    assert recovery.aflossingen.get().method == "dwangbevel"


def test_the_residents_claims_overview_has_totals_by_method(client, world, recovery):
    steps.aanmaning_send(actor=world["consulent"], vordering=recovery, sent_on=date(2026, 7, 1))
    services.aflossing_register(actor=world["consulent"], vordering=recovery, paid_on=date(2026, 7, 3),
                                amount=D("100.00"))  # fmt: skip
    client.force_login(world["consulent"])
    page = client.get(reverse("claims:resident", args=[world["jansen"].pk])).content.decode()
    for expected in ("Vorderingen van", "Betaling door de inwoner", "€ 100,00", "€ 1.875,00", "15-06-2026",
                     recovery.payment_reference, "Aanmaning (art. 4:112 Awb)"):  # fmt: skip
        assert expected in page, expected
    assert AuditEvent.objects.filter(code="resident.viewed", resident_id=world["jansen"].pk).exists()
    client.force_login(world["consulent_zuid"])
    assert client.get(reverse("claims:resident", args=[world["jansen"].pk])).status_code == 404


def test_recording_non_cooperation_from_the_page(client, world, breach, record):
    besluit = record(breach, weging=WEGING)
    claim = besluit.vorderingen.get(kind=ClaimKind.TERUGVORDERING)
    client.force_login(world["consulent"])
    url = reverse("claims:non_cooperation", args=[claim.pk])
    client.post(url, {"since": "2026-11-01", "reason": "Weigert mee te werken aan een regeling."})
    claim.refresh_from_db()
    assert claim.non_cooperation and claim.non_cooperation_since == date(2026, 11, 1)
    client.post(url, {"reason": "Regeling afgesproken."})
    claim.refresh_from_db()
    assert not claim.non_cooperation


def test_naleving_check_warns_about_a_municipality_without_an_iban(world):
    gemeente = world["jansen"].gemeente
    assert not [m for m in run_checks() if m.id == "naleving.W020"]
    gemeente.payment_iban = ""
    gemeente.save()
    [warning] = [m for m in run_checks() if m.id == "naleving.W020"]
    assert gemeente.name in warning.msg and "IBAN" in warning.msg
