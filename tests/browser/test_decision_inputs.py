"""What the real flow feeds the decision engine, seen on the "Besluit voorbereiden" page in real Chromium.

(a) Jansen reported the new job herself (a change reported 30 days after the information was due, before
the Inlichtingenbureau signal): the engine proposes a warning, although € 1.250 is above € 150
(Boetebesluit art. 2aa). (b) Under Groningen's policy the handhaver records, on the findings form, that the
wages were in the polisadministratie: no breach is held against the resident, the overpayment is set off
(verrekening) and there is no sanction.

The clock: the rules know the norms, and the Groningen profile is in force, only up to 2026-12-31, and a
decision may not lie in the future nor before the investigation closed. So the consulent enters an explicit
decision date (2026-11-16) and every investigation closed before it; nothing depends on today's date. Each
test has its own xdist group, so they run in parallel with the other browser tests (``--dist loadgroup``).
The live server flushes the database after every test, so each test builds its data once, in its fixture.
"""

from datetime import date

import pytest
from playwright.sync_api import expect

from .test_decision_pages import fill_weighing

pytestmark = pytest.mark.browser

DECISION_DATE = "2026-11-16"


def _propose(page, url: str, investigation) -> None:
    page.goto(f"{url}/besluiten/onderzoek/{investigation.pk}/voorbereiden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluit voorbereiden")
    fill_weighing(page)  # step 1; the peildatum is step 2, the sanction step 3
    page.get_by_role("button", name="Volgende stap: voorstel").click()
    page.get_by_label("Besluitdatum (peildatum)").fill(DECISION_DATE)
    page.get_by_role("button", name="Voorstel berekenen").click()
    expect(page.get_by_test_id("proposal")).to_contain_text(
        date.fromisoformat(DECISION_DATE).strftime("%d-%m-%Y")
    )
    page.get_by_role("button", name="Volgende stap: volgen of afwijken").click()


def _row(page, label: str):
    """The value next to ``label`` in the engine's proposal."""
    item = page.get_by_test_id("proposal").locator(".utrecht-data-list__item")
    return item.filter(has=page.locator("dt", has_text=label)).locator("dd")


@pytest.fixture
def self_reported(world):
    """An income breach 2025-09-01 to 2026-01-31 (€ 1.250, normal culpability, IB signal of 2026-01-08,
    closed 2026-04-15) that Jansen reported herself on 2025-10-01 through "wijziging doorgeven"."""
    from naleving.investigations.tests.factories import InvestigationFactory
    from naleving.prevention.tests.factories import ChangeReportFactory

    ChangeReportFactory(resident=world["jansen"], kind="werk_inkomen", change_date=date(2025, 8, 25),
                        reported_on=date(2025, 10, 1), description="Ik werk sinds 25 augustus bij de bakker.")  # fmt: skip
    return InvestigationFactory(
        resident=world["jansen"], assigned_to=world["handhaver"], closed_with_breach=True
    )


@pytest.mark.xdist_group("browser-decision-self-report")
def test_a_self_report_leads_to_a_warning(page, live_server, world, self_reported, login):
    login("consulent")
    _propose(page, live_server.url, self_reported)
    expect(_row(page, "Voorgestelde sanctie")).to_have_text("Waarschuwing")
    expect(_row(page, "Benadelingsbedrag")).to_have_text("€ 1.250,00")
    expect(page.get_by_role("combobox", name="Sanctie", exact=True)).to_have_value("waarschuwing")


@pytest.fixture
def groningen(world, settings):
    """Groningen's profile, and Jansen's open income investigation (IB signal "Start inkomstenverhouding",
    opened 2026-02-10) with hoor en wederhoor held, its earlier besluit moved off it."""
    from naleving.decisions.models import Besluit
    from naleving.investigations.tests.factories import HoorEnWederhoorFactory

    settings.NALEVING_DEFAULT_PROFILE = "groningen-2024"  # the live server runs in this process
    Besluit.objects.filter(pk=world["besluit"].pk).update(investigation=None)
    HoorEnWederhoorFactory(investigation=world["investigation"], held_on=date(2026, 3, 2))
    return world["investigation"]


def _close(investigation) -> None:
    """Closing through the page dates it today, and a decision cannot lie before that: after 2026 no norm
    and no Groningen profile would be in force. So the investigation closes on an explicit earlier day."""
    from naleving.investigations.choices import Status
    from naleving.investigations.models import Investigation

    Investigation.objects.filter(pk=investigation.pk).update(
        status=Status.AFGEROND,
        closed_on=date(2026, 11, 2),
        conclusion="Loon gevonden in de polisadministratie.",
    )


@pytest.mark.xdist_group("browser-decision-register")
def test_wages_in_the_polisadministratie_are_exempt_under_groningen(
    page, live_server, world, groningen, login, logout
):
    url = live_server.url
    login("handhaver")
    page.goto(f"{url}/onderzoeken/{groningen.pk}/")
    page.get_by_label("Is de inlichtingenplicht geschonden?").select_option("ja")
    page.get_by_label("Soort schending").select_option("income")
    page.get_by_label("Periode vanaf").fill("2026-01-01")
    page.get_by_label("Periode tot en met").fill("2026-01-31")
    page.get_by_label("Benadelingsbedrag (€)").fill("400,00")
    page.get_by_label("Feit stond al in register").select_option("polisadministratie")
    page.get_by_label("Verwijtbaarheid", exact=True).select_option("normaal")
    page.get_by_label("Motivering van de verwijtbaarheid").fill("Loon niet doorgegeven; wel bekend bij UWV.")
    page.get_by_role("button", name="Bevindingen vastleggen").click()
    expect(page.get_by_text("De bevindingen zijn vastgelegd.")).to_be_visible()
    expect(page.locator("#bevindingen").locator("..")).to_contain_text("Polisadministratie (UWV)")
    logout()
    _close(groningen)

    login("consulent")
    _propose(page, url, groningen)
    expect(_row(page, "Schending inlichtingenplicht")).to_have_text("Nee")
    expect(_row(page, "Correctie")).to_have_text("Verrekening")
    expect(_row(page, "Voorgestelde sanctie")).to_have_text("Geen sanctie")
    expect(_row(page, "Beleidsprofiel en versie")).to_contain_text("groningen-2024")
    expect(page.get_by_role("combobox", name="Sanctie", exact=True)).to_have_value("geen")
