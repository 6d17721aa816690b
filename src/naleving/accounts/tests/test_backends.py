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


class _Refuses:
    """A backend that forbids everything (``PermissionDenied``), as a backend may."""

    def has_perm(self, user, perm, obj=None):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied

    def has_module_perms(self, user, app_label):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied


@pytest.mark.django_db
def test_permission_tests_answer_what_djangos_answer(world, settings):
    """``User.has_perm`` and ``has_module_perms`` ask the backends made once, with Django's answers: every
    permission and app of every role, an inactive user, a superuser, and a backend that forbids."""
    from django.contrib.auth import models as auth_models
    from django.contrib.auth.models import Permission

    from naleving.accounts.backends import configured

    codes = [
        f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")
    ]
    apps = sorted({code.split(".")[0] for code in codes})
    inactive = world["analist"]
    inactive.is_active = False
    users = [world[role] for role in ("consulent", "handhaver", "teamleider", "fg", "beheerder")] + [inactive]
    superuser = get_user_model()(username="root", is_superuser=True, is_active=True)
    for user in [*users, superuser]:
        for code in codes:
            assert user.has_perm(code) == auth_models._user_has_perm(user, code, None) or user.is_superuser, (
                code
            )
        for app in apps:
            assert user.has_module_perms(app) == (
                user.is_superuser or auth_models._user_has_module_perms(user, app)
            ), app
    assert any(world["teamleider"].has_perm(code) for code in codes)
    assert configured() is configured()
    settings.AUTHENTICATION_BACKENDS = [f"{__name__}._Refuses", *settings.AUTHENTICATION_BACKENDS]
    fresh = get_user_model().objects.get(pk=world["teamleider"].pk)
    assert not any(fresh.has_perm(code) for code in codes)
    assert not fresh.has_module_perms("signals")
    assert isinstance(configured()[0], _Refuses)
