"""``has_second_factor``: a confirmed device of either kind counts, an unconfirmed one does not; one query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.accounts.second_factor import has_second_factor
from naleving.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _answer(user) -> bool:
    with CaptureQueriesContext(connection) as queries:
        answer = has_second_factor(user)
    assert len(queries) == 1
    return answer


@pytest.mark.parametrize(
    ("totp", "static", "expected"),
    [
        (None, None, False),
        (False, None, False),
        (None, False, False),
        (False, False, False),
        (True, None, True),
        (None, True, True),
        (False, True, True),
        (True, True, True),
    ],
)
def test_a_confirmed_device_of_either_kind_counts(totp, static, expected):
    user = UserFactory(consulent=True)
    UserFactory(consulent=True)  # another user's device never counts
    other = UserFactory(consulent=True)
    TOTPDevice.objects.create(user=other, name="app", confirmed=True)
    if totp is not None:
        TOTPDevice.objects.create(user=user, name="app", confirmed=totp)
    if static is not None:
        StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=static)
    assert _answer(user) is expected


def test_nobody_signed_in_has_none():
    assert has_second_factor(AnonymousUser()) is False
