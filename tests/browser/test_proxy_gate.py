"""The proxy gate in Chromium (issue #23): a run whose filter input follows the district cannot be released;
the analyst justifies the input on the proxy-check page, the FG approves it there, and the analyst releases.
Every page on the way passes axe-core (WCAG 2.1 AA)."""

from datetime import date

import pytest

from naleving.controls.deliveries import control_run_upload
from naleving.controls.tests.test_controls_web import in_use
from naleving.controls.tests.test_proxy import planted
from naleving.signals.models import Signal

from .test_accessibility import Scanner

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-proxy-gate")]


def test_the_proxy_gate(page, live_server, world, login, logout, screenshot, settings, tmp_path):
    settings.NALEVING_DELIVERY_DIR = tmp_path / "leveringen"
    in_use(world)
    run = control_run_upload(
        actor=world["analist"],
        files=planted(),
        control="voertuigen",
        reference_date=date(2026, 3, 1),
        source="Inlichtingenbureau",
        delivery_date=date(2026, 3, 2),
        legal_basis="Participatiewet art. 64",
    )
    base, scanner = live_server.url, Scanner(page, screenshot)

    login("analist")
    page.goto(f"{base}/analyses/runs/{run.pk}/")
    assert "De proxycontrole van dit filter" in page.content()
    assert page.get_by_role("button", name="vrijgeven als signalen").count() == 0
    page.get_by_role("link", name="Proxycontrole bekijken, verantwoorden of beoordelen").click()
    page.wait_for_url("**/analyses/voertuigen/proxycontrole/")
    page.get_by_role(
        "heading", name="Invoer: aantal voertuigen op naam in het jaar tot de peildatum"
    ).wait_for()
    scanner.scan("proxy-check-analist")
    page.get_by_label("Verantwoording van de invoer boven de drempel").fill(
        "Het aantal voertuigen is het criterium zelf; het wijkverschil is nagelopen."
    )
    page.get_by_role("button", name="Verantwoording vastleggen").click()
    page.get_by_text("De verantwoording is vastgelegd").wait_for()
    logout()

    login("fg")
    page.goto(f"{base}/analyses/voertuigen/proxycontrole/")
    page.get_by_label("Besluit").select_option("approved")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    page.get_by_text("De verantwoording is goedgekeurd.").wait_for()
    scanner.scan("proxy-check-fg")
    logout()

    login("analist")
    page.goto(f"{base}/analyses/runs/{run.pk}/")
    page.get_by_role("button", name="12 treffers vrijgeven als signalen").click()
    page.get_by_text("12 signalen aangemaakt.").wait_for()
    assert Signal.objects.filter(origin="themacontrole").count() == 12
    page.goto(f"{base}/analyses/voertuigen/")
    scanner.scan("filter-with-proxy-check")
    scanner.assert_clean()
