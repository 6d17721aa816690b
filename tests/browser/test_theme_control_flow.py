"""The analyst's and the FG's path through a theme control in Chromium: the FG approves the filter, the
analyst puts it in use, uploads a delivery, follows the progress bar (htmx polling, no reload) while the
task worker runs it, reads the hits in Dutch with their evidence, and releases them as signals."""

from pathlib import Path

import pytest

from naleving.controls.models import Delivery
from naleving.signals.models import Signal

pytestmark = pytest.mark.browser

GOLDEN = Path(__file__).resolve().parents[2] / "src" / "naleving" / "analytics" / "tests" / "data" / "golden"


def test_upload_progress_and_release(page, live_server, world, login, logout, screenshot, settings, tmp_path):
    from django.core.management import call_command

    settings.NALEVING_DELIVERY_DIR = tmp_path / "leveringen"
    base = live_server.url

    login("fg")
    page.goto(f"{base}/analyses/voertuigen/")
    page.get_by_label("Besluit").select_option("approved")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    page.get_by_text("Uw beoordeling van het filter is vastgelegd.").wait_for()
    logout()

    login("analist")
    page.goto(f"{base}/analyses/voertuigen/")
    page.get_by_label("Status").select_option("in_gebruik")
    page.get_by_role("button", name="Wijziging vastleggen").click()
    page.get_by_text("Het filter is bijgewerkt.").wait_for()
    assert "status In ontwikkeling → In gebruik" in page.content()

    page.goto(f"{base}/analyses/leveringen/nieuw/")
    page.get_by_label("Meerdere voertuigen op naam").check()
    page.get_by_label("Peildatum").fill("2026-03-01")
    page.get_by_label("Leverdatum").fill("2026-03-02")
    page.get_by_label("Grondslag van de levering").fill("Participatiewet art. 64")
    page.get_by_label("Omvang controlegroep").fill("3")
    page.get_by_label("Seed voor de trekking").fill("42")
    page.locator("#id_file_clients").set_input_files(str(GOLDEN / "clients.csv"))
    page.locator("#id_file_vehicles").set_input_files(str(GOLDEN / "vehicles.csv"))
    page.get_by_role("button", name="Levering aanleveren en run starten").click()
    page.wait_for_url("**/analyses/leveringen/*/")
    delivery_url = page.url
    progress = page.locator("progress#delivery-progress")
    assert progress.get_attribute("data-status") == "queued"
    screenshot("controls-delivery-queued")

    # The task worker picks it up; the page follows by polling, without a reload.
    page.evaluate("window.__same_page = true")
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)
    page.get_by_text("Runs van deze levering").wait_for(timeout=10_000)
    assert page.evaluate("window.__same_page") is True and page.url == delivery_url
    assert progress.get_attribute("value") == "100"
    assert "Ruwe bestanden verwijderd" in page.content()
    assert not any((tmp_path / "leveringen").iterdir())
    screenshot("controls-delivery-done")

    page.get_by_role("link", name="Meerdere voertuigen op naam").click()
    # A click does not wait for the next page: wait for the run page before reading it.
    page.wait_for_url("**/analyses/runs/*/")
    page.get_by_role("heading", name="Biasrapport").wait_for()
    content = page.content()
    assert "verschillende voertuigen stonden op naam van de cliënt" in content
    assert "Kenteken" in content and "Leeftijdsgroep" in content
    # 23 clients are too few for a bias check: like a flagged run, it needs an explanation and the FG
    run_url = page.url
    page.get_by_label("Toelichting bij de gemarkeerde biascheck").fill(
        "De testlevering is te klein voor een biascheck; de selectie volgt alleen het aantal voertuigen."
    )
    page.get_by_role("button", name="Toelichting vastleggen").click()
    page.get_by_text("De testlevering is te klein").first.wait_for()
    logout()
    login("fg")
    page.goto(run_url)
    page.get_by_role("button", name="Run goedkeuren").click()
    page.get_by_text("Goedkeuring FG: ").first.wait_for()
    logout()
    login("analist")
    page.goto(run_url)
    page.get_by_role("button", name="2 treffers en 3 uit de controlegroep vrijgeven als signalen").click()
    page.get_by_text("5 signalen aangemaakt.").wait_for()
    assert Signal.objects.filter(origin="themacontrole").count() == 5
    screenshot("controls-run-released")
    logout()

    login("fg")
    page.goto(f"{base}/analyses/runs/{Delivery.objects.get().runs.get().pk}/")
    assert "100000009" not in page.content() and "Biasrapport" in page.content()
