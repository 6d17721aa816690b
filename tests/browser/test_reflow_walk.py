"""Reflow (WCAG 1.4.10) and axe on every page of the product, staff and public, at 360 and 320 px wide.

The pages are those of the permission matrix (``tests/test_permission_matrix.py``): each page is opened by one
role that may see it (the role that uses it most), plus every role's home page, the public pages for residents
and the error pages. On each page: the document may not be wider than the window at 360 and at 320 px (the
elements that stick out are named), every ``<table>`` sits in a focusable, named scroll region (or is turned
into cards), and axe finds no serious or critical violation. Downloads (PDF, spreadsheets, CSV, JSON) are
left out: those in ``DOWNLOADS`` are not opened at all (the permission matrix opens each of them per role and
reads its text; rendering a PDF again here only cost time), any other is recognised by its content type and
named as a failure until it is added there.

The world is built once per module and committed, so the live server sees it: a module-scoped live server
and ``django_db_blocker`` instead of pytest-django's ``live_server`` (whose ``transactional_db`` would empty
the database after each test). The database is flushed after the module, as a transactional test does.
"""

from collections import Counter

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from naleving.testing.fixtures import _user_maker, _world_build
from tests.browser.conftest import session_for, sign_in
from tests.browser.test_accessibility import Scanner, report
from tests.test_permission_matrix import MATRIX, ROLES

# The marker makes pytest-django create the test database; the tests themselves only drive the browser.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = (360, 320)
HEIGHT = 740
#: The role that uses a page most, by URL name prefix; otherwise the first role in ROLES that may open it.
USED_MOST_BY = {
    "signals:triage": "handhaver",
    "signals:import": "handhaver",
    "signals:detail_anonymous": "handhaver",
    "investigations:": "handhaver",
    "residents:requests": "teamleider",
    "residents:privacy_objections": "fg",
    "audit:": "fg",
    "reports:": "beleid",
    "controls:": "analist",
    "ruleset:": "beheerder",
    "retention:": "beheerder",
    "beheer:": "beheerder",
    "gemeenten:": "beheerder",
}
#: Pages left out, with the reason.
NOT_WALKED = {
    "api:residents": "the REST API: JSON for programs (DRF's browsable pages are not ours)",
    "api:resident_detail": "the REST API",
    "api:signals": "the REST API",
}
#: Pages that answer with a file, not a page (checked by their content type when walked).
DOWNLOADS = {
    "investigations:document_download",
    "decisions:letter",
    "decisions:letter_preview",
    "decisions:brief",
    "claims:step_pdf",
    "prevention:blank_sheet",
    "prevention:intake_sheet",
    "prevention:change_report_attachment",
    "prevention:reminder_letter",
    "reports:report_pdf",
    "reports:report_xlsx",
    "reports:report_csv",
    "controls:register_export",
}
PART_SIZE = 18


def _pages() -> dict[str, tuple]:
    """The matrix's pages."""
    return dict(MATRIX)


def _role_for(name: str, expected: dict, default: int) -> str | None:
    allowed = [role for role in ROLES if expected.get(role, default) == 200]
    for prefix, role in USED_MOST_BY.items():
        if name.startswith(prefix) and role in allowed:
            return role
    return allowed[0] if allowed else None


def _plan() -> list[tuple[str, list[tuple[str, list[tuple[str, int]]]]]]:
    """Parts of the walk, each in one xdist worker: (part name, [(role, [(page name, expected status)])]).
    A role signs in once per part; a role with many pages is split over parts, a few small ones share one."""
    per_role: dict[str, list[tuple[str, int]]] = {role: [("home", 200)] for role in ROLES}
    for name, (_, expected, default) in _pages().items():
        role = _role_for(name, expected, default)
        if name == "home" or name in NOT_WALKED or role is None:
            continue
        per_role[role].append((name, 200))
    # the error pages as the app renders them to a signed-in user
    per_role["consulent"].append(("audit:search", 403))
    per_role["consulent_zuid"].append(("residents:detail", 404))
    parts, small = [], []
    for role, pages in per_role.items():
        if len(pages) < PART_SIZE // 3:
            small.append((role, pages))
            continue
        count = -(-len(pages) // PART_SIZE)
        size = -(-len(pages) // count)
        for n in range(count):
            name = f"{role}-{n + 1}" if count > 1 else role
            parts.append((name, [(role, pages[n * size : (n + 1) * size])]))
    parts.append(("small-roles", small))
    return parts


PARTS = _plan()


@pytest.fixture(scope="module")
def walk_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world and every page's URL, committed once for the module; a live server of the module's own."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    from naleving.accounts.services import roles_sync

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            roles_sync()
            world = _world_build(_user_maker())
            urls, broken = {}, {}
            for name, (url_for, _, _) in _pages().items():
                try:
                    with transaction.atomic():
                        urls[name] = url_for(world)
                except Exception as error:  # reported as the page's failure
                    broken[name] = f"{type(error).__name__}: {error}"
            sessions = _sessions()
            yield server.url, world, urls, broken, sessions
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=False)


OVERFLOW_JS = """() => {
  const vw = window.innerWidth, width = document.documentElement.scrollWidth;
  if (width <= vw) return {width, vw, offenders: []};
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    return false;
  };
  const out = new Set([...document.body.querySelectorAll('*')].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > vw + 0.5 && !clipped(el);
  }));
  // text that runs out of its box (a long word) does not widen the box: look at the text itself
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    if (!node.textContent.trim() || !node.parentElement || clipped(node)) continue;
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().right > vw + 0.5) out.add(node.parentElement);
  }
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ` (right ${Math.round(Math.max(el.getBoundingClientRect().right, el.getBoundingClientRect().left + el.scrollWidth))}px: "${(el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}")`;
  const roots = [...out].filter((el) => !out.has(el.parentElement))
    .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return {width, vw, offenders: roots.slice(0, 6).map(describe)};
}"""

TABLES_JS = """() => [...document.querySelectorAll('table')].filter((table) => {
  if (table.classList.contains('nl-table--cards')) return false;
  const region = table.closest('[role=region]');
  if (!region || region.getAttribute('tabindex') !== '0') return true;
  const named = (region.getAttribute('aria-label') || '').trim()
    || (region.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
      .map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
  return !named;
}).map((table) => 'table' + (table.id ? '#' + table.id : '') + ': '
  + ((table.querySelector('caption') || table.querySelector('th') || table).textContent || '').trim().slice(0, 40))"""


class Walk:
    """Open pages in one tab, check reflow at each width, the tables, and axe; collect what fails."""

    def __init__(self, tab, base_url: str):
        self.tab, self.base_url = tab, base_url
        self.scanner = Scanner(tab, lambda name: None)
        self.walked: list[str] = []
        self.downloads: list[str] = []
        self.failures: list[str] = []

    def visit(self, name: str, who: str, url: str, status: int = 200) -> None:
        self.tab.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        try:
            response = self.tab.goto(self.base_url + url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                self.downloads.append(name)
                return
            self.failures.append(f"[{name}] {who}: {url} did not open: {error}")
            return
        kind = response.headers.get("content-type", "") if response else ""
        if "text/html" not in kind:
            self.downloads.append(name)
            return
        if response.status != status:
            self.failures.append(f"[{name}] {who}: {url} answered {response.status}, expected {status}")
            return
        self.check(name, who)

    def check(self, name: str, who: str) -> None:
        self.tab.wait_for_load_state()
        for width in WIDTHS:
            self.tab.set_viewport_size({"width": width, "height": HEIGHT})
            found = self.tab.evaluate(OVERFLOW_JS)
            if found["offenders"] or found["width"] > found["vw"]:
                self.failures.append(
                    f"[{name}] {who} at {width} px: page is {found['width']} px wide\n"
                    + "".join(f"      {offender}\n" for offender in found["offenders"])
                )
        for table in self.tab.evaluate(TABLES_JS):
            self.failures.append(f"[{name}] {who}: {table} is not in a focusable, named scroll region")
        try:
            self.scanner.scan(f"{name} ({who})")
        except AssertionError as error:
            self.failures.append(f"[{name}] {who}: not styled: {error}")
        self.walked.append(name)


def _sessions() -> dict[str, list[str]]:
    """For each sign-in of the staff walk, a new session of its user, made (and committed) with the module's
    world: the browser takes one instead of filling in the login form (``conftest.login``), whose own pages
    the public walk covers."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    return {
        role: [session_for(users.get(username=role)) for _ in range(count)]
        for role, count in Counter(role for _, units in PARTS for role, _ in units).items()
    }


def _login(tab, base_url: str, username: str, sessions: dict[str, list[str]]) -> None:
    sign_in(tab, base_url, sessions[username].pop())
    assert "/inloggen/" not in tab.url, f"{username} could not sign in"


def _finish(walks: list[Walk], expected_pages: int) -> None:
    walked = [name for walk in walks for name in walk.walked]
    failures = [failure for walk in walks for failure in walk.failures]
    failures += [report(walk.scanner.failures) for walk in walks if walk.scanner.failures]
    assert len(walked) >= 0.9 * expected_pages, (
        f"walked only {len(walked)} of {expected_pages} pages: {walked}"
    )
    print(f"walked {len(walked)} pages: {walked}")
    if failures:
        pytest.fail(f"{len(failures)} problems:\n" + "\n".join(failures), pytrace=False)


def _context(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": WIDTHS[0], "height": HEIGHT})
    context.set_default_timeout(15_000)
    return context


@pytest.mark.parametrize(
    "units",
    [pytest.param(units, id=part, marks=pytest.mark.xdist_group(f"reflow-{part}")) for part, units in PARTS],
)
def test_staff_pages_reflow(browser, walk_site, units):
    base_url, _, urls, broken, sessions = walk_site
    walks, expected = [], 0
    for role, pages in units:
        context = _context(browser)
        try:
            walk = Walk(context.new_page(), base_url)
            _login(walk.tab, base_url, role, sessions)
            for name, status in pages:
                if name in broken:
                    walk.failures.append(f"[{name}] its URL could not be built: {broken[name]}")
                    continue
                if name in DOWNLOADS:
                    continue
                walk.visit(name, role, urls[name], status)
            walks.append(walk)
            expected += len([name for name, _ in pages if name not in DOWNLOADS])
        finally:
            context.close()
    for name in sorted({name for walk in walks for name in walk.downloads} - DOWNLOADS):
        walks[-1].failures.append(f"[{name}] did not answer with HTML (a download?): add it to DOWNLOADS")
    _finish(walks, expected)


@pytest.mark.xdist_group("reflow-public")
def test_public_pages_reflow(browser, walk_site):
    """Without a staff account: the login, the report and change forms (also with their error messages), the
    algorithm register and a 404."""
    base_url, world, _, _, _ = walk_site
    context = _context(browser)
    try:
        walk = Walk(context.new_page(), base_url)
        tab = walk.tab
        for name, url, status in [
            ("algorithms:index", reverse("algorithms:index"), 200),
            ("algorithms:detail", reverse("algorithms:detail", args=["voertuigen"]), 200),
            ("404", "/bestaat-niet/", 404),
            ("accounts:login", reverse("accounts:login"), 200),
        ]:
            walk.visit(name, "anonymous", url, status)
        tab.get_by_label("Gebruikersnaam").fill("consulent")
        tab.get_by_label("Wachtwoord").fill("wrong-password")
        tab.get_by_role("button", name="Inloggen").click()
        expect(tab.get_by_role("alert")).to_contain_text("onjuist")
        walk.check("accounts:login with an error", "anonymous")
        walk.visit("melden:report", "anonymous", reverse("melden:report"))
        tab.get_by_role("button", name="Melding versturen").click()
        expect(tab.locator(".utrecht-form-field-error-message").first).to_be_visible()
        walk.check("melden:report with errors", "anonymous")
        walk.visit("wijziging:start", "anonymous", reverse("wijziging:start"))
        # the test login (instead of DigiD) leads to the change form itself
        jansen = world["jansen"]
        tab.locator("[name=bsn]").fill(jansen.bsn)
        tab.locator("[name=birth_date]").fill(jansen.birth_date.isoformat())
        tab.get_by_role("button", name="Inloggen").click()
        tab.wait_for_url(f"**{reverse('wijziging:form')}")
        walk.check("wijziging:form", "inwoner")
        tab.get_by_role("button", name="Wijziging versturen").click()
        expect(tab.locator(".utrecht-form-field-error-message").first).to_be_visible()
        walk.check("wijziging:form with errors", "inwoner")
        _finish([walk], 10)
    finally:
        context.close()


def test_every_page_with_a_reader_is_in_the_walk():
    """A page added to the matrix is walked without touching this module (unless it is left out by name)."""
    planned = {name for _, units in PARTS for _, pages in units for name, _ in pages}
    readable = {name for name, (_, exp, default) in _pages().items() if _role_for(name, exp, default)}
    assert readable - planned - set(NOT_WALKED) == set()
    assert len(planned) >= 0.9 * len(readable)
