"""Five wrong passwords lock the username: Dutch error texts first, then the locked-out page; axe scans the login
form with its error and the locked-out page (the plain login form: ``test_accessibility.py``)."""

import pytest
from playwright.sync_api import expect

from naleving.testing.fixtures import PASSWORD

from .test_accessibility import Scanner

pytestmark = pytest.mark.browser

WRONG = "Deze combinatie van gebruikersnaam en wachtwoord is onjuist."
LOCKED = "Account tijdelijk geblokkeerd"


def _attempt(page, live_server, password: str):
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("consulent")
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    return response.value


def test_lockout_in_browser(page, live_server, world, screenshot):
    scanner = Scanner(page, screenshot)
    for attempt in range(1, 5):
        response = _attempt(page, live_server, f"wrong-{attempt}")
        assert response.status == 200
        expect(page.get_by_role("alert")).to_contain_text(WRONG)
        expect(page.get_by_role("alert")).to_contain_text("Na 5 mislukte pogingen")
        if attempt == 1:
            scanner.scan("login-error")
    screenshot("login-wrong-password")

    response = _attempt(page, live_server, "wrong-5")
    assert response.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED)
    expect(page.get_by_role("alert")).to_contain_text("een uur lang niet inloggen")
    scanner.scan("locked-out")

    # Locked means locked: even the right password does not get in now.
    response = _attempt(page, live_server, PASSWORD)
    assert response.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED)
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    page.get_by_role("link", name="Terug naar inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    scanner.assert_clean()
