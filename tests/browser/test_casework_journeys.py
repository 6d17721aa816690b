"""Four days of casework walked on a phone (360 px) in real Chromium, as the people who do them (issue #21).

- the consulent: Mijn werk → a change report → the resident file → a signal registered from the file → a
  besluit prepared through its steps → the letter;
- the handhaver: triage to onderzoek (choosing who investigates) → the investigation's steps, with a failed save
  whose error summary takes the focus → the findings;
- the teamleider: the unassigned investigations → bulk assignment with each handhaver's workload → co-signing;
- the analist and the FG: a flagged run from the count on Mijn werk to the FG's approval.

Every page on the way is checked as in the reflow walk: not wider than the window at 360 px (the elements that
stick out are named) and no serious or critical axe finding. Each journey runs in its own xdist group.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import Scanner, report
from tests.browser.test_reflow_walk import OVERFLOW_JS, TABLES_JS

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


class Checks:
    """Reflow at 360 px, tables in named regions, and axe on each page of a journey; failures are collected
    and reported together at the end, so one run names every problem."""

    def __init__(self, page):
        self.page = page
        self.scanner = Scanner(page, lambda name: None)
        self.failures: list[str] = []
        self.checked: list[str] = []

    def __call__(self, name: str) -> None:
        self.page.wait_for_load_state()
        found = self.page.evaluate(OVERFLOW_JS)
        if found["offenders"] or found["width"] > found["vw"]:
            self.failures.append(
                f"[{name}] page is {found['width']} px wide at {found['vw']} px: "
                + "; ".join(found["offenders"])
            )
        for table in self.page.evaluate(TABLES_JS):
            self.failures.append(f"[{name}] {table} is not in a focusable, named scroll region")
        self.scanner.scan(name)
        self.checked.append(name)

    def assert_clean(self, at_least: int) -> None:
        assert len(self.checked) >= at_least, self.checked
        problems = list(self.failures)
        if self.scanner.failures:
            problems.append(report(self.scanner.failures))
        if problems:
            pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def _todo(page, key: str):
    return page.get_by_test_id(f"todo-{key}")


def _count(page, key: str) -> int:
    return int(_todo(page, key).locator(".nl-card__figure").inner_text())


@pytest.mark.xdist_group("journey-analist-fg")
def test_analist_and_fg_take_a_flagged_run_from_the_home_count_to_approval(
    phone, live_server, world, login, logout
):
    from naleving.controls.models import ControlRun, Verdict
    from naleving.controls.tests.factories import ControlHitFactory, ControlRunFactory

    page, url, check = phone, live_server.url, Checks(phone)
    run = ControlRunFactory(verdict=Verdict.FLAG, created_by=world["analist"], hits_count=2)
    for _ in range(2):
        ControlHitFactory(run=run)

    login("analist")
    check("analist: Mijn werk")
    assert _count(page, "runs_toelichten") == 1
    _todo(page, "runs_toelichten").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Runs toelichten")
    check("analist: runs toelichten")
    page.get_by_role("link", name=f"Run {run.pk}").click()
    check("analist: run")
    page.get_by_label("Toelichting bij de gemarkeerde biascheck").fill(
        "De groep jonger dan 27 jaar is klein (n = 14); het verschil valt binnen het toeval. Geen proxy gevonden."
    )
    page.get_by_role("button", name="Toelichting vastleggen").click()
    page.wait_for_load_state()
    check("analist: run toegelicht")
    run.refresh_from_db()
    assert run.explanation.startswith("De groep jonger dan 27 jaar")
    page.goto(f"{url}/")
    assert _count(page, "runs_toelichten") == 0
    logout()

    login("fg")
    check("fg: Mijn werk")
    assert _count(page, "runs_fg") == 1
    _todo(page, "runs_fg").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Runs goedkeuren")
    check("fg: runs goedkeuren")
    page.get_by_role("link", name=f"Run {run.pk}").click()
    expect(page.locator("main")).to_contain_text("De groep jonger dan 27 jaar")  # the analist's explanation
    check("fg: run")
    page.get_by_label("Opmerking FG").fill(
        "Toelichting is voldoende; uitkomsten over drie maanden opnieuw bekijken."
    )
    page.get_by_role("button", name="Run goedkeuren").click()
    expect(page.get_by_text("De run is goedgekeurd.")).to_be_visible()
    check("fg: run goedgekeurd")
    run.refresh_from_db()
    assert run.fg_approved_by == world["fg"] and run.status == ControlRun.Status.DONE
    page.goto(f"{url}/")
    assert _count(page, "runs_fg") == 0
    logout()

    login("analist")
    assert _count(page, "runs_vrijgeven") == 1  # the next step is the analist's again
    check.assert_clean(at_least=8)


def _noord_resident(world, bsn: str, family_name: str):
    from datetime import date
    from decimal import Decimal

    from naleving.residents.tests.factories import BenefitFactory
    from naleving.testing.fixtures import _resident

    resident = _resident(bsn, family_name, world["consulent"])
    BenefitFactory(
        resident=resident,
        regulation="Pw",
        start_date=date(2025, 1, 1),
        monthly_amount=Decimal("1401.50"),
        norm_amount=Decimal("1401.50"),
        household_type="alleenstaande",
    )
    return resident


@pytest.mark.xdist_group("journey-handhaver")
def test_handhaver_triages_to_an_investigation_of_his_own_and_records_findings(
    phone, live_server, world, login
):
    from datetime import date

    from django.utils import timezone

    from naleving.investigations.models import Investigation
    from naleving.signals.tests.factories import SignalFactory

    page, url, check = phone, live_server.url, Checks(phone)
    today = timezone.localdate().isoformat()  # the investigation starts today; its actions cannot lie before
    de_vries = _noord_resident(world, "231456712", "De Vries")
    # Reported by a colleague without a BSN: the handhaver links it when he triages it.
    signal = SignalFactory(
        resident=None,
        origin="collega",
        kind="income",
        received_on=date(2026, 11, 20),
        description="Werkt volgens een collega sinds september bij een uitzendbureau",
        subject_name=de_vries.full_name,
        external_reference="",
        registered_by=None,
    )

    login("handhaver")
    check("handhaver: Mijn werk")
    triage_count = _count(page, "triage")
    assert triage_count >= 1
    _todo(page, "triage").get_by_role("link").click()
    check("handhaver: triagewachtrij")
    page.get_by_role("link", name=f"Signaal {signal.pk} beoordelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Signaal {signal.pk} beoordelen")
    check("handhaver: triage")
    page.get_by_label("BSN van de inwoner").fill(de_vries.bsn)
    page.get_by_role("button", name="Inwoner opzoeken").click()
    expect(page.get_by_role("status").filter(has_text="Gevonden")).to_contain_text(de_vries.full_name)
    check("handhaver: triage, inwoner gevonden")
    who = page.get_by_role("group", name="Wie voert het onderzoek uit?")
    page.get_by_label("Geen actie", exact=True).check()
    expect(who).to_be_hidden()  # only asked for the route onderzoek
    page.get_by_label("Onderzoek", exact=True).check()
    expect(who).to_be_visible()
    page.get_by_label("Mijzelf").check()
    page.get_by_label("Motivering").fill("Inkomsten naast de uitkering volgens het Inlichtingenbureau.")
    page.get_by_label("Toets proportionaliteit").fill(
        "Het gaat om mogelijk maandelijkse inkomsten; loonstroken opvragen is een beperkte inbreuk."
    )
    page.get_by_label("Toets subsidiariteit").fill(
        "Een brief met de vraag om uitleg is al eerder onbeantwoord gebleven."
    )
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    page.wait_for_load_state()
    investigation = Investigation.objects.get(resident=de_vries)
    assert investigation.assigned_to == world["handhaver"]
    # Not a dead end: he lands on the investigation itself, which is his now.
    assert page.url.startswith(f"{url}/onderzoeken/{investigation.pk}/"), page.url
    expect(page.locator('.nl-steps [aria-current="step"]')).to_have_text(
        "Onderzoekshandelingen (Awb afdeling 5.2)"
    )
    check("handhaver: onderzoek, stap 1")

    # A failed save: the action without its reason. The page comes back at that step, focus on the summary.
    action = page.locator("section[aria-labelledby=handelingen] form")
    action.get_by_label("Onderzoekshandeling").select_option("inlichtingen_vorderen")
    action.get_by_label("Uitgevoerd op").fill(today)
    action.get_by_role("button", name="Handeling vastleggen").click()
    page.wait_for_load_state()
    summary = page.locator("[data-nl-error-summary]")
    expect(summary).to_have_count(1)
    expect(summary).to_be_focused()
    first_link = summary.get_by_role("link").first
    target = first_link.get_attribute("href")
    assert target.startswith("#id_action-"), target
    expect(page.locator(target)).to_be_visible()
    check("handhaver: mislukte handeling")
    first_link.click()
    expect(page.locator(target)).to_be_focused()

    action = page.locator("section[aria-labelledby=handelingen] form")
    action.get_by_label("Reden").fill(
        "Loonstroken opvragen bij het uitzendbureau om de inkomsten vast te stellen."
    )
    action.get_by_label("Bevindingen").fill("Loonstroken september tot en met november 2026 ontvangen.")
    action.get_by_role("button", name="Handeling vastleggen").click()
    expect(page.get_by_text("De onderzoekshandeling is vastgelegd.")).to_be_visible()
    check("handhaver: handeling vastgelegd")

    page.locator("section[aria-labelledby=hoor-en-wederhoor] summary").click()
    hearing = page.locator("section[aria-labelledby=hoor-en-wederhoor] form")
    hearing.get_by_label("Datum").fill(today)
    hearing.get_by_label("Vorm").select_option("gesprek")
    hearing.get_by_label("Reactie van de inwoner").fill("De inwoner bevestigt het werk en meldt het alsnog.")
    hearing.get_by_role("button", name="Hoor en wederhoor vastleggen").click()
    expect(page.get_by_text("Het hoor en wederhoor is vastgelegd.")).to_be_visible()
    expect(page.locator('.nl-steps [aria-current="step"]')).to_have_text("Bevindingen")
    check("handhaver: gehoord")

    findings = page.locator("section[aria-labelledby=bevindingen] form")
    findings.get_by_label("Is de inlichtingenplicht geschonden?").select_option("ja")
    findings.get_by_label("Soort schending").select_option("income")
    findings.get_by_label("Periode vanaf").fill("2026-09-01")
    findings.get_by_label("Periode tot en met").fill("2026-11-30")
    findings.get_by_label("Benadelingsbedrag (€)").fill("1200")
    findings.get_by_label(re.compile(r"^Verwijtbaarheid")).select_option("normaal")
    findings.get_by_label("Motivering van de verwijtbaarheid").fill(
        "De inwoner is bij de intake op de inlichtingenplicht gewezen; geen opzet gebleken."
    )
    findings.get_by_role("button", name="Bevindingen vastleggen").click()
    expect(page.get_by_text("De bevindingen zijn vastgelegd.")).to_be_visible()
    expect(page.locator("section[aria-labelledby=bevindingen] dl")).to_contain_text("€ 1.200,00")
    expect(page.locator('.nl-steps [aria-current="step"]')).to_have_text("Afronden")
    check("handhaver: bevindingen vastgelegd")
    investigation.refresh_from_db()
    assert investigation.outcome == "schending" and investigation.benadelingsbedrag == 1200
    page.goto(f"{url}/")
    assert _count(page, "triage") == triage_count - 1
    assert _count(page, "bevindingen") == 0
    check("handhaver: Mijn werk na afloop")
    check.assert_clean(at_least=10)


@pytest.mark.xdist_group("journey-teamleider")
def test_teamleider_assigns_the_unassigned_in_one_go_and_cosigns(phone, live_server, world, make_user, login):
    from naleving.decisions.models import Besluit, BesluitStatus
    from naleving.decisions.tests.factories import BesluitFactory
    from naleving.investigations.models import Investigation
    from naleving.investigations.tests.factories import InvestigationFactory

    page, url, check = phone, live_server.url, Checks(phone)
    noord = world["teams"][0]
    bakker = make_user("handhaver", team=noord, username="bakker")
    residents = [
        _noord_resident(world, bsn, name)
        for bsn, name in (("231456700", "Visser"), ("242681311", "Smit"), ("331876504", "Mulder"))
    ]
    unassigned = [InvestigationFactory(resident=r, assigned_to=None) for r in residents]
    to_sign = BesluitFactory(
        to_sign=True, investigation__resident=world["jansen"], recorded_by=world["consulent"]
    )
    busy = Investigation.objects.filter(assigned_to=world["handhaver"], status="open").count()

    login("teamleider")
    check("teamleider: Mijn werk")
    assert _count(page, "toewijzen") == 3
    _todo(page, "toewijzen").get_by_role("link").click()
    check("teamleider: niet toegewezen")
    expect(page.get_by_label("Toegewezen aan")).to_have_value("nee")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    for investigation in unassigned:
        page.get_by_label(f"Onderzoek {investigation.pk} (").check()
    handhaver = page.get_by_label("Handhaver (open onderzoeken)")
    # each handhaver with his open workload, so the work is shared fairly
    options = handhaver.locator("option").all_inner_texts()
    assert f"{world['handhaver'].display_name} ({busy} open)" in options, options
    assert f"{bakker.display_name} (0 open)" in options, options
    handhaver.select_option(str(bakker.pk))
    page.get_by_role("button", name="Gekozen onderzoeken toewijzen").click()
    page.wait_for_load_state()
    expect(page.locator(".nl-messages")).to_contain_text("3")
    check("teamleider: toegewezen")
    assert set(
        Investigation.objects.filter(pk__in=[i.pk for i in unassigned]).values_list("assigned_to", flat=True)
    ) == {bakker.pk}
    expect(page.locator("table tbody tr").filter(has=page.locator("input[type=checkbox]"))).to_have_count(0)

    page.goto(f"{url}/")
    assert _count(page, "toewijzen") == 0
    assert _count(page, "medeondertekenen") == 1
    _todo(page, "medeondertekenen").get_by_role("link").click()
    check("teamleider: besluiten ter ondertekening")
    page.get_by_role("link", name=re.compile(rf"^{to_sign.pk}$")).click()
    expect(page.locator('[aria-current="step"]')).to_contain_text("Medeondertekenen")
    check("teamleider: besluit, stap medeondertekenen")
    page.get_by_role("button", name="Medeondertekenen").click()
    page.wait_for_load_state()
    check("teamleider: medeondertekend")
    to_sign.refresh_from_db()
    assert to_sign.cosigned_by == world["teamleider"] and to_sign.status == BesluitStatus.VASTGESTELD
    expect(page.locator("main")).to_contain_text(f"Medeondertekend door {world['teamleider'].display_name}")
    page.goto(f"{url}/")
    assert _count(page, "medeondertekenen") == 0
    assert Besluit.objects.filter(status=BesluitStatus.TER_ONDERTEKENING).count() == 0
    check.assert_clean(at_least=6)


@pytest.mark.xdist_group("journey-consulent")
def test_consulent_goes_from_a_change_report_through_the_file_to_a_decision_letter(
    phone, live_server, world, login
):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from naleving.decisions.models import Besluit
    from naleving.investigations.tests.factories import InvestigationFactory
    from naleving.prevention.tests.factories import ChangeReportFactory
    from naleving.signals.models import Signal

    from .test_decision_pages import fill_weighing

    page, url, check = phone, live_server.url, Checks(phone)
    today = timezone.localdate()
    bos = _noord_resident(world, "242681323", "Bos")
    report = ChangeReportFactory(
        resident=bos,
        change_date=today - timedelta(days=5),
        reported_on=today - timedelta(days=2),
        description="Ik werk sinds vorige week twaalf uur per week bij de supermarkt.",
        kind="werk_inkomen",
    )
    # An earlier investigation, closed with a small breach, that waits for her besluit.
    investigation = InvestigationFactory(
        resident=bos,
        assigned_to=world["handhaver"],
        closed_with_breach=True,
        opened_on=today - timedelta(days=40),
        closed_on=today - timedelta(days=3),
        benadelingsbedrag=Decimal("120.00"),
    )

    login("consulent")
    check("consulent: Mijn werk")
    assert _count(page, "wijzigingen") >= 1
    assert _count(page, "besluit_nodig") == 1
    _todo(page, "wijzigingen").get_by_role("link").click()
    check("consulent: werkvoorraad")
    page.get_by_role("link", name=report.reference).click()
    expect(page.locator("main")).to_contain_text("twaalf uur per week")
    check("consulent: doorgegeven wijziging")
    page.get_by_role("link", name=bos.full_name).click()

    # The resident file: status card with the benefit and the investigation that waits, actions filled in.
    expect(page.get_by_role("heading", level=1)).to_contain_text(bos.full_name)
    actions = page.get_by_test_id("resident-actions")
    check("consulent: dossier")
    actions.get_by_role("link", name="Signaal registreren").click()
    expect(page.get_by_label("BSN van de betrokkene")).to_have_value(bos.bsn)
    check("consulent: signaal registreren, ingevuld")
    page.get_by_label("Herkomst").select_option("zelfmelding")
    page.get_by_label("Soort").select_option("income")
    page.get_by_label("Ontvangen op").fill(report.reported_on.isoformat())
    page.get_by_label("Omschrijving").fill("Zelfmelding via Wijziging doorgeven: werk bij de supermarkt.")
    page.get_by_role("button", name="Signaal registreren").click()
    expect(page.get_by_text("Signaal geregistreerd.")).to_be_visible()
    check("consulent: signaal geregistreerd")
    signal = Signal.objects.get(resident=bos, origin="zelfmelding")
    assert signal.registered_by == world["consulent"] and signal.kind == "income"

    page.goto(f"{url}/inwoners/{bos.pk}/")
    page.get_by_test_id("resident-actions").get_by_role("link", name="Besluit voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluit voorbereiden")
    expect(page.locator('[aria-current="step"]')).to_contain_text("Weging")
    check("consulent: stap weging")
    fill_weighing(page)
    page.get_by_role("button", name="Volgende stap: voorstel").click()
    expect(page.locator('[aria-current="step"]')).to_contain_text("Voorstel")
    page.get_by_label("Besluitdatum (peildatum)").fill(today.isoformat())
    page.get_by_role("button", name="Voorstel berekenen").click()
    proposal = page.get_by_test_id("proposal")
    expect(proposal).to_contain_text("€ 120,00")  # the recovery
    expect(page.get_by_test_id("proposal-trace").locator("li").first).to_be_visible()
    check("consulent: stap voorstel")
    page.get_by_role("button", name="Volgende stap: volgen of afwijken").click()
    check("consulent: stap afwijken")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_load_state()
    besluit = Besluit.objects.get(investigation=investigation)
    assert not besluit.deviates
    check("consulent: besluit")
    if besluit.status == "ter_ondertekening":  # four eyes by the policy profile: the teamleider signs first
        expect(page.locator('[aria-current="step"]')).to_contain_text("Medeondertekenen")
        pytest.fail(
            f"a warning that follows the proposal asked for a second signature: {besluit.four_eyes_reasons}"
        )
    expect(page.locator('[aria-current="step"]')).to_contain_text("Brief")

    # The letter: the concept is a real PDF; then the day it goes out, once.
    preview = page.get_by_role("link", name="Voorbeeld (concept, PDF)").get_attribute("href")
    response = page.request.get(f"{url}{preview}")
    assert response.status == 200 and response.body().startswith(b"%PDF"), response.status
    page.get_by_label("Verzonden op").fill(today.isoformat())
    page.get_by_role("button", name="Brief verzenden").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(f"Verzonden op {today:%d-%m-%Y}")
    check("consulent: brief verzonden")
    letter = page.get_by_role("link", name=re.compile(rf"^Beschikking aan {bos.full_name}"))
    response = page.request.get(url + letter.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    besluit.refresh_from_db()
    assert besluit.sent_on == today

    page.goto(f"{url}/")
    assert _count(page, "besluit_nodig") == 0
    check("consulent: Mijn werk na afloop")
    check.assert_clean(at_least=11)
