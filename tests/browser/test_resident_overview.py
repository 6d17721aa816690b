"""The resident's page as a case overview, in Chromium at 360 and 320 px: the status card, the action bar with
the resident filled in, the timeline chips (links, no JavaScript needed) and a year of repayments in one row."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import Scanner
from tests.browser.test_reflow_walk import OVERFLOW_JS

pytestmark = pytest.mark.browser


def _case(world):
    from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
    from naleving.investigations.tests.factories import InvestigationFactory

    vordering = VorderingFactory(
        besluit=world["besluit"], amount=Decimal("1200.00"), created_on=date(2025, 1, 2)
    )
    for month in range(1, 13):
        AflossingFactory(
            vordering=vordering, paid_on=date(2025, month, 28), amount=Decimal("33.33"), period=None
        )
    return InvestigationFactory(
        resident=world["jansen"], assigned_to=world["handhaver"], closed_with_breach=True
    )


def _fits(page) -> None:
    for width in (360, 320):
        page.set_viewport_size({"width": width, "height": 740})
        found = page.evaluate(OVERFLOW_JS)
        assert not found["offenders"] and found["width"] <= found["vw"], (width, found)


def test_the_resident_page_is_a_case_overview_at_360_px(page, live_server, world, login, screenshot):
    waiting = _case(world)
    jansen = world["jansen"]
    login("consulent")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/inwoners/{jansen.pk}/")
    scanner = Scanner(page, screenshot)

    card = page.get_by_test_id("status-card")
    expect(card.get_by_test_id("status-benefit")).to_contain_text("Participatiewet")
    expect(card.get_by_test_id("status-outstanding")).to_contain_text("€ 800,04")  # 1200 - 12 × 33,33
    actions = page.get_by_role("group", name=f"Acties voor {jansen.full_name}")
    expect(actions.get_by_role("link", name="Besluit voorbereiden")).to_have_attribute(
        "href", reverse("decisions:prepare", args=[waiting.pk])
    )
    _fits(page)
    scanner.scan("resident-overview-360")

    chips = page.get_by_role("group", name="Tijdlijn filteren op soort")
    expect(chips.get_by_role("link", name="Alle")).to_have_attribute("aria-current", "true")
    chips.get_by_role("link", name="Vorderingen").click()
    expect(page).to_have_url(f"{live_server.url}/inwoners/{jansen.pk}/?tijdlijn=vorderingen#tijdlijn")
    expect(chips.get_by_role("link", name="Vorderingen")).to_have_attribute("aria-current", "true")
    timeline = page.get_by_test_id("timeline")
    expect(timeline.locator("li[data-kind]")).to_have_count(2)  # the claim, and its repayments in one row
    row = timeline.locator("li", has_text="12 aflossingen ontvangen")
    expect(row).to_contain_text("Samen € 399,96")
    months = row.get_by_test_id("repayment-months")
    expect(months).to_be_hidden()
    row.get_by_text("Per maand").click()
    expect(months.locator("li")).to_have_count(12)
    _fits(page)
    scanner.scan("resident-overview-repayments-360")

    page.get_by_role("link", name="Signaal registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal registreren")
    expect(page.get_by_label("BSN van de betrokkene")).to_have_value(jansen.bsn)
    assert jansen.bsn not in page.url
    scanner.assert_clean()
