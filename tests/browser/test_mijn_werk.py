"""Mijn werk in real Chromium: the menu bar stays on one line at 1280 px for every staff role (the
teamleider's twelve items wrapped onto two), the pages under "Meer" are one click away, and axe finds
nothing serious on the home page with its to-dos."""

import pytest
from playwright.sync_api import expect

from .test_accessibility import Scanner

pytestmark = pytest.mark.browser

ITEM_TOPS = (
    """() => [...document.querySelectorAll('#nl-nav-list > li')].map(li => li.getBoundingClientRect().top)"""
)


@pytest.mark.parametrize("role", ["teamleider", "consulent", "handhaver", "fg"])
def test_the_menu_bar_is_one_line_at_1280(page, live_server, world, login, screenshot, role):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(role)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    tops = page.evaluate(ITEM_TOPS)
    assert len(set(round(top) for top in tops)) == 1, f"{role}: the menu wraps ({len(tops)} items)"
    scanner = Scanner(page, screenshot)
    scanner.scan(f"mijn-werk-{role}")
    scanner.assert_clean()


def test_the_teamleider_finds_his_other_pages_under_meer(page, live_server, world, login, screenshot):
    login("teamleider")
    page.get_by_role("navigation").get_by_role("link", name="Meer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meer")
    Scanner(page, screenshot).scan("meer-teamleider")
    page.get_by_role("main").get_by_role("link", name="Wettelijke bedragen").click()
    current = page.get_by_role("navigation").locator("[aria-current=page]")
    expect(current).to_have_text("Meer")
