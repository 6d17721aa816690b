"""Issue #19 in real Chromium: from a re-integration breach to the maatregel letter.

De Boer, on a Pw benefit in the Noord consulent's caseload, refuses a suitable job on 5 October 2026 (Pw 18(4)
onder a). The municipality's afstemmingsverordening is in force as an approved version of its profile
(proposed by the beheerder, approved by the teamleider: the shipped profiles have no such figures). The
consulent reports the verzuim from the resident's page, records the hearing (invited 12 October, heard
19 October), prepares the besluit on 20 November 2026 (the engine proposes 100 % of the norm for one month),
weighs, records, and sends the letter on 23 November 2026; the stored PDF is downloaded.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from .test_accessibility import Scanner

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-maatregel-flow")]

WEIGHING = {
    "Ernst van de gedraging": "De inwoner weigerde een passende baan als magazijnmedewerker.",
    "Mate van verwijtbaarheid (verplicht)": "De plicht stond in het plan van aanpak; geen ziekte of overmacht.",
    "Omstandigheden, mogelijkheden en middelen": "Alleenstaand, geen kinderen, geen schulden bekend.",
    "Dringende redenen": "Nee: de huur komt niet in gevaar door één maand verlaging.",
    "Antwoord op de zienswijze": "U vond 40 minuten reizen te lang. Dat is een redelijke reistijd.",
}


@pytest.fixture
def case(world):
    from naleving.residents.tests.factories import BenefitFactory, ResidentFactory

    deboer = ResidentFactory(
        bsn="103456784",
        first_names="Kees",
        family_name="de Boer",
        birth_date=date(1979, 6, 2),
        household_type="alleenstaande",
        consulent=world["consulent"],
        gemeente=world["jansen"].gemeente,
    )
    BenefitFactory(
        resident=deboer,
        regulation="Pw",
        start_date=date(2025, 1, 1),
        monthly_amount=Decimal("1401.50"),
        norm_amount=Decimal("1401.50"),
        household_type="alleenstaande",
    )
    return deboer


def _cosign_if_asked(page, login, logout) -> None:
    if page.get_by_text("wacht op een tweede handtekening").count() == 0:
        return
    besluit_url = page.url
    logout()
    login("teamleider")
    page.goto(besluit_url)
    page.get_by_role("button", name="Medeondertekenen").click()
    page.wait_for_load_state()
    logout()
    login("consulent")
    page.goto(besluit_url)


def test_from_a_reintegration_breach_to_the_maatregel_letter(
    page, live_server, world, case, login, logout, screenshot
):
    from naleving.decisions.models import Besluit, BesluitStatus, Brief, Verzuim
    from naleving.decisions.tests.maatregel_helpers import verordening_approve

    scanner, url = Scanner(page, screenshot), live_server.url
    login("consulent")

    # 1. Verzuim melden, from the resident's page; the errors first.
    page.goto(f"{url}/inwoners/{case.pk}/")
    page.get_by_role("link", name="Verzuim melden").click()
    page.get_by_role("button", name="Verzuim melden").click()
    expect(page.get_by_text("Het verzuim is nog niet gemeld.")).to_be_visible()
    scanner.scan("maatregel-verzuim-melden-fouten")
    page.get_by_label("Welke verplichting is niet nagekomen?").select_option("pw_18_4_a")
    page.get_by_label("Datum van de gedraging").fill("2026-10-05")
    page.get_by_label("Wat is er gebeurd?").fill(
        "De inwoner weigerde de baan bij Bakker Logistiek op 5 oktober."
    )
    page.get_by_role("button", name="Verzuim melden").click()
    expect(page.get_by_role("heading", name="1. De inwoner horen (zienswijze)")).to_be_visible()
    verzuim = Verzuim.objects.get(resident=case)
    scanner.scan("maatregel-verzuim")

    # 2. The hearing (Awb 4:8).
    page.get_by_label("Uitgenodigd voor een zienswijze op").fill("2026-10-12")
    page.get_by_label("Gehoord op").fill("2026-10-19")
    page.get_by_label("Zienswijze van de inwoner").fill("De reistijd van 40 minuten vond ik te lang.")
    page.get_by_role("button", name="Horen vastleggen").click()
    expect(page.get_by_test_id("verzuim")).to_contain_text("De reistijd van 40 minuten vond ik te lang.")

    # 3. Without the verordening's figures the proposal is refused, with a pointer to Beheer; once the
    # beheerder's version of the profile is approved by the teamleider, the rules propose.
    page.get_by_role("link", name="Besluit voorbereiden").click()
    expect(page.get_by_test_id("proposal-error")).to_contain_text("ontbreekt nog het aantal maanden")
    expect(page.get_by_test_id("proposal-error")).to_contain_text("Beheer › Wettelijke bedragen")
    scanner.scan("maatregel-voorbereiden-zonder-verordening")
    verordening_approve(proposer=world["beheerder"], approver=world["teamleider"])
    page.get_by_label("Besluitdatum (peildatum)").fill("2026-11-20")
    page.get_by_role("button", name="Voorstel berekenen").click()
    page.wait_for_url("**/voorbereiden/?decision_date=2026-11-20*")
    expect(page.get_by_test_id("proposal")).to_contain_text("art. 18 lid 4 onder a Pw")
    expect(page.get_by_test_id("proposal")).to_contain_text("100 % van de bijstandsnorm")
    expect(page.get_by_test_id("proposal-trace")).to_contain_text("artikel 18 lid 4 van de Participatiewet")
    scanner.scan("maatregel-voorbereiden")

    # 4. The weighing, the motivation written from it, and the besluit.
    page.get_by_label("Motivering van de verwijtbaarheid").fill("De plicht stond in het plan van aanpak.")
    for label, answer in WEIGHING.items():
        page.get_by_label(label, exact=label.endswith("(verplicht)")).fill(answer)
    page.get_by_role("button", name="Motivering opnieuw opstellen").click()
    expect(page.get_by_label("Motivering van het besluit")).to_have_value(
        re.compile("de huur komt niet in gevaar")
    )
    page.get_by_label("Eerste maand van de verlaging").fill("2026-12-01")
    page.get_by_role("button", name="Maatregel vastleggen").click()
    page.wait_for_url("**/besluiten/*/")
    _cosign_if_asked(page, login, logout)
    besluit = Besluit.objects.get(verzuim=verzuim)
    assert besluit.status == BesluitStatus.VASTGESTELD and besluit.sanction_type == "maatregel"
    expect(page.get_by_test_id("maatregel")).to_contain_text("100 % van de bijstandsnorm")
    assert besluit.maatregel_total == Decimal(besluit.engine_response["maatregel"]["total_amount"])
    scanner.scan("maatregel-besluit")

    # 5. The letter is sent on 23 November 2026 and the stored PDF can be downloaded.
    page.get_by_label("Verzonden op").fill("2026-11-23")
    page.get_by_role("button", name="Brief verzenden").click()
    expect(page.get_by_text("De termijn voor bezwaar loopt tot en met")).to_be_visible()
    brief = Brief.objects.get(besluit=besluit)
    link = page.get_by_role("link", name=re.compile("Beschikking aan Kees de Boer"))
    response = page.request.get(url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body() == bytes(brief.pdf)
    page.goto(f"{url}/besluiten/verzuimen/")
    expect(page.get_by_test_id("verzuimen")).to_contain_text("Geen open verzuimen.")
    scanner.scan("maatregel-open-verzuimen")
    scanner.assert_clean()
