"""Outcome fairness end to end in Chromium (issue #23): the analyst sees a flagged outcome disparity on the run
and filter pages and records the review, the FG sees the flag on the home page and in the list and writes
what follows from it, and the public algorithm page shows the outcome table with small numbers suppressed;
axe-core scans every page."""

import re

import pytest

from naleving.controls.models import OutcomeReview
from naleving.controls.tests.test_outcomes import disparity_run
from naleving.signals.choices import Origin, ViolationKind
from naleving.signals.models import Signal

from .test_accessibility import Scanner

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-outcome-fairness")]


def test_flagged_outcomes_reach_the_fg_and_the_public_page(
    page, live_server, world, login, logout, screenshot
):
    run = disparity_run()
    name = run.filter.name
    base = live_server.url
    scanner = Scanner(page, screenshot)

    login("analist")
    page.goto(f"{base}/analyses/runs/{run.pk}/")
    outcomes = page.get_by_test_id("outcomes")
    outcomes.get_by_role("heading", name="Wijk: Gemarkeerd: ongelijke uitkomsten").wait_for()
    zuid = outcomes.get_by_test_id("outcomes-district").get_by_role("row", name=re.compile("^Zuid"))
    assert "83,3%" in zuid.inner_text()  # 10 of 12 investigated for nothing
    scanner.scan("outcomes-run-analist")
    page.get_by_role("button", name="Uitkomstcontrole vastleggen").click()
    page.get_by_text("De uitkomstcontrole is vastgelegd en gemarkeerd").wait_for()
    page.goto(f"{base}/analyses/{name}/")
    page.get_by_test_id("outcomes-flagged").wait_for()
    scanner.scan("outcomes-filter-analist")
    logout()

    login("fg")
    page.goto(f"{base}/")
    card = page.get_by_role("link", name=re.compile("Uitkomstcontroles"))
    assert "1" in card.inner_text()
    card.click()
    page.get_by_test_id("outcome-review-waiting").wait_for()
    scanner.scan("outcome-reviews-fg")
    page.get_by_label("Toelichting FG: wat gebeurt er met deze uitkomst?").fill(
        "Besproken met de eigenaar; het filter wordt herzien voor de volgende run."
    )
    page.get_by_role("button", name="Gezien: toelichting vastleggen").click()
    page.get_by_text("U hebt de gemarkeerde uitkomstcontrole gezien").wait_for()
    assert OutcomeReview.objects.get().fg_seen_by == world["fg"]
    page.goto(f"{base}/analyses/runs/{run.pk}/")
    assert "gezien door" in page.get_by_test_id("outcome-review").inner_text()
    scanner.scan("outcomes-run-fg")
    logout()

    page.goto(f"{base}/algoritmes/{name}/")
    public = page.get_by_test_id("outcomes")
    public.get_by_role("heading", name="Wijk: Gemarkeerd: ongelijke uitkomsten").wait_for()
    assert "Zuid" in public.get_by_test_id("outcomes-district").inner_text()
    assert public.get_by_role("button").count() == 0  # nothing to record or acknowledge for residents
    scanner.scan("outcomes-public")
    scanner.assert_clean()


@pytest.mark.xdist_group("browser-outcome-fairness-demo")
def test_the_demo_brp_address_filter_is_flagged_end_to_end(page, live_server, login, logout, screenshot, settings,
                                                            tmp_path):  # fmt: skip
    """The demo itself (2,000 residents, its default size: the groups need five outcomes each to be compared):
    its outcome reviews are recorded through the service for each filter with released runs, and the
    BRP-address filter's is flagged, because its hits on single residents were mostly investigated for nothing
    (``OUTCOME_SKEW``); the analist sees it on the filter page, the FG on the home page and in the list (and
    records what follows), residents on the public page."""
    from datetime import date

    from naleving.demo.load import demo_municipality_load
    from naleving.demo.users import DEMO_PASSWORD

    settings.NALEVING_DELIVERY_DIR = tmp_path
    reference = date(2026, 11, 1)
    demo_municipality_load(residents=2000, seed=2026, reference_date=reference)
    review = _demo_reviews_checked(reference)
    # A municipality of this size has signals of every origin and every kind (the demo module's own loads of
    # 150 residents need not).
    assert set(Signal.objects.values_list("origin", flat=True)) == set(Origin.values)
    assert set(Signal.objects.values_list("kind", flat=True)) == set(ViolationKind.values)
    base = live_server.url
    scanner = Scanner(page, screenshot)

    login("analist", DEMO_PASSWORD)
    page.goto(f"{base}/analyses/brp_adres/")
    page.get_by_test_id("outcomes-flagged").wait_for()
    household = page.get_by_test_id("outcomes").get_by_test_id("outcomes-household_type")
    assert "Alleenstaande" in household.inner_text()
    scanner.scan("demo-outcomes-filter-analist")
    logout()

    login("fg", DEMO_PASSWORD)
    page.get_by_role("link", name=re.compile("Uitkomstcontroles")).click()
    card = page.locator("section", has=page.get_by_role("heading", name=re.compile(review.filter.title)))
    card.get_by_label("Toelichting FG: wat gebeurt er met deze uitkomst?").fill(
        "Alleenstaanden worden vaker voor niets onderzocht: de eigenaar herziet het BRP-filter."
    )
    scanner.scan("demo-outcome-reviews-fg")
    card.get_by_role("button", name="Gezien: toelichting vastleggen").click()
    page.get_by_text("U hebt de gemarkeerde uitkomstcontrole gezien").wait_for()
    review.refresh_from_db()
    assert review.fg_seen_at is not None
    logout()

    page.goto(f"{base}/algoritmes/brp_adres/")
    page.get_by_test_id("outcomes").get_by_test_id("outcomes-household_type").wait_for()
    scanner.scan("demo-outcomes-public")
    scanner.assert_clean()


def _demo_reviews_checked(reference):
    """The demo's outcome reviews as loaded (before anyone acts on them); returns the BRP-address filter's."""
    from naleving.controls.outcomes import outcome_report_for

    reviews = {r.filter.name: r for r in OutcomeReview.objects.select_related("filter")}
    assert reviews and all(r.run_id is None and r.created_at.date() < reference for r in reviews.values())
    brp = reviews["brp_adres"]
    assert brp.flagged and brp.fg_seen_at is None  # waits for the FG in the demo
    household = brp.report["attributes"]["household_type"]
    assert household["verdict"] == "flag"
    single = household["groups"]["alleenstaande"]
    best = household["groups"][household["best_group"]]
    assert single["fdr"] > 0.5 > best["fdr"] and single["p_value"] < 0.05
    # the stored report is what the pages compute now
    assert outcome_report_for(filter_=brp.filter)["attributes"]["household_type"] == household
    # Other filters have no planted skew. With four attributes per filter at p < 0.05 a flag by chance can
    # occur (since the hits keep their sex, the demo's kostendelers review is flagged on sex); each flag is
    # on an attribute whose groups have enough outcomes to be compared, and waits for the FG like brp_adres.
    for review in reviews.values():
        for section in review.report["attributes"].values():
            if section.get("verdict") == "flag":
                assert review.flagged and review.fg_seen_at is None
                assert sum(1 for g in section["groups"].values() if g["n_outcome"] >= 5) >= 2
    return brp
