"""Staff SSO and the residents' DigiD login, in Chromium, against a real OpenID Connect provider (ADR 0022).

The provider (tests/oidc_provider/server.py: django-oauth-toolkit) runs in its own process on a free port of
127.0.0.1 and signs real ID tokens; the application fetches its discovery document, JWKS, tokens and userinfo
over HTTP. Its users stand for the situations a municipality meets: a login with the provider's two-step,
one without, a missing role claim, a token for another audience, an expired token, and DigiD at too low a
level of assurance.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.csp import CSP
from playwright.sync_api import expect

from naleving.accounts.models import User
from naleving.accounts.services import user_role_keys
from naleving.audit.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

SERVER = Path(__file__).resolve().parents[1] / "oidc_provider" / "server.py"
PROVIDER_PASSWORD = "provider-password-1"
SMARTCARD = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"
MOBILE = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
STAFF = {"roles": ["handhaver"], "team": "Team Noord", "gemeenten": ["GM9999"], "given_name": "Anna"}
USERS = {
    "anna": {"claims": {**STAFF, "preferred_username": "anna.sso", "amr": ["pwd", "otp"]}},
    "bart": {"claims": {**STAFF, "preferred_username": "bart.sso", "amr": ["pwd"]}},
    "carla": {"claims": {"preferred_username": "carla.sso", "gemeenten": ["GM9999"], "amr": ["otp"]}},
    "dirk": {"claims": {**STAFF, "preferred_username": "dirk.sso"}, "scenario": "audience"},
    "eva": {"claims": {**STAFF, "preferred_username": "eva.sso"}, "scenario": "expired"},
    "jansen": {"claims": {"bsn": "111222333", "acr": SMARTCARD}},
    "jansen-midden": {"claims": {"bsn": "111222333", "acr": MOBILE}},
    "jansen-verlopen": {"claims": {"bsn": "111222333", "acr": SMARTCARD}, "scenario": "expired"},
    "jansen-ander-publiek": {"claims": {"bsn": "111222333", "acr": SMARTCARD}, "scenario": "audience"},
    "zonder-bsn": {"claims": {"acr": SMARTCARD}},
}


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    """The provider's issuer URL; it knows the live server's callback addresses as redirect URIs."""
    config = {
        "clients": [
            {
                "client_id": "naleving-medewerkers",
                "client_secret": "staff-secret",
                "redirect_uris": [f"{live_server.url}/account/sso/terug/"],
                "post_logout_redirect_uris": [f"{live_server.url}/account/inloggen/"],
            },
            {
                "client_id": "naleving-digid",
                "client_secret": "digid-secret",
                "redirect_uris": [f"{live_server.url}/wijziging-doorgeven/digid/terug/"],
            },
        ],
        "users": {name: {"password": PROVIDER_PASSWORD, **user} for name, user in USERS.items()},
    }
    path = tmp_path_factory.mktemp("oidc") / "provider.json"
    path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [sys.executable, str(SERVER), str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    line = process.stdout.readline() if process.stdout else ""
    if not line.startswith("READY "):
        process.kill()
        pytest.fail(f"The test OpenID Connect provider did not start: {process.communicate()[1]}")
    yield f"http://127.0.0.1:{int(line.split()[1])}/o"
    process.terminate()
    process.wait()


@pytest.fixture
def sso(settings, oidc_provider):
    settings.NALEVING_OIDC = {
        **settings.NALEVING_OIDC,
        "ISSUER": oidc_provider,
        "CLIENT_ID": "naleving-medewerkers",
        "CLIENT_SECRET": "staff-secret",
        "TWO_STEP_AMR": ["otp"],
    }
    settings.NALEVING_DIGID = {
        **settings.NALEVING_DIGID,
        "ISSUER": oidc_provider,
        "CLIENT_ID": "naleving-digid",
        "CLIENT_SECRET": "digid-secret",
    }
    settings.NALEVING_RESIDENT_LOGIN = "digid"
    settings.NALEVING_2FA_REQUIRED_ROLES = ["*"]  # as in production
    origin = oidc_provider.removesuffix("/o")
    settings.SECURE_CSP = {**settings.SECURE_CSP, "form-action": [CSP.SELF, origin]}
    return oidc_provider


def _at_provider(page, username: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Test-inlogdienst")
    page.get_by_label("Gebruiker bij de inlogdienst").fill(username)
    page.get_by_label("Wachtwoord bij de inlogdienst").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Aanmelden bij de inlogdienst").click()
    page.wait_for_load_state()


def _staff_sso(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_role("link", name="Inloggen via uw organisatie").click()
    _at_provider(page, username)


def test_staff_sso_with_the_providers_two_step_maps_claims_and_logs_out_at_the_provider(
    page, live_server, world, sso, screenshot
):
    _staff_sso(page, live_server, "anna")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/")  # no local code asked: the provider's "otp" counts
    screenshot("sso-staff-logged-in")
    user = User.objects.get(username="anna.sso")
    assert user_role_keys(user) == ["handhaver"]
    assert user.team is not None and user.team.name == "Team Noord"
    assert [g.code for g in user.gemeenten.all()] == ["GM9999"] and not user.all_gemeenten
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(code="user.logged_in", actor=user).exists()

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    # The provider's session ended too: logging in again asks for the provider's password.
    page.get_by_role("link", name="Inloggen via uw organisatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Test-inlogdienst")


def test_staff_sso_without_the_providers_two_step_needs_the_local_second_factor(
    page, live_server, world, sso
):
    _staff_sso(page, live_server, "bart")
    expect(page).to_have_url(f"{live_server.url}/account/tweestapsverificatie/?next=%2F")
    page.goto(f"{live_server.url}/signalen/")
    expect(page).to_have_url(f"{live_server.url}/account/tweestapsverificatie/?next=%2Fsignalen%2F")


@pytest.mark.parametrize(
    ("username", "reason"),
    [
        ("carla", "claim 'roles' ontbreekt"),
        ("dirk", "niet voor Naleving bestemd (claim 'aud')"),
        ("eva", "verlopen (claim 'exp')"),
    ],
)
def test_staff_sso_refusals_name_the_problem(page, live_server, world, sso, screenshot, username, reason):
    with page.expect_response(lambda r: "/account/sso/terug/" in r.url) as response:
        _staff_sso(page, live_server, username)
    assert response.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen via uw organisatie is niet gelukt")
    expect(page.get_by_test_id("refusal")).to_contain_text(reason)
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    assert not User.objects.filter(username=f"{username}.sso").exists()
    screenshot(f"sso-refused-{username}")


def _digid(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/wijziging-doorgeven/")
    expect(page.get_by_text("Dit is een testlogin.")).to_have_count(0)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    _at_provider(page, username)


def test_digid_login_takes_the_bsn_from_the_token_in_a_separate_short_session(
    page, live_server, world, sso, login, screenshot
):
    login("consulent")  # a staff session in the same browser stays apart
    _digid(page, live_server, "jansen")
    expect(page.get_by_text("U bent ingelogd als Test Jansen")).to_be_visible()
    screenshot("digid-logged-in")
    cookies = {c["name"]: c for c in page.context.cookies()}
    resident = cookies["naleving_inwoner"]
    assert resident["path"] == "/wijziging-doorgeven/" and resident["httpOnly"]
    assert resident["value"] != cookies["sessionid"]["value"]
    event = AuditEvent.objects.filter(code="resident.identified").latest("pk")
    assert event.resident_id == world["jansen"].pk and event.after == {"methode": "digid"}

    # Logging out of the change form leaves the staff session, and the other way round.
    page.get_by_role("button", name="Uitloggen").click()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    page.goto(f"{live_server.url}/wijziging-doorgeven/formulier/")
    expect(page.get_by_role("link", name="Inloggen met DigiD")).to_be_visible()


@pytest.mark.parametrize(
    ("username", "reason"),
    [
        ("jansen-midden", "niveau 'midden'. Voor dit formulier is DigiD op niveau 'substantieel'"),
        ("jansen-verlopen", "verlopen (claim 'exp')"),
        ("jansen-ander-publiek", "niet voor Naleving bestemd (claim 'aud')"),
        ("zonder-bsn", "claim 'bsn' ontbreekt"),
    ],
)
def test_digid_refusals_name_the_problem(page, live_server, world, sso, username, reason):
    with page.expect_response(lambda r: "/digid/terug/" in r.url) as response:
        _digid(page, live_server, username)
    assert response.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen met DigiD is niet gelukt")
    expect(page.get_by_test_id("refusal")).to_contain_text(reason)
    page.goto(f"{live_server.url}/wijziging-doorgeven/formulier/")
    expect(page.get_by_role("link", name="Inloggen met DigiD")).to_be_visible()
