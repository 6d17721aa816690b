"""The decision step and the claim pages in real Chromium, without JavaScript shortcuts, scanned by axe.

The consulent prepares a besluit from a closed investigation, deviates (first without, then with the
motivation and the omgekeerde toets), the teamleider co-signs, and the consulent registers a payment.
Every page on the way is scanned for serious or critical WCAG 2.1 A/AA violations.
"""

import pytest
from playwright.sync_api import expect

from .test_accessibility import Scanner
from .test_reflow_walk import HEIGHT, OVERFLOW_JS

pytestmark = pytest.mark.browser


def fill_weighing(page) -> None:
    """Answer every question of the weighing (decisions/weighing_factors.yaml) that is still empty."""
    from naleving.decisions.weighing import factors

    for factor in factors():
        field = page.get_by_label(factor.label)
        if not field.input_value():
            field.fill(f"{factor.label}: gewogen in dit dossier.")


def fits_360(page) -> None:
    """No element wider than a 360 px viewport (long tables scroll in their own region)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": HEIGHT})
    found = page.evaluate(OVERFLOW_JS)
    assert not found["offenders"] and found["width"] <= found["vw"], found
    page.set_viewport_size(size)


@pytest.fixture
def breaches(world):
    from naleving.investigations.tests.factories import InvestigationFactory

    def make():
        return InvestigationFactory(
            resident=world["jansen"], assigned_to=world["handhaver"], closed_with_breach=True
        )

    return make(), make()


def test_decision_journey(page, live_server, world, breaches, login, logout, screenshot):
    scanner, url = Scanner(page, screenshot), live_server.url
    breach, refused = breaches
    login("consulent")
    page.goto(f"{url}/onderzoeken/{breach.pk}/")
    page.get_by_role("link", name="Besluit voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluit voorbereiden")
    scanner.scan("decision-prepare-default-date")
    # step 1, the weging; step 2, the proposal for the peildatum; step 3, following or deviating from it
    fill_weighing(page)
    page.get_by_role("button", name="Volgende stap: voorstel").click()
    page.get_by_label("Besluitdatum (peildatum)").fill("2026-05-01")
    page.get_by_role("button", name="Voorstel berekenen").click()
    expect(page.get_by_test_id("proposal")).to_contain_text("€ 625,00")
    scanner.scan("decision-prepare")
    fits_360(page)
    page.get_by_role("button", name="Volgende stap: volgen of afwijken").click()

    page.get_by_label("Boete (€)").fill("300.00")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het besluit is nog niet vastgelegd")
    scanner.scan("decision-prepare-errors")
    page.get_by_label("Motivering van de afwijking (maatwerk)").fill(
        "Beperkte draagkracht; gezin met kinderen."
    )
    page.get_by_label("Welke omstandigheden").fill("Alleenstaande ouder, crisis in de familie.")
    page.get_by_label("Wat is het effect").fill("Een volle boete brengt het gezin in de problemen.")
    page.get_by_label("Is er sprake van schulden of zorg?").fill("Schulden; aangemeld bij schuldhulp.")
    page.get_by_role("button", name="Motivering opnieuw opstellen").click()  # a plain submit: no JavaScript
    expect(page.get_by_label("Motivering van het besluit")).to_contain_text(
        "De gemeente heeft bij dit besluit"
    )
    scanner.scan("decision-prepare-weighing")
    fits_360(page)
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besluit")
    expect(page.get_by_text("Wacht op tweede handtekening")).to_be_visible()
    scanner.scan("decision-detail-to-sign")
    fits_360(page)

    page.goto(f"{url}/besluiten/onderzoek/{refused.pk}/voorbereiden/")
    fill_weighing(page)
    page.get_by_role("button", name="Volgende stap: voorstel").click()
    page.get_by_label("Besluitdatum (peildatum)").fill("2026-05-01")
    page.get_by_label("Medewerking van de inwoner").select_option("refused")
    page.get_by_role("button", name="Voorstel berekenen").click()
    expect(page.get_by_text("Risico- en impactbeoordeling (verplicht vóór een opschorting)")).to_be_visible()
    scanner.scan("decision-prepare-suspension")
    logout()

    login("teamleider")
    page.goto(f"{url}/besluiten/")
    page.get_by_role("link", name=str(breach.besluiten.get().pk), exact=True).click()
    page.wait_for_url(f"**/besluiten/{breach.besluiten.get().pk}/")
    scanner.scan("decision-detail-cosign")
    page.get_by_role("button", name="Medeondertekenen").click()
    expect(page.get_by_text("U heeft het besluit medeondertekend")).to_be_visible()
    scanner.scan("decision-detail-vastgesteld")
    fits_360(page)
    logout()

    login("consulent")
    page.goto(f"{url}/besluiten/{breach.besluiten.get().pk}/")
    page.get_by_role("link", name="Terugvordering: € 1.250,00").click()
    # the 5 % room of € 1,401.50 (€ 70.07) shared with the fine
    expect(page.get_by_test_id("repayment-plan")).to_contain_text("€ 35,04")
    scanner.scan("claim-detail")
    page.get_by_role("link", name="Aflossing registreren").click()
    page.get_by_label("Bedrag (€)").fill("5000")
    page.get_by_role("button", name="Aflossing registreren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het formulier is nog niet goed ingevuld")
    scanner.scan("claim-payment-errors")
    page.get_by_label("Bedrag (€)").fill("250.00")
    page.get_by_role("button", name="Aflossing registreren").click()
    expect(page.get_by_text("De aflossing is geregistreerd.")).to_be_visible()
    page.get_by_role("link", name="Kwijtschelden").click()
    page.wait_for_url("**/kwijtschelden/")
    scanner.scan("claim-waive")
    scanner.assert_clean()
