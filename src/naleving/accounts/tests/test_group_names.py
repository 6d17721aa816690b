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
