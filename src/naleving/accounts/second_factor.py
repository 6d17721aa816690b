"""The second factor: TOTP (authenticator app) with single-use recovery codes (django-otp's static plugin).

Whether a user must have one comes from ``NALEVING_2FA_REQUIRED_ROLES`` (role keys, ``"*"`` for every
staff user, empty for none: the demo and the tests). A user who has a confirmed device always gives a
code, whatever the setting. Changing or removing a factor needs the password and a current code.
"""

from functools import cache

from django.conf import settings
from django.db import transaction
from django_otp import device_classes, devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.accounts.models import User
from naleving.accounts.services import user_role_keys
from naleving.audit.services import audit_record

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Herstelcodes"


def required_roles() -> list[str]:
    return list(getattr(settings, "NALEVING_2FA_REQUIRED_ROLES", ["*"]))


def second_factor_required(user: User) -> bool:
    """Whether this user must set up a second factor before he gets any page."""
    roles = required_roles()
    if not roles:
        return False
    if "*" in roles or user.is_superuser:
        return True
    return bool(set(roles).intersection(user_role_keys(user)))


def has_second_factor(user: User) -> bool:
    """Whether the user has a confirmed device of any kind, in one query (the middleware asks it on every
    request of a signed-in user whose session is not verified; django-otp's ``user_has_device`` walks every
    installed model and queries each kind of device in turn)."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return False
    first, *rest = [
        model.objects.filter(user=user, confirmed=True).values("user_id") for model in _device_models()
    ]
    return first.union(*rest).exists() if rest else first.exists()


@cache
def _device_models() -> tuple[type[Device], ...]:
    """The installed kinds of device (TOTP and recovery codes), found once: apps do not change at run time."""
    return tuple(device_classes())


def second_factor_satisfied(user: User) -> bool:
    """Verified with a code this session, or neither having nor needing a second factor."""
    if user.is_verified():
        return True
    return not has_second_factor(user) and not second_factor_required(user)


def token_verify(user: User, token: str) -> Device | None:
    """The device that accepts this code: the authenticator first, then a recovery code (used up).

    Both kinds throttle repeated wrong codes (django-otp), so guessing is slowed down.
    """
    token = (token or "").strip().replace(" ", "")
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, TOTPDevice) and device.verify_token(token):
            return device
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, StaticDevice) and device.verify_token(token):
            audit_record(actor=user, code="user.recovery_code_used", obj=user)
            return device
    return None


def reauthenticate(user: User, password: str, token: str) -> bool:
    """Password and a current code (or recovery code) again, before a factor is changed or removed."""
    if user.check_password(password or "") and token_verify(user, token) is not None:
        return True
    audit_record(actor=user, code="user.reauthentication_failed", obj=user)
    return False


def _recovery_codes_create(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice) -> list[str]:
    """Confirm a new authenticator (replacing the old one) and issue new recovery codes, shown once."""
    replaced = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).exists()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = _recovery_codes_create(user)
    audit_record(
        actor=user,
        code="user.otp_enabled",
        obj=user,
        after={"replaced": replaced, "recovery_codes": len(codes)},
    )
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    codes = _recovery_codes_create(user)
    audit_record(actor=user, code="user.recovery_codes_renewed", obj=user, after={"count": len(codes)})
    return codes


@transaction.atomic
def second_factor_remove(*, user: User) -> None:
    """Remove the authenticator and the recovery codes (only for users who need no second factor)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=user, code="user.otp_removed", obj=user)
