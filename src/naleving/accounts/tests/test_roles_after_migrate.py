"""`migrate` keeps the role groups equal to the role table (issue #25: upgrades need no separate step)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management.sql import emit_post_migrate_signal

from naleving.accounts.roles import ROLE_BY_KEY

pytestmark = pytest.mark.django_db


def test_a_permission_a_new_version_gives_a_role_arrives_with_migrate():
    group = Group.objects.get(name=ROLE_BY_KEY["beheerder"].name)
    group.permissions.clear()
    Group.objects.filter(name=ROLE_BY_KEY["archivaris"].name).delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert granted == set(ROLE_BY_KEY["beheerder"].permissions)
    assert {"ops.view_health", "gemeenten.manage_gemeente"} <= granted
    assert Group.objects.filter(name=ROLE_BY_KEY["archivaris"].name).exists()


def test_a_permission_added_by_hand_is_taken_away_and_every_group_equals_its_role():
    """``roles_sync`` writes only the groups that differ, but then exactly: a permission a role does not grant
    goes, and every role's group holds its permissions and nothing else."""
    from django.contrib.auth.models import Permission

    from naleving.accounts.roles import ROLES
    from naleving.accounts.services import roles_sync

    group = Group.objects.get(name=ROLE_BY_KEY["inkomensconsulent"].name)
    group.permissions.add(Permission.objects.get(codename="manage_gemeente"))
    roles_sync()
    for role in ROLES:
        granted = Group.objects.get(name=role.name).permissions.values_list(
            "content_type__app_label", "codename"
        )
        assert {f"{app}.{code}" for app, code in granted} == set(role.permissions), role.key
