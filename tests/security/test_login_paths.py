"""Issue #14 (High): /beheer/login/ asked only the password of a user with a confirmed TOTP device, that
session worked everywhere and could replace the device; a second factor was optional for every role.

Every entry point (product login, /beheer/login/, an API session) with and without a device; the mandatory
second factor under the production setting; recovery codes once; re-authentication before a factor change.
"""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.audit.models import AuditEvent
from naleving.testing.fixtures import PASSWORD

PAGES = ("/", "/inwoners/", "/beheer/gebruikers/", "/beheer/wettelijke-bedragen/", "/api/v1/residents/")


def _code(device: TOTPDevice, drift: int = 0) -> str:
    """The device's current code; ``drift=1`` is the next one (a code is accepted once per time step)."""
    device.refresh_from_db()
    device.throttle_reset()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def _wrong(device: TOTPDevice) -> str:
    return f"{(int(_code(device)) + 1) % 1_000_000:06d}"


def _device(user, with_recovery: bool = False) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    if with_recovery:
        static = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
        StaticToken.objects.create(device=static, token="herstel01")
    return device


def _login(client, username, token="", url=None):
    url = url or reverse("accounts:login")
    return client.post(url, {"username": username, "password": PASSWORD, "otp_token": token}, follow=False)


def _no_page_for(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code in (302, 401, 403), path
        if response.status_code == 302:
            assert response["Location"].startswith(("/account/", reverse("accounts:login"))), path


@pytest.mark.django_db
def test_admin_login_is_the_product_login(client, world):
    response = client.get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    # Posting a password straight at the admin login signs nobody in.
    _device(world["beheerder"])
    client.post("/beheer/login/", {"username": "beheerder", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_alone_is_not_enough_on_any_login_path(client, world):
    _device(world["teamleider"])
    for url in ("/account/inloggen/", "/beheer/login/?next=/beheer/"):
        client.logout()
        response = client.get(url, follow=True)
        login_url = response.redirect_chain[-1][0] if response.redirect_chain else url
        _login(client, "teamleider", url=login_url)
        assert "_auth_user_id" not in client.session, url
        _no_page_for(client)
        # Posting straight at the URL, whatever its form, signs nobody in either.
        _login(client, "teamleider", url=url)
        assert "_auth_user_id" not in client.session, url


@pytest.mark.django_db
def test_password_and_code_verify_the_session(client, world):
    device = _device(world["teamleider"])
    response = _login(client, "teamleider", token=_code(device))
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/residents/").status_code == 200
    event = AuditEvent.objects.get(code="user.logged_in", actor=world["teamleider"])
    assert event.after == {"second_factor": True}


@pytest.mark.django_db
def test_a_password_only_session_of_a_device_owner_gets_no_page_and_no_api(client, world):
    """A session signed in without the code (as /beheer/login/ used to make) must give the code first."""
    device = _device(world["teamleider"])
    client.force_login(world["teamleider"])  # authenticated, not verified
    _no_page_for(client)
    api = client.get("/api/v1/residents/")
    assert api.status_code == 403 and "code" in api.json()["detail"]
    # ... and cannot replace the device without the old code.
    response = client.get(reverse("accounts:otp_setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_verify"))
    assert TOTPDevice.objects.filter(user=world["teamleider"]).count() == 1
    # The code page makes the session verified.
    response = client.post(reverse("accounts:otp_verify") + "?next=/inwoners/", {"token": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/inwoners/"
    assert client.get("/inwoners/").status_code == 200


@pytest.mark.django_db
def test_the_public_pages_and_the_logo_open_before_the_second_factor(client, world):
    """The footer's links and the header's logo carry no case data: a session still waiting for its code may
    open them (the logo would otherwise be a broken image on the code page), and nothing else."""
    _device(world["teamleider"])
    client.force_login(world["teamleider"])  # authenticated, not verified
    for name in ("web:accessibility", "web:privacy", "web:contact"):
        assert client.get(reverse(name)).status_code == 200, name
    logo = client.get(reverse("web:gemeente_logo", args=["0000"]))
    assert logo.status_code == 404  # no such gemeente: not a redirect to the code page
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_verify"))


@pytest.mark.django_db
@pytest.mark.parametrize("required", [["*"], ["teamleider"]])
def test_mandatory_second_factor_sends_to_enrolment(client, world, settings, required):
    settings.NALEVING_2FA_REQUIRED_ROLES = required
    _login(client, "teamleider")
    response = client.get("/inwoners/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_setup"))
    assert client.get("/api/v1/residents/").status_code == 403
    assert client.get(reverse("accounts:otp_setup")).status_code == 200
    # Only the listed roles: with ["teamleider"] a consulent without a device logs in with his password.
    other = client.__class__()
    _login(other, "consulent")
    expected = 302 if required == ["*"] else 200
    assert other.get("/inwoners/").status_code == expected
    assert other.get("/api/v1/residents/").status_code == (403 if required == ["*"] else 200)


@pytest.mark.django_db
def test_enrolment_verifies_the_session_and_shows_recovery_codes_once(client, world, settings):
    settings.NALEVING_2FA_REQUIRED_ROLES = ["*"]
    _login(client, "consulent")
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=world["consulent"], confirmed=False)
    response = client.post(reverse("accounts:otp_setup"), {"token": _code(device)})
    body = response.content.decode()
    assert 'data-testid="recovery-codes"' in body
    codes = list(StaticToken.objects.filter(device__user=world["consulent"]).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in body for code in codes)
    assert client.get("/inwoners/").status_code == 200


def test_production_settings_require_a_second_factor_for_every_role():
    """The production module itself, loaded in a clean interpreter with only its required variables."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "NALEVING_SECRET_KEY": "x" * 50,
        "NALEVING_AUDIT_KEY": "a" * 40,
        "NALEVING_ALLOWED_HOSTS": "naleving.example.org",
        "DJANGO_SETTINGS_MODULE": "naleving.settings.production",
    }
    env.pop("NALEVING_2FA_REQUIRED_ROLES", None)
    script = "from django.conf import settings; print(settings.NALEVING_2FA_REQUIRED_ROLES)"
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['*']"
    off = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "NALEVING_2FA_REQUIRED_ROLES": "none"},
        capture_output=True,
    )
    assert off.returncode != 0


def test_dev_and_test_settings_switch_it_off_explicitly():
    from django.conf import settings

    assert settings.NALEVING_2FA_REQUIRED_ROLES == []


@pytest.mark.django_db
def test_demo_login_page_says_second_factor_is_off(client, settings):
    settings.NALEVING_2FA_REQUIRED_ROLES = []
    assert 'data-testid="demo-2fa-off"' in client.get(reverse("accounts:login")).content.decode()
    settings.NALEVING_2FA_REQUIRED_ROLES = ["*"]
    assert 'data-testid="demo-2fa-off"' not in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
def test_recovery_code_works_once(client, world):
    _device(world["fg"], with_recovery=True)
    assert _login(client, "fg", token="herstel01").status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(code="user.recovery_code_used", actor=world["fg"]).exists()
    client.logout()
    _login(client, "fg", token="herstel01")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_replacing_the_factor_needs_password_and_current_code(client, world):
    old = _device(world["handhaver"])
    _login(client, "handhaver", token=_code(old))
    client.get(reverse("accounts:otp_setup"))
    new = TOTPDevice.objects.get(user=world["handhaver"], confirmed=False)
    # The new code alone is refused; so is a wrong password.
    client.post(reverse("accounts:otp_setup"), {"token": _code(new)})
    client.post(
        reverse("accounts:otp_setup"),
        {"password": "fout-wachtwoord", "current_token": _code(old), "token": _code(new)},
    )
    assert TOTPDevice.objects.get(pk=old.pk).confirmed and not TOTPDevice.objects.get(pk=new.pk).confirmed
    response = client.post(
        reverse("accounts:otp_setup"),
        {"password": PASSWORD, "current_token": _code(old, drift=1), "token": _code(new)},
    )
    assert response.status_code == 200
    assert list(TOTPDevice.objects.filter(user=world["handhaver"]).values_list("pk", flat=True)) == [new.pk]
    assert AuditEvent.objects.filter(code="user.otp_enabled", actor=world["handhaver"]).exists()


@pytest.mark.django_db
def test_removing_the_factor_needs_reauthentication_and_is_refused_when_required(client, world, settings):
    device = _device(world["beleid"])
    _login(client, "beleid", token=_code(device))
    url = reverse("accounts:otp_remove")
    client.post(url, {"remove-password": PASSWORD, "remove-current_token": _wrong(device)})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    settings.NALEVING_2FA_REQUIRED_ROLES = ["*"]
    client.post(url, {"remove-password": PASSWORD, "remove-current_token": _code(device)})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    settings.NALEVING_2FA_REQUIRED_ROLES = []
    client.post(url, {"remove-password": PASSWORD, "remove-current_token": _code(device, drift=1)})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEvent.objects.filter(code="user.otp_removed", actor=world["beleid"]).exists()
