"""accounts.backends: Django's ModelBackend with the session's user read by SQL compiled once."""

import pytest
from django.conf import settings
from django.contrib.auth import backends as django_backends
from django.contrib.auth import get_user_model

from naleving.accounts.backends import PATH, ModelBackend
from naleving.common import compiled


def test_it_stands_where_djangos_backend_stood():
    assert PATH in settings.AUTHENTICATION_BACKENDS
    assert "django.contrib.auth.backends.ModelBackend" not in settings.AUTHENTICATION_BACKENDS


@pytest.mark.django_db
def test_get_user_gives_what_djangos_gives(world):
    compiled.forget()
    consulent, gone = world["consulent"], world["analist"]
    get_user_model().objects.filter(pk=gone.pk).update(is_active=False)
    ours, django = ModelBackend(), django_backends.ModelBackend()
    for user_id in (consulent.pk, str(consulent.pk), gone.pk, -1, 10**12):
        assert ours.get_user(user_id) == django.get_user(user_id), user_id
    found = ours.get_user(consulent.pk)
    assert (found.username, found.team_id, found.is_active) == (consulent.username, consulent.team_id, True)
    assert ours.get_user(gone.pk) is None and ours.get_user("x") is None and ours.get_user(None) is None
    assert any(name == "accounts.user" for name, *_ in compiled._OBJECTS)


@pytest.mark.django_db
def test_a_form_login_keeps_this_backend_in_the_session(client, world):
    from naleving.testing.fixtures import PASSWORD

    response = client.post(
        "/account/inloggen/", {"username": world["consulent"].username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == PATH
    assert client.get("/").status_code == 200
