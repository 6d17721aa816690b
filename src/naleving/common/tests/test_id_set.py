"""``common.sets.id_set``: any number of ids as one parameter, where Django's list is one parameter per id and
PostgreSQL refuses more than 65,535 of them (SQLite more than 32,766)."""

import pytest
from django.db import connection

from naleving.common.sets import id_set
from naleving.residents.models import Resident
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_more_ids_than_the_database_takes_parameters_select_the_same_rows():
    kept, other = ResidentFactory(), ResidentFactory()
    ids = [kept.pk, *range(other.pk + 1, other.pk + 70_001)]
    assert list(Resident.objects.filter(pk__in=id_set(ids)).values_list("pk", flat=True)) == [kept.pk]
    assert list(Resident.objects.exclude(pk__in=id_set(ids)).values_list("pk", flat=True)) == [other.pk]
    assert Resident.objects.filter(pk__in=id_set(set())).count() == 0
    assert Resident.objects.exclude(pk__in=id_set([])).count() == 2
    with connection.cursor() as cursor:
        sql, params = Resident.objects.filter(pk__in=id_set(ids)).query.sql_with_params()
        assert len(params) == 1
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS found", params)
        assert cursor.fetchone() == (1,)
