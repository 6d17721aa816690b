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
