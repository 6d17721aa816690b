"""Login with password, lock-out after five failures (django-axes) and the TOTP second factor."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.audit.models import AuditEvent
from naleving.testing.fixtures import PASSWORD


def _login(client, username, password, token=""):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, "otp_token": token}
    )


@pytest.mark.django_db
def test_login_with_correct_password(client, world):
    response = _login(client, "consulent", PASSWORD)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(code="user.logged_in", actor=world["consulent"]).exists()


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account(client, world):
    for attempt in range(4):
        response = _login(client, "consulent", "wrong-password")
        assert response.status_code == 200, attempt
        assert "combinatie van gebruikersnaam en wachtwoord is onjuist" in response.content.decode()
    response = _login(client, "consulent", "wrong-password")
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    # Even the right password is refused now, and nobody is logged in.
    response = _login(client, "consulent", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(code="user.login_failed").count() >= 4


@pytest.mark.django_db
def test_totp_user_needs_a_valid_code(client, world):
    device = TOTPDevice.objects.create(user=world["teamleider"], name="phone", confirmed=True)
    response = _login(client, "teamleider", PASSWORD)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = _login(
        client, "teamleider", PASSWORD, token="000000" if totp(device.bin_key) != 0 else "111111"
    )
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down retries after a wrong code; let that pause pass
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = _login(client, "teamleider", PASSWORD, token=code)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert client.session["_auth_user_id"] == str(world["teamleider"].pk)


@pytest.mark.django_db
def test_totp_setup_confirms_device(client, world):
    client.force_login(world["consulent"])
    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=world["consulent"], confirmed=False)
    response = client.post(reverse("accounts:otp_setup"), {"token": "12345"})
    assert "utrecht-form-field--invalid" in response.content.decode()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("accounts:otp_setup"), {"token": code})
    # The recovery codes are shown once, on the answer to the confirmation.
    assert response.status_code == 200 and 'data-testid="recovery-codes"' in response.content.decode()
    assert TOTPDevice.objects.get(user=world["consulent"]).confirmed


@pytest.mark.django_db
def test_session_cookie_is_http_only(settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"
