"""The claim page with its repayment plan, and the forms for payments, waivers and write-offs."""

import math
from datetime import date

import pytest
from django.urls import reverse

from naleving.claims.models import Aflossing, ClaimKind, ClaimStatus
from naleving.common.formatting import euro

pytestmark = pytest.mark.django_db


@pytest.fixture
def recovery(breach, record):
    return record(breach).vorderingen.get(kind=ClaimKind.TERUGVORDERING)


def test_the_claim_page_shows_the_repayment_plan(client, world, recovery):
    client.force_login(world["consulent"])
    body = client.get(reverse("claims:detail", args=[recovery.pk])).content.decode()
    months = math.ceil(recovery.amount / recovery.monthly_instalment)  # 5 % of the norm, shared with the fine
    assert "Aflossingsregeling" in body and euro(recovery.monthly_instalment) in body
    assert f"{months} maanden" in body
    assert "Naar verwachting afgelost in" in body
    for name in ("payment", "waive", "write_off"):
        assert reverse(f"claims:{name}", args=[recovery.pk]) in body
    client.force_login(world["teamleider"])
    body = client.get(reverse("claims:detail", args=[recovery.pk])).content.decode()
    assert "Aflossingsregeling" in body and reverse("claims:payment", args=[recovery.pk]) not in body


def test_registering_a_payment(client, world, recovery):
    client.force_login(world["consulent"])
    url = reverse("claims:payment", args=[recovery.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"paid_on": date.today().isoformat(), "amount": "2000.00"})
    assert response.status_code == 200 and "hoger dan wat nog openstaat" in response.content.decode()
    response = client.post(url, {"paid_on": date.today().isoformat(), "amount": "1250.00"}, follow=True)
    assert "De aflossing is geregistreerd." in response.content.decode()
    recovery.refresh_from_db()
    assert (
        recovery.status == ClaimStatus.BETAALD and Aflossing.objects.filter(vordering=recovery).count() == 1
    )
    again = client.get(url, follow=True).content.decode()
    assert "Deze vordering is niet meer open." in again


def test_waiving_and_writing_off_from_the_page(client, world, breach, record):
    besluit = record(breach)
    fine, recovery = besluit.vorderingen.get(kind="boete"), besluit.vorderingen.get(kind="terugvordering")
    client.force_login(world["consulent"])
    body = client.post(
        reverse("claims:waive", args=[fine.pk]), {"ground": "pw_58_lid8", "reason": "x"}
    ).content
    assert "Deze grond hoort niet bij deze soort vordering." in body.decode()
    client.post(
        reverse("claims:waive", args=[fine.pk]),
        {"ground": "pw_18a_lid13", "reason": "Past in de regeling.", "requested_on": "2026-11-01",
         "debt_arrangement": "Wsnp sinds 1-10-2026"},
    )  # fmt: skip
    client.post(
        reverse("claims:write_off", args=[recovery.pk]), {"reason": "Vertrokken naar het buitenland."}
    )
    fine.refresh_from_db()
    recovery.refresh_from_db()
    assert (fine.status, recovery.status) == (ClaimStatus.KWIJTGESCHOLDEN, ClaimStatus.AFGEBOEKT)
    body = client.get(reverse("claims:detail", args=[recovery.pk])).content.decode()
    assert "Vertrokken naar het buitenland." in body and "Aflossingsregeling" not in body
