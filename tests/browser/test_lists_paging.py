"""A long list in a real browser at 320 px (issue #21): the page numbers wrap, Vorige and Volgende are in
normal case, a filter is saved and comes back as a link, and the teamleider assigns ticked investigations;
nothing is wider than the screen and axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from .test_accessibility import Scanner

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-lists-paging")]

UNASSIGNED = 130  # six pages of 25


@pytest.fixture
def unassigned(world):
    from naleving.investigations.tests.factories import InvestigationFactory
    from naleving.residents.tests.factories import ResidentFactory

    return [
        InvestigationFactory(
            resident=ResidentFactory(consulent=world["consulent"]), assigned_to=None, signals=[]
        )
        for _ in range(UNASSIGNED)
    ]


def _fits(page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"page {width[0]} px wide at a {width[1]} px screen"


def test_a_long_list_at_320_px(page, live_server, world, unassigned, login, screenshot):
    scanner = Scanner(page, screenshot)
    page.set_viewport_size({"width": 320, "height": 800})
    login("teamleider")
    page.goto(f"{live_server.url}/onderzoeken/?toegewezen=nee&sorteer=nummer&page=3")
    pagination = page.get_by_role("navigation", name="Paginering")
    expect(pagination.locator('[aria-current="page"]')).to_have_text("3")
    expect(pagination.get_by_role("link", name="Pagina 6")).to_have_attribute(
        "href", "?toegewezen=nee&sorteer=nummer&page=6"
    )
    volgende = pagination.get_by_role("link", name="Volgende")
    assert volgende.evaluate("a => getComputedStyle(a).textTransform") == "none"
    expect(page.locator('th[aria-sort="ascending"]')).to_have_text("Nr. ▲")
    _fits(page)
    scanner.scan("lists-investigations-320")

    page.get_by_label("Naam van dit filter").fill("Nog te verdelen")
    page.get_by_role("button", name="Filter bewaren").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Nog te verdelen")).to_have_attribute(
        "href", "?toegewezen=nee&sorteer=nummer"
    )

    first, second = unassigned[0].pk, unassigned[1].pk
    page.get_by_label(f"Onderzoek {first} (", exact=False).check()
    page.get_by_label(f"Onderzoek {second} (", exact=False).check()
    page.get_by_label("Handhaver (open onderzoeken)").select_option(label="Handhaver (1 open)")
    page.get_by_role("button", name="Gekozen onderzoeken toewijzen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("2 onderzoeken zijn toegewezen aan Handhaver.")).to_be_visible()
    expect(page.get_by_label("Handhaver (open onderzoeken)")).to_contain_text("Handhaver (3 open)")
    _fits(page)
    scanner.scan("lists-investigations-assigned-320")

    page.get_by_role("link", name="Al uw bewaarde filters").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Nog te verdelen")).to_be_visible()
    _fits(page)
    scanner.scan("lists-saved-filters-320")
    scanner.assert_clean()
