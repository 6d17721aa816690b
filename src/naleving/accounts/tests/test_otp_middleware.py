"""accounts.middleware.OTPMiddleware: django-otp's middleware with the session's device read compiled once."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.accounts.middleware import OTPMiddleware
from naleving.common import compiled


def test_the_project_uses_this_middleware_in_django_otps_place():
    assert "naleving.accounts.middleware.OTPMiddleware" in settings.MIDDLEWARE
    assert "django_otp.middleware.OTPMiddleware" not in settings.MIDDLEWARE


@pytest.mark.django_db
def test_the_device_of_a_persistent_id_is_django_otps(world):
    compiled.forget()
    teamleider, other = world["teamleider"], world["consulent"]
    totp = TOTPDevice.objects.create(user=teamleider, name="telefoon", confirmed=True)
    static = StaticDevice.objects.create(user=teamleider, name="herstelcodes", confirmed=True)
    ours, theirs = OTPMiddleware(lambda r: None), DjangoOTPMiddleware(lambda r: None)
    ids = [totp.persistent_id, static.persistent_id, "otp_totp.totpdevice/999999",
           "otp_totp.totpdevice/x", "geen.model/1", "zonder-slash", "otp_totp.TOTPDevice/" + str(totp.pk)]  # fmt: skip
    for persistent_id in ids:
        assert ours._device_from_persistent_id(persistent_id) == theirs._device_from_persistent_id(
            persistent_id
        ), persistent_id
    assert ours._device_from_persistent_id(totp.persistent_id) == totp
    # a model that is no device: None (django-otp's own raises AttributeError there)
    assert ours._device_from_persistent_id("accounts.user/1") is None
    assert any(name == "otp.device.otp_totp.TOTPDevice" for name, *_ in compiled._OBJECTS)
    # a device of another user is dropped from the session, as django-otp drops it
    request = RequestFactory().get("/")
    request.session = {DEVICE_ID_SESSION_KEY: totp.persistent_id}
    ours._verify_user_sync(request, other)
    assert other.otp_device is None and DEVICE_ID_SESSION_KEY not in request.session
    request.session = {DEVICE_ID_SESSION_KEY: totp.persistent_id}
    ours._verify_user_sync(request, teamleider)
    assert teamleider.otp_device == totp and teamleider.is_verified()
