"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium is the system package (``make browser``: ``chromium-headless-shell``); Playwright never downloads a
browser here. The live server serves static files through ``StaticFilesHandler`` because
``django.contrib.staticfiles`` is installed, so pages are styled with the real Utrecht CSS and axe checks colour
contrast on it.
"""

import os
from pathlib import Path

import pytest

from naleving.testing.browser import CHROMIUM, CHROMIUM_ARGS
from naleving.testing.fixtures import PASSWORD

# Playwright's sync API runs an asyncio event loop in this thread; without this Django's ORM (used by
# the fixtures in the same thread) raises SynchronousOnlyOperation.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(autouse=True)
def _reports_are_not_too_fast(monkeypatch):
    """The public report form refuses what comes back within 3 seconds of showing it (``MIN_SECONDS``). The
    browser tests fill it in a few milliseconds and would have to sleep; they lift the limit instead, the
    refusal itself is tested in ``signals/tests/test_public_report.py``. The live server runs in this
    process, so the patch reaches it."""
    from naleving.signals import intake_forms

    monkeypatch.setattr(intake_forms, "MIN_SECONDS", 0)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium-headless-shell)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) per test, Dutch locale, desktop viewport."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def login(page, live_server):
    """Sign in through the real login form; returns the page on the home page."""

    def _login(username: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/account/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        return page

    return _login


@pytest.fixture
def logout(page):
    def _logout():
        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_load_state()

    return _logout


#: A full-page screenshot costs a render of the whole page (a long case page at 1280 px: hundreds of
#: milliseconds, more under load), and the suite asked for a few hundred of them that nobody looked at. They are
#: taken when asked for (``NALEVING_TEST_SCREENSHOTS=1``, e.g. to look at a page after a change), and always of
#: the page on which a browser test failed (``pytest_runtest_makereport`` below). ``make screenshots`` makes the
#: documented ones.
SCREENSHOTS = os.environ.get("NALEVING_TEST_SCREENSHOTS", "") == "1"


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot to test-artifacts/ for humans to look at (when asked for, see above)."""

    def _shot(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        if SCREENSHOTS:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """The page as it was when a browser test failed, as test-artifacts/failed-<test>.png."""
    report = yield
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and page is not None:
        try:
            ARTIFACTS.mkdir(exist_ok=True)
            name = "".join(c if c.isalnum() or c in "-_" else "-" for c in item.name)[:120]
            page.screenshot(path=str(ARTIFACTS / f"failed-{name}.png"), full_page=True)
        except Exception as error:  # the page may be gone; the failure itself matters more
            report.sections.append(("screenshot", f"no screenshot of the failed page: {error}"))
    return report
