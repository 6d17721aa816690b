"""axe-core (WCAG 2.1 AA) on the signal intake pages: the public report page with its errors and receipt,
the colleague form and the IB import page; and the public page works with JavaScript switched off."""

import re

import pytest
from playwright.sync_api import expect

from naleving.signals.models import Signal

from .test_accessibility import Scanner

pytestmark = pytest.mark.browser

GOOD_CSV = (
    "signaalnummer,bsn,product,signaaldatum,belastingjaar,bsn_geverifieerd,omschrijving\n"
    "IB-2026-7,111222333,Vermogen,2026-01-05,2025,true,Saldo op 31-12\n"
)


def _fill_report(page) -> None:
    page.get_by_label("De persoon werkt of krijgt geld naast de uitkering").check()
    page.get_by_label("Wat is er aan de hand?").fill(
        "Ik zie de buurman elke ochtend naar zijn werk gaan bij de garage."
    )
    page.get_by_label("Postcode van het adres").fill("1234 AB")
    page.get_by_label("Huisnummer").fill("7")


def test_public_report_pages(page, live_server, world, screenshot):
    scanner = Scanner(page, screenshot)
    page.goto(f"{live_server.url}/melden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding doen over een bijstandsuitkering")
    scanner.scan("melden")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw melding is nog niet verstuurd")
    scanner.scan("melden-errors")
    _fill_report(page)
    page.get_by_label("Ik wil dat de gemeente contact met mij kan opnemen").check()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.locator("#id_reporter_contact_error")).to_contain_text(
        "Vul uw telefoonnummer of e-mailadres in"
    )
    scanner.scan("melden-contact-error")
    page.get_by_label("Uw telefoonnummer of e-mailadres").fill("06-12345678")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, uw melding is verstuurd")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"M-\d{4}-\d{6}"))
    scanner.scan("melden-receipt")
    scanner.assert_clean()


def test_public_report_page_skips_the_honeypot_with_the_keyboard(page, live_server, world):
    page.goto(f"{live_server.url}/melden/")
    focused = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.add(page.evaluate("document.activeElement.name || document.activeElement.id"))
    assert "description" in focused and "reporter_contact" in focused
    assert "website" not in focused


def test_public_report_works_without_javascript(browser, live_server, world):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/melden/")
        _fill_report(tab)
        tab.get_by_role("button", name="Melding versturen").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("Bedankt, uw melding is verstuurd")
    finally:
        context.close()
    signal = Signal.objects.filter(origin="anonieme_melding").latest("id")
    assert signal.subject_address == "Postcode 1234AB, huisnummer 7" and signal.reporter_contact == ""


def test_staff_intake_pages(page, live_server, world, login, screenshot, tmp_path):
    scanner = Scanner(page, screenshot)
    url = live_server.url
    login("handhaver")
    page.get_by_role("navigation").get_by_role("link", name="Signalen").click()
    page.get_by_role("link", name="Signaal registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal registreren")
    scanner.scan("signal-create")
    page.get_by_role("button", name="Signaal registreren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het formulier is nog niet goed ingevuld")
    scanner.scan("signal-create-errors")
    page.goto(f"{url}/signalen/import/")
    scanner.scan("signal-import")
    bad, good = tmp_path / "fout.csv", tmp_path / "goed.csv"
    bad.write_text(GOOD_CSV.replace("111222333", "123456789"), encoding="utf-8")
    good.write_text(GOOD_CSV, encoding="utf-8")
    page.get_by_label("CSV-bestand van het Inlichtingenbureau").set_input_files(str(bad))
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bestand is niet geïmporteerd")
    scanner.scan("signal-import-errors")
    page.get_by_label("CSV-bestand van het Inlichtingenbureau").set_input_files(str(good))
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("status")).to_contain_text("1 signaal geïmporteerd")
    scanner.scan("signal-import-result")
    scanner.assert_clean()
