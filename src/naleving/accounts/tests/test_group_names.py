"""``group_names``: read once per user object; a change through the object, or a new object, reads again."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from naleving.accounts.models import User
from naleving.accounts.roles import ROLE_BY_KEY
from naleving.accounts.services import user_role_keys, user_roles
from naleving.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _group(key: str) -> Group:
    return Group.objects.get(name=ROLE_BY_KEY[key].name)


def test_the_roles_are_read_once_per_user_object():
    user = UserFactory(consulent=True)
    with CaptureQueriesContext(connection) as queries:
        assert user_role_keys(user) == ["inkomensconsulent"]
        assert user_roles(user) == [ROLE_BY_KEY["inkomensconsulent"].name]
        assert user_role_keys(user) == ["inkomensconsulent"]
    assert len(queries) == 1


@pytest.mark.parametrize("change", ["add", "remove", "set", "clear"])
def test_a_change_of_groups_through_the_object_is_seen_at_once(change):
    user = UserFactory(consulent=True)
    assert user_role_keys(user) == ["inkomensconsulent"]
    if change == "add":
        user.groups.add(_group("handhaver"))
        expected = ["inkomensconsulent", "handhaver"]
    elif change == "remove":
        user.groups.remove(_group("inkomensconsulent"))
        expected = []
    elif change == "set":
        user.groups.set([_group("teamleider")])
        expected = ["teamleider"]
    else:
        user.groups.clear()
        expected = []
    assert sorted(user_role_keys(user)) == sorted(expected)


def test_another_object_of_the_same_user_reads_the_database():
    user = UserFactory(consulent=True)
    assert user_role_keys(user) == ["inkomensconsulent"]
    _group("handhaver").user_set.add(user)  # from the group's side: this object keeps what it read
    assert user_role_keys(user) == ["inkomensconsulent"]
    assert sorted(user_role_keys(User.objects.get(pk=user.pk))) == ["handhaver", "inkomensconsulent"]


def _django_permissions(user: User) -> tuple[set, set, set]:
    """What Django's own ModelBackend reads for a fresh copy of the user (two queries of its own)."""
    from django.contrib.auth.backends import ModelBackend

    fresh, backend = User.objects.get(pk=user.pk), ModelBackend()
    return (
        backend.get_user_permissions(fresh),
        backend.get_group_permissions(fresh),
        backend.get_all_permissions(fresh),
    )


def test_roles_and_permissions_are_read_in_one_query_and_match_django():
    from django.contrib.auth.models import Permission

    from naleving.accounts.services import authorisation_load

    user = UserFactory(consulent=True)
    user.groups.add(Group.objects.create(name="Zonder rechten"))  # a group without permissions still counts
    user.user_permissions.add(Permission.objects.get(codename="view_health"))
    expected_user, expected_group, expected_all = _django_permissions(user)
    fresh = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        authorisation_load(fresh)
        assert user_role_keys(fresh) == ["inkomensconsulent"]
        assert fresh.has_perm("ops.view_health") and fresh.has_perm("signals.view_signal")
        assert not fresh.has_perm("accounts.manage_users")
        assert fresh.get_all_permissions() == expected_all
    assert len(queries) == 1
    assert (fresh._user_perm_cache, fresh._group_perm_cache) == (expected_user, expected_group)
    assert "ops.view_health" in expected_user and "signals.view_signal" in expected_group
    assert "Zonder rechten" in fresh._naleving_group_names


def test_a_change_of_groups_after_the_load_is_seen_in_the_permissions():
    from naleving.accounts.services import authorisation_load

    user = User.objects.get(pk=UserFactory(consulent=True).pk)
    authorisation_load(user)
    assert not user.has_perm("investigations.conduct_investigation")
    user.groups.add(_group("handhaver"))
    assert user.has_perm("investigations.conduct_investigation")
    assert "handhaver" in user_role_keys(user)


def test_a_signed_in_page_reads_roles_and_permissions_once(client):
    user = UserFactory(consulent=True)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('"auth_permission"' in s or '"accounts_user_groups"' in s for s in sql) == 1, sql


def test_the_compiled_roles_query_is_run_with_each_users_own_id():
    """The query is compiled once with a placeholder id (``common.compiled``); each user still gets his own
    roles, permissions and devices, as Django reads them."""
    from django.contrib.auth.models import Permission
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from naleving.accounts import services
    from naleving.common import compiled

    consulent, handhaver = UserFactory(consulent=True), UserFactory(handhaver=True)
    handhaver.user_permissions.add(Permission.objects.get(codename="view_health"))
    TOTPDevice.objects.create(user=handhaver, name="telefoon", confirmed=True)
    compiled.forget()
    for user, role, device in ((consulent, "inkomensconsulent", False), (handhaver, "handhaver", True)) * 2:
        fresh = User.objects.get(pk=user.pk)
        services.authorisation_load(fresh)
        assert user_role_keys(fresh) == [role]
        assert (fresh._user_perm_cache, fresh._group_perm_cache, fresh._perm_cache) == _django_permissions(
            user
        )
        assert getattr(fresh, services.HAS_DEVICE_CACHE) is device
    assert compiled.PLACEHOLDER in compiled._COMPILED[("accounts.authorisation", "default")][1]


def test_the_roles_query_compiles_for_sqlite_the_embedded_default():
    """The suite runs on PostgreSQL; `make demo` on SQLite, which allows no ORDER BY inside a UNION (every
    signed-in page failed there while a part of the query kept its model's default order)."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from naleving.accounts.services import _authorisation_query

    sqlite = DatabaseWrapper(
        {**connection.settings_dict, "ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    )
    sql, _params = _authorisation_query(1).query.get_compiler(connection=sqlite).as_sql()
    assert sql.count("UNION ALL") >= 2 and "ORDER BY" not in sql
