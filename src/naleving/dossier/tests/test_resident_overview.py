"""The top of the resident's page: the status card per role, and the action bar with the resident filled in."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from naleving.claims.models import ClaimStatus
from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
from naleving.investigations.tests.factories import InvestigationFactory

pytestmark = pytest.mark.django_db


def _page(client, world, who: str) -> str:
    client.force_login(world[who])
    response = client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    assert response.status_code == 200
    return response.content.decode()


def _part(body: str, testid: str) -> str:
    """The element with ``data-testid=testid`` (up to its closing tag of the same name), or ''."""
    match = re.search(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', body, re.S)
    return match.group(2) if match else ""


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _claims(world):
    """Two open claims of Jansen with payments, and one waived claim that is not outstanding."""
    besluit = world["besluit"]
    first = VorderingFactory(besluit=besluit, amount=Decimal("1000.00"), created_on=date(2026, 4, 2))
    AflossingFactory(vordering=first, paid_on=date(2026, 5, 1), amount=Decimal("84.09"))
    AflossingFactory(vordering=first, paid_on=date(2026, 6, 1), amount=Decimal("84.09"))
    second = VorderingFactory(besluit=besluit, amount=Decimal("500.10"), created_on=date(2026, 4, 3))
    VorderingFactory(besluit=besluit, amount=Decimal("300.00"), status=ClaimStatus.KWIJTGESCHOLDEN)
    return first, second


def test_the_consulent_sees_benefit_investigation_outstanding_amount_and_open_signals(client, world):
    _claims(world)
    body = _page(client, world, "consulent")
    benefit = _text(_part(body, "status-benefit"))
    assert "Participatiewet" in benefit and "sinds 01-01-2025" in benefit and "Lopend" in benefit
    investigation = _part(body, "status-investigation")
    assert "Open" in investigation and world["handhaver"].display_name in investigation
    assert reverse("investigations:detail", args=[world["investigation"].pk]) in investigation
    # 1000.00 - 2 × 84.09 + 500.10, exactly; the waived claim is not outstanding
    outstanding = _text(_part(body, "status-outstanding"))
    assert "€ 1.331,92" in outstanding and "2 open vorderingen" in outstanding
    assert "1 nog te beoordelen" in _text(_part(body, "status-signals"))


def test_a_role_without_claims_access_sees_no_amount(client, world):
    _claims(world)
    body = _page(client, world, "handhaver")  # sees Jansen through the assigned investigation
    assert _part(body, "status-investigation")
    assert not _part(body, "status-outstanding")
    assert "Openstaand" not in body and "1.331,92" not in body
    assert reverse("claims:resident", args=[world["jansen"].pk]) not in body


def test_without_open_claims_the_card_says_so(client, world):
    outstanding = _text(_part(_page(client, world, "consulent"), "status-outstanding"))
    assert outstanding.startswith("Openstaand Geen open vorderingen.") and "€" not in outstanding


def test_an_ended_benefit_shows_as_ended(client, world):
    world["jansen"].benefits.update(end_date=date(2026, 1, 31))
    benefit = _text(_part(_page(client, world, "consulent"), "status-benefit"))
    assert "Beëindigd op 31-01-2026" in benefit


def test_the_consulent_gets_the_action_bar_with_the_resident_filled_in(client, world):
    jansen = world["jansen"]
    actions = _part(_page(client, world, "consulent"), "resident-actions")
    assert 'class="utrecht-button-link' in actions
    assert f'href="{reverse("signals:create")}?inwoner={jansen.pk}"' in actions
    assert reverse("decisions:verzuim_create", args=[jansen.pk]) in actions
    assert reverse("prevention:intake_create", args=[jansen.pk]) in actions
    assert reverse("residents:benefit_create", args=[jansen.pk]) in actions
    assert jansen.bsn not in actions
    # the open investigation awaits no decision yet
    assert "Besluit voorbereiden" not in actions


def test_besluit_voorbereiden_links_the_investigation_that_awaits_a_decision(client, world):
    waiting = InvestigationFactory(
        resident=world["jansen"], assigned_to=world["handhaver"], closed_with_breach=True
    )
    actions = _part(_page(client, world, "consulent"), "resident-actions")
    assert "Besluit voorbereiden" in actions
    assert reverse("decisions:prepare", args=[waiting.pk]) in actions
    # the handhaver sees the investigation but may not decide
    assert "Besluit voorbereiden" not in _part(_page(client, world, "handhaver"), "resident-actions")


def test_buttons_follow_the_permissions(client, world):
    handhaver = _part(_page(client, world, "handhaver"), "resident-actions")
    assert "Signaal registreren" in handhaver  # may register signals
    for label in ("Verzuim melden", "Uitkering vastleggen", "Intake rechten en plichten"):
        assert label not in handhaver
    # The teamleider sees the team's residents but registers nothing here: no action bar at all.
    assert 'data-testid="resident-actions"' not in _page(client, world, "teamleider")
