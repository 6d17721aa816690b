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
from naleving.testing.fixtures import PASSWORD, session_key

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
    """``login(username, password=PASSWORD, form=False)``: sign in; returns the page on the home page.

    The login form is the subject of its own tests (``accounts/tests/test_login.py``, ``test_lockout.py``, the
    login pages of the accessibility and reflow walks, ``test_oidc_logins.py``). For the journeys that only
    need a signed-in user, the browser gets the session the form gives (``session_for``) and opens the home
    page the form sends the user to. That spares the browser the form and its POST: about 0.2 s of CPU per
    sign-in (docs/benchmarks.md). A wrong password, or ``form=True``, goes through the form.
    """

    def _login(username: str, password: str = PASSWORD, form: bool = False):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=username).first()
        if form or user is None or not user.check_password(password):
            page.goto(f"{live_server.url}/account/inloggen/")
            page.get_by_label("Gebruikersnaam").fill(username)
            page.get_by_label("Wachtwoord").fill(password)
            page.get_by_role("button", name="Inloggen").click()
            page.wait_for_load_state()
            return page
        sign_in(page, live_server.url, session_for(user))
        return page

    return _login


def session_for(user) -> str:
    """A new signed-in session of ``user`` as a successful login form makes it: Django's ``login`` (a new
    session, ``last_login``, the login signal), as the test client's ``force_login`` does it, and the form's
    audit event; returns its key. Written by the caller's database connection, so the live server sees it once
    those writes are committed (a transactional test, or a module's committed data)."""
    from naleving.audit.services import audit_record

    key = session_key(user)
    audit_record(actor=user, code="user.logged_in", after={"second_factor": False})
    return key


def sign_in(page, base_url: str, session_key: str) -> None:
    """The browser takes the session ``session_key`` and opens the home page, where the login form leads."""
    from django.conf import settings

    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": base_url}])
    page.goto(f"{base_url}/")
    page.wait_for_load_state()


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
