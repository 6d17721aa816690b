"""Beheer › Wettelijke bedragen in real Chromium, scanned by axe: the functional administrator proposes a legal
amount (first with a mistake), a teamleider approves it (four eyes), and the amount is in force as
"beheer, set 1". The pages reflow at 320 px (WCAG 1.4.10): only the tables scroll sideways.
"""

import re

import pytest
from playwright.sync_api import expect

from .test_accessibility import Scanner

pytestmark = pytest.mark.browser


def assert_reflows(page) -> None:
    """At 320 CSS pixels nothing but a table region is wider than the window."""
    page.set_viewport_size({"width": 320, "height": 900})
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter((el) => !el.closest('.nl-table-wrap') && el.getBoundingClientRect().right > innerWidth + 1)
            .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))"""
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not wide, f"{page.url} is wider than 320 px: {wide}"


def test_propose_and_approve_a_legal_amount(page, live_server, world, login, logout, screenshot):
    scanner, url = Scanner(page, screenshot), live_server.url
    login("beheerder")
    page.get_by_role("navigation").get_by_role("link", name="Wettelijke bedragen").click()
    page.wait_for_url("**/beheer/wettelijke-bedragen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wettelijke bedragen en beleidsprofielen")
    expect(page.get_by_test_id("in-force")).to_contain_text("fine.category.2")
    scanner.scan("ruleset-list")
    assert_reflows(page)

    page.get_by_role("link", name="Een bedrag voorstellen").click()
    page.wait_for_url("**/beheer/wettelijke-bedragen/voorstellen/")
    scanner.scan("ruleset-propose")
    page.get_by_label("Parameter").select_option("fine.category.2")
    page.get_by_label("Geldig vanaf").fill("2026-07-01")
    page.get_by_label("Geldig tot en met").fill("2027-12-31")
    page.get_by_label("Waarde").fill("vijfduizend")
    page.get_by_role("textbox", name="Wet", exact=True).fill("Sr")
    page.get_by_role("textbox", name="Artikel", exact=True).fill("23")
    page.get_by_label("Lid of onderdeel").fill("4")
    page.get_by_label("Link naar het artikel").fill(
        "https://wetten.overheid.nl/jci1.3:c:BWBR0001854&artikel=23"
    )
    page.get_by_role("textbox", name="Bron", exact=True).fill(
        "https://zoek.officielebekendmakingen.nl/stcrt-2026-30000.html"
    )
    page.get_by_role("button", name="Voorstel vastleggen").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("Het voorstel is nog niet vastgelegd")
    expect(page.locator("#id_value_error")).to_contain_text("Vul een getal in, bijvoorbeeld 1419,46")
    expect(
        page.locator("[data-nl-error-summary]").get_by_role(
            "link", name=re.compile("^Waarde: Vul een getal in")
        )
    ).to_be_visible()
    scanner.scan("ruleset-propose-errors")
    assert_reflows(page)
    page.get_by_label("Waarde").fill("5500,00")
    page.get_by_role("button", name="Voorstel vastleggen").click()
    page.wait_for_url("**/beheer/wettelijke-bedragen/*/")
    expect(page.get_by_test_id("four-eyes")).to_contain_text(
        "wacht op goedkeuring door een ander (vier ogen)"
    )
    expect(page.get_by_test_id("overrides")).to_contain_text("meegeleverd")
    expect(page.get_by_test_id("yaml")).to_contain_text("value: 5500.00")
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_count(0)
    scanner.scan("ruleset-detail-proposer")
    assert_reflows(page)
    detail = page.url
    logout()

    login("teamleider")
    page.goto(detail)
    expect(page.get_by_test_id("set-status")).to_contain_text("Voorgesteld")
    scanner.scan("ruleset-detail-review")
    page.get_by_label("Toelichting bij uw beoordeling").fill("Gecontroleerd in de Staatscourant.")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("is goedgekeurd en geldt nu als set 1")).to_be_visible()
    expect(page.get_by_test_id("set-status")).to_contain_text("Goedgekeurd, in werking (set 1)")
    scanner.scan("ruleset-detail-approved")

    page.goto(f"{url}/beheer/wettelijke-bedragen/?datum=2027-01-05")
    row = page.locator('[data-parameter="fine.category.2"]')
    expect(row).to_contain_text("beheer, set 1")
    expect(row).to_contain_text("€ 5.500,00")
    scanner.scan("ruleset-list-approved")
    scanner.assert_clean()
