"""``has_second_factor``: a confirmed device of either kind counts, an unconfirmed one does not; one query. The
roles' query (``authorisation_load``) gives the middleware the same answer, so a page asks no device table."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.accounts.models import User
from naleving.accounts.second_factor import has_second_factor
from naleving.accounts.services import HAS_DEVICE_CACHE, authorisation_load
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
    fresh = User.objects.get(pk=user.pk)
    authorisation_load(fresh)
    assert getattr(fresh, HAS_DEVICE_CACHE) is expected


def test_nobody_signed_in_has_none():
    assert has_second_factor(AnonymousUser()) is False


@pytest.mark.parametrize("with_device", [False, True])
def test_a_signed_in_page_asks_the_device_tables_only_in_the_roles_query(client, with_device):
    user = UserFactory(consulent=True)
    if with_device:
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    # without a code this session, a user with a device is sent to give it; one without gets the page
    assert response.status_code == (302 if with_device else 200)
    if with_device:
        assert "/account/" in response["Location"]
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('"otp_totp_totpdevice"' in s for s in sql) == 1, sql
    assert sum('"auth_permission"' in s for s in sql) == 1, sql


def test_the_view_gets_the_user_himself_not_the_lazy_wrappers(client):
    user = UserFactory(consulent=True)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert type(response.wsgi_request.user) is User
    assert response.wsgi_request.user.pk == user.pk
    assert response.wsgi_request.user.is_verified() is False  # django-otp's answer is kept on him
    client.logout()
    assert not client.get("/").wsgi_request.user.is_authenticated
