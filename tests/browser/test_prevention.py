"""Prevention in real Chromium: the intake at the gate with its information sheet, a resident reporting that
they move in together, the report on the consulent's worklist, and the yearly reminder created by the
reminder task on the database queue on the day it falls due (the day is given, never the clock).
Every new page is scanned with axe for serious or critical WCAG 2.1 A/AA violations."""

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from naleving.prevention import checklist

from .test_accessibility import Scanner

pytestmark = pytest.mark.browser

INTAKE_DAY = date(2026, 3, 2)
YEARLY_DUE = date(2027, 3, 2)


def _pdf_text(path: Path) -> str:
    content = path.read_bytes()
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _download(page, link_name: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return _pdf_text(Path(info.value.path()))


def _run_reminder_task(day: date) -> None:
    """What cron does: put the day's task on the database queue, then let the worker empty the queue."""
    call_command("reminders-run", date=day.isoformat())
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


def consulent_runs_the_intake(page, scanner, url, world):
    jansen = world["jansen"]
    page.goto(f"{url}/inwoners/{jansen.pk}/")
    page.get_by_role("link", name="Intake rechten en plichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intake rechten en plichten")
    scanner.scan("prevention-intake-form")

    page.get_by_role("button", name="Intake vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("De intake is nog niet vastgelegd")
    scanner.scan("prevention-intake-errors")

    page.get_by_label("Regeling (nieuwe aanvraag)").select_option(label="Participatiewet")
    page.get_by_label("Aanvraag ontvangen op (nieuwe aanvraag)").fill("2026-02-20")
    page.get_by_label("Datum van het intakegesprek").fill(INTAKE_DAY.isoformat())
    page.get_by_label("Taal van het gesprek en het informatieblad").select_option("nl")
    for item in checklist.ITEMS:
        page.get_by_label(item.label, exact=True).check()
    page.get_by_label("Informatieblad meegegeven (papier of pdf)").check()
    page.get_by_role("button", name="Intake vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De intake is vastgelegd")
    expect(page.get_by_text("Niet uitgelegd")).to_have_count(0)
    scanner.scan("prevention-intake-detail")

    sheet = _download(page, "Informatieblad Nederlands (B1) (pdf)")
    assert "Uw rechten en plichten bij de bijstand" in sheet and jansen.full_name in sheet
    assert "Wat moet u doorgeven?" in sheet and "Samenwonen" in sheet
    english = _download(page, "Informatieblad Engels (pdf)")
    assert "What must you report?" in english


def resident_reports_moving_in_together(page, scanner, url) -> str:
    page.goto(f"{url}/wijziging-doorgeven/")
    expect(page.get_by_text("Dit is een testlogin.")).to_be_visible()
    scanner.scan("change-start")
    page.get_by_label("Burgerservicenummer (BSN)").fill("111222333")
    page.get_by_label("Geboortedatum").fill("1985-05-17")
    page.get_by_role("button", name="Inloggen met testlogin").click()
    expect(page.get_by_text("U bent ingelogd als Test Jansen")).to_be_visible()
    scanner.scan("change-form")

    page.get_by_role("button", name="Wijziging versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw wijziging is nog niet verstuurd")
    expect(page.locator("#id_kind_error")).to_have_text("Kies wat er verandert.")
    expect(
        page.locator("[data-nl-error-summary]").get_by_role(
            "link", name="Wat verandert er?: Kies wat er verandert."
        )
    ).to_be_visible()
    scanner.scan("change-form-errors")

    page.get_by_label("Ik ga samenwonen, of iemand komt bij mij wonen").check()
    page.get_by_label("Vanaf welke datum?").fill((date.today() + timedelta(days=14)).isoformat())
    page.get_by_label("Vertel wat er verandert").fill("Mijn vriend Sam komt op 1 juni bij mij wonen.")
    page.get_by_role("button", name="Wijziging versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, uw wijziging is ontvangen")
    reference = page.get_by_test_id("reference").inner_text()
    assert reference.startswith(f"W-{date.today().year}-")
    scanner.scan("change-receipt")

    receipt = _download(page, "Bewijs downloaden (pdf)")
    assert reference in receipt and "Ik ga samenwonen" in receipt and "Mijn vriend Sam" in receipt
    page.get_by_role("button", name="Uitloggen").click()
    return reference


def test_prevention_journey(page, live_server, world, login, logout, screenshot):
    scanner, url = Scanner(page, screenshot), live_server.url

    login("consulent")
    consulent_runs_the_intake(page, scanner, url, world)
    logout()

    reference = resident_reports_moving_in_together(page, scanner, url)

    login("consulent")
    page.get_by_role("navigation").get_by_role("link", name="Werkvoorraad").click()
    changes = page.get_by_test_id("worklist-changes")
    expect(changes).to_contain_text(reference)
    expect(changes).to_contain_text("Ik ga samenwonen")
    reminders = page.get_by_test_id("worklist-reminders")
    expect(reminders).to_contain_text("Geen herinneringen om te versturen.")
    scanner.scan("prevention-worklist")

    _run_reminder_task(YEARLY_DUE - timedelta(days=1))
    page.reload()
    expect(page.get_by_test_id("worklist-reminders")).to_contain_text("Geen herinneringen om te versturen.")

    _run_reminder_task(YEARLY_DUE)
    page.reload()
    reminders = page.get_by_test_id("worklist-reminders")
    expect(reminders).to_contain_text(YEARLY_DUE.strftime("%d-%m-%Y"))
    expect(reminders).to_contain_text(world["jansen"].full_name)
    expect(reminders).to_contain_text("Jaarlijkse herinnering")
    scanner.scan("prevention-worklist-reminder")

    letter = _download(page, f"Brief (pdf) voor {world['jansen'].full_name}")
    assert "Herinnering: geef wijzigingen op tijd door" in letter
    page.get_by_role("button", name=f"Verstuurd: {world['jansen'].full_name}").click()
    expect(page.get_by_test_id("worklist-reminders")).to_contain_text("Geen herinneringen om te versturen.")

    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Wijziging {reference}")
    scanner.scan("prevention-change-detail")
    page.get_by_role("button", name="Afgehandeld").click()
    expect(page.get_by_test_id("worklist-changes")).to_contain_text("Geen nieuwe wijzigingen.")

    page.goto(f"{url}/preventie/verwijzingen/")
    scanner.scan("prevention-referrals")
    page.goto(f"{url}/preventie/inwoners/{world['jansen'].pk}/ondersteuning/")
    scanner.scan("prevention-support")
    scanner.assert_clean()
