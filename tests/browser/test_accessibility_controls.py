"""axe-core (WCAG 2.1 AA) on the theme-control pages: the filter register, a filter with its runs, the
upload form, a queued and a finished delivery, a run with its bias report (as analyst and as FG) and the
public algorithm page."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from naleving.controls.deliveries import control_run_upload, delivery_submit

from .test_accessibility import Scanner

pytestmark = pytest.mark.browser

GOLDEN = Path(__file__).resolve().parents[2] / "src" / "naleving" / "analytics" / "tests" / "data" / "golden"


def _run(actor):
    files = {
        name: SimpleUploadedFile(
            f"{name}.csv", (GOLDEN / f"{name}.csv").read_bytes(), content_type="text/csv"
        )
        for name in ("clients", "vehicles")
    }
    return control_run_upload(
        actor=actor,
        files=files,
        control="voertuigen",
        reference_date=date(2026, 3, 1),
        source="Inlichtingenbureau",
        delivery_date=date(2026, 3, 2),
        legal_basis="Participatiewet art. 64",
    )


def test_control_pages(page, live_server, world, login, logout, screenshot, settings, tmp_path):
    settings.NALEVING_DELIVERY_DIR = tmp_path
    run = _run(world["analist"])
    queued = delivery_submit(
        actor=world["analist"],
        files={
            name: SimpleUploadedFile(f"{name}.csv", (GOLDEN / f"{name}.csv").read_bytes())
            for name in ("clients", "brp", "addresses")
        },
        controls=["brp_adres"],
        reference_date=date(2026, 3, 1),
        source="BRP",
        delivery_date=date(2026, 3, 2),
        legal_basis="Participatiewet art. 64",
        enqueue=False,
    )
    scanner = Scanner(page, screenshot)
    login("analist")
    for name, path in (
        ("analyses", "/analyses/"),
        ("filter-voertuigen", "/analyses/voertuigen/"),
        ("run-upload", "/analyses/voertuigen/run/"),
        ("delivery-new", "/analyses/leveringen/nieuw/"),
        ("delivery-done", f"/analyses/leveringen/{run.delivery_id}/"),
        ("delivery-queued", f"/analyses/leveringen/{queued.pk}/"),
        ("run-detail-analist", f"/analyses/runs/{run.pk}/"),
    ):
        page.goto(f"{live_server.url}{path}")
        scanner.scan(name)
    logout()
    login("fg")
    page.goto(f"{live_server.url}/analyses/runs/{run.pk}/")
    scanner.scan("run-detail-fg")
    logout()
    page.goto(f"{live_server.url}/algoritmes/voertuigen/")
    scanner.scan("public-algorithm")
    page.goto(f"{live_server.url}/algoritmes/")
    scanner.scan("public-algorithms-index")
    scanner.assert_clean()
