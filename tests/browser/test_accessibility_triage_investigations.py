"""axe-core (WCAG 2.1 AA) on the triage pages, the investigation workspace and the Termijnen page, with
their error states, driven the way a teamleider and a handhaver use them (no JavaScript needed)."""

import pytest
from playwright.sync_api import expect

from .test_accessibility import Scanner

pytestmark = pytest.mark.browser


def test_triage_pages(page, live_server, world, login, screenshot):
    scanner = Scanner(page, screenshot)
    url = live_server.url
    login("teamleider")
    page.get_by_role("navigation").get_by_role("link", name="Triage").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Triage")
    scanner.scan("triage-queue")
    page.goto(f"{url}/signalen/{world['signal'].pk}/beoordelen/")
    scanner.scan("triage-signal")
    page.get_by_label("Onderzoek").check()
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("nog niet vastgelegd")
    scanner.scan("triage-signal-errors")
    page.goto(f"{url}/signalen/{world['anonymous_signal'].pk}/beoordelen/")
    page.get_by_label("BSN van de inwoner").fill("123456782")
    page.get_by_role("button", name="Inwoner opzoeken").click()
    expect(page.get_by_text("Gevonden: Test Pietersen")).to_be_visible()
    scanner.scan("triage-lookup")
    page.get_by_role("navigation").get_by_role("link", name="Termijnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Termijnen")
    scanner.scan("deadlines")
    page.goto(f"{url}/onderzoeken/{world['investigation'].pk}/")
    scanner.scan("investigation-teamleider")
    scanner.assert_clean()


def test_investigation_workspace(page, live_server, world, login, screenshot):
    scanner = Scanner(page, screenshot)
    login("handhaver")
    page.goto(f"{live_server.url}/onderzoeken/{world['investigation'].pk}/")
    scanner.scan("investigation-workspace")
    page.get_by_role("combobox", name="Onderzoekshandeling").select_option("huisbezoek")
    page.get_by_label("Uitgevoerd op").fill("2026-03-01")
    page.get_by_role("textbox", name="Reden", exact=True).fill("Twijfel over de woonsituatie.")
    page.get_by_role("button", name="Handeling vastleggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    scanner.scan("investigation-action-errors")
    page.get_by_text("Bevindingen vastleggen", exact=True).first.click()  # a later step, folded away
    page.get_by_role("combobox", name="Is de inlichtingenplicht geschonden?").select_option("ja")
    page.get_by_label("Maand, regel 1").fill("2025-09")
    page.get_by_label("Betaald (€), regel 1").fill("100")
    page.get_by_role("button", name="Bevindingen vastleggen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    scanner.scan("investigation-findings-errors")
    scanner.assert_clean()
