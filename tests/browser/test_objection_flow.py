"""Issue #18 in real Chromium: a fine, its letter, an objection, the decision on objection, the irrevocable date
and a later breach that counts it for recidive.

De Vries did not report income from September 2025 to January 2026 (€ 1.250, normal culpability). The
consulent weighs the case and decides on Friday 20 February 2026, and the letter is sent that day: the
six-week objection term would end on Goede Vrijdag 3 April 2026, so under the Algemene termijnenwet it runs
to Tuesday 7 April 2026 (Easter Monday too). The objection comes in on 20 March 2026; on 24 April 2026 it is
decided deels gegrond with a lower fine, a new besluit that replaces the old one, and its letter goes out
that day. Nobody appeals, so the fine is irrevocable from 6 June 2026 (beroep term to Friday 5 June). A new
income breach from July 2026 is then decided on 16 November 2026: the engine sees the irrevocable fine for
the same conduct and proposes a fine for recidive.

Dates are explicit and lie before today; nothing depends on the clock but "irrevocable by today".
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from .test_decision_pages import fill_weighing

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-objection-flow")]

WEIGHING = {
    "Aard en ernst van de overtreding": "Vijf maanden loon niet doorgegeven; het ging om een vaste baan.",
    "De eigen rol van de gemeente": "Wij kregen het signaal pas in januari 2026; eerder wisten wij het niet.",
    "Persoonlijke omstandigheden en draagkracht": "Geen schulden bekend; de inwoner kan aflossen.",
    "Dringende redenen": "Geen dringende redenen: de inwoner noemde ze niet en wij zagen ze niet.",
    "Antwoord op de zienswijze": "U zei dat u dacht dat de werkgever het doorgaf. Dat ontslaat u niet van de plicht.",
}


@pytest.fixture
def case(world):
    """De Vries, in the Noord consulent's caseload, on a Pw benefit, with a closed income investigation."""
    from naleving.investigations.tests.factories import HoorEnWederhoorFactory, InvestigationFactory
    from naleving.residents.tests.factories import BenefitFactory, ResidentFactory
    from naleving.signals.tests.factories import SignalFactory

    devries = ResidentFactory(
        bsn="103456784",
        first_names="Anna",
        family_name="de Vries",
        birth_date=date(1980, 3, 2),
        household_type="alleenstaande",
        consulent=world["consulent"],
        gemeente=world["jansen"].gemeente,
    )
    BenefitFactory(
        resident=devries,
        regulation="Pw",
        start_date=date(2025, 1, 1),
        monthly_amount=Decimal("1401.50"),
        norm_amount=Decimal("1401.50"),
        household_type="alleenstaande",
    )

    def breach(opened, closed, start, end, amount, signal_on):
        signal = SignalFactory(resident=devries, to_investigation=True, kind="income", received_on=signal_on)
        investigation = InvestigationFactory(
            resident=devries,
            assigned_to=world["handhaver"],
            closed_with_breach=True,
            opened_on=opened,
            closed_on=closed,
            period_start=start,
            period_end=end,
            benadelingsbedrag=Decimal(amount),
            signals=[signal],
            heard=False,
        )
        HoorEnWederhoorFactory(
            investigation=investigation,
            held_on=closed,
            summary="De inwoner dacht dat de werkgever het loon aan de gemeente doorgaf.",
        )
        return investigation

    first = breach(
        date(2026, 1, 20),
        date(2026, 2, 13),
        date(2025, 9, 1),
        date(2026, 1, 31),
        "1250.00",
        date(2026, 1, 12),
    )
    later = breach(
        date(2026, 10, 15),
        date(2026, 11, 2),
        date(2026, 7, 1),
        date(2026, 9, 30),
        "900.00",
        date(2026, 10, 10),
    )
    return {"resident": devries, "first": first, "later": later}


def _propose(page, url, investigation, decision_date: str) -> None:
    """The steps of the prepare page: the weging, the proposal for ``decision_date``, then the choice."""
    page.goto(f"{url}/besluiten/onderzoek/{investigation.pk}/voorbereiden/")
    for label, answer in WEIGHING.items():
        page.get_by_label(label).fill(answer)
    fill_weighing(page)
    page.get_by_role("button", name="Volgende stap: voorstel").click()
    page.get_by_label("Besluitdatum (peildatum)").fill(decision_date)
    page.get_by_role("button", name="Voorstel berekenen").click()
    expect(page.get_by_test_id("proposal")).to_contain_text(
        date.fromisoformat(decision_date).strftime("%d-%m-%Y")
    )
    page.get_by_role("button", name="Volgende stap: volgen of afwijken").click()


def _detail_value(page, label: str):
    row = page.locator(".utrecht-data-list__item").filter(has=page.locator("dt", has_text=label))
    return row.first.locator("dd")


def _cosign_if_asked(page, url, login, logout) -> None:
    """The profile's four-eyes policy may ask for a second signature; then the teamleider co-signs."""
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


def test_fine_objection_decision_on_objection_and_recidive(page, live_server, world, case, login, logout):
    from naleving.decisions.models import Besluit, BesluitStatus, Brief

    url = live_server.url
    login("consulent")

    # 1. The besluit, with the weighing that writes its motivation.
    _propose(page, url, case["first"], "2026-02-20")
    expect(page.get_by_test_id("proposal")).to_contain_text("Bestuurlijke boete")
    page.get_by_role("button", name="Motivering opnieuw opstellen").click()
    motivation = page.get_by_label("Motivering van het besluit")
    expect(motivation).to_have_value(re.compile("Dat ontslaat u niet van de plicht"))
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_url("**/besluiten/*/")
    _cosign_if_asked(page, url, login, logout)
    first = Besluit.objects.get(investigation=case["first"], kind="primair")
    assert first.status == BesluitStatus.VASTGESTELD and first.sanction_type == "boete"
    original_fine = first.fine_amount
    assert original_fine == Decimal(first.engine_response["sanction"]["fine_amount"])

    # 2. The letter is sent on Friday 20 February 2026: the term ends after Goede Vrijdag and Easter Monday.
    page.get_by_label("Verzonden op").fill("2026-02-20")
    page.get_by_role("button", name="Brief verzenden").click()
    expect(page.get_by_text("De termijn voor bezwaar loopt tot en met 07-04-2026")).to_be_visible()
    expect(_detail_value(page, "Bezwaartermijn tot en met")).to_have_text("07-04-2026")
    assert Brief.objects.filter(besluit=first).count() == 1

    # 3. The objection comes in on 20 March 2026, in time.
    page.get_by_role("link", name="Bezwaar registreren").click()
    page.get_by_label("Ontvangen op").fill("2026-03-20")
    page.get_by_label("Gronden van het bezwaar").fill("Ik wist niet dat ik het zelf moest doorgeven.")
    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.get_by_role("heading", name="Bezwaar ontvangen op 20-03-2026")).to_be_visible()
    expect(_detail_value(page, "Tijdig (art. 6:9 Awb)")).to_have_text("Ja")
    expect(_detail_value(page, "Onherroepelijk sinds")).to_have_text("nog niet onherroepelijk")

    # 4. Decided deels gegrond on 24 April 2026: a lower fine, in a new besluit that replaces the old one.
    lower = (original_fine / 2).quantize(Decimal("0.01"))
    page.get_by_role("link", name="Beslissen op bezwaar").click()
    page.get_by_label("Uitkomst").select_option("deels_gegrond")
    page.get_by_label("Beslist op").fill("2026-04-24")
    page.get_by_label("Boete na bezwaar (€)").fill(f"{lower}")
    page.get_by_label("Terugvordering na bezwaar (€)").fill(f"{first.recovery_amount}")
    page.get_by_label("Motivering van de beslissing op bezwaar").fill(
        "U heeft gelijk dat wij het loon eerder hadden kunnen zien. Daarom verlagen wij de boete."
    )
    page.get_by_role("button", name="Beslissing vastleggen").click()
    page.wait_for_load_state()
    first.refresh_from_db()
    decision = Besluit.objects.get(replaces=first)
    assert first.status == BesluitStatus.VERVANGEN
    assert decision.kind == "op_bezwaar" and decision.fine_amount == lower
    page.goto(f"{url}/besluiten/{decision.pk}/")
    expect(page.get_by_text(f"vervangt besluit {first.kenmerk}")).to_be_visible()

    # 5. Its letter goes out the same day; nobody appeals: irrevocable from 6 June 2026.
    page.get_by_label("Verzonden op").fill("2026-04-24")
    page.get_by_role("button", name="Brief verzenden").click()
    expect(_detail_value(page, "Beroepstermijn tot en met")).to_have_text("05-06-2026")
    expect(_detail_value(page, "Onherroepelijk sinds")).to_have_text("06-06-2026")

    # 6. A later breach of the same kind: the irrevocable fine makes it recidive.
    _propose(page, url, case["later"], "2026-11-16")
    expect(page.get_by_test_id("proposal-trace")).to_contain_text("Dat heet herhaling (recidive)")
    expect(page.get_by_test_id("proposal")).to_contain_text("Bestuurlijke boete")
