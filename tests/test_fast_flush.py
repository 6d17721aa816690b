"""The faster end of a transactional test (``naleving.testing.fast_flush``) leaves what Django's ``flush`` leaves:
no rows but the content types, the permissions and the role groups with their permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from naleving.accounts.roles import ROLES
from naleving.testing import fast_flush

pytestmark = pytest.mark.django_db(transaction=True)


def _rows() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only; SQLite keeps Django's flush")
def test_the_tables_are_as_empty_as_after_flush(world):
    from naleving.audit.services import audit_record

    audit_record(actor=world["consulent"], code="resident.viewed", obj=world["jansen"], purpose="test")
    types, permissions = ContentType.objects.count(), Permission.objects.count()
    assert fast_flush._empty("default")
    rows = _rows()
    kept = {"django_content_type", "auth_permission", "auth_group", "auth_group_permissions"}
    assert {table for table, n in rows.items() if n} <= kept
    assert rows["residents_resident"] == rows["audit_auditevent"] == rows["accounts_user"] == 0
    assert (ContentType.objects.count(), Permission.objects.count()) == (types, permissions)
    for role in ROLES:
        granted = Group.objects.get(name=role.name).permissions.values_list(
            "content_type__app_label", "codename"
        )
        assert {f"{app}.{code}" for app, code in granted} == set(role.permissions)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only; SQLite keeps Django's flush")
def test_a_test_that_changed_the_permissions_gets_djangos_flush():
    assert fast_flush._empty("default")  # the counts as the migrations left them
    Permission.objects.create(
        codename="probe", name="probe", content_type=ContentType.objects.get_for_model(Group)
    )
    assert not fast_flush._empty("default")
    Permission.objects.filter(codename="probe").delete()
    assert fast_flush._empty("default")
