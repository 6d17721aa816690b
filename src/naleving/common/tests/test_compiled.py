"""common.compiled: a query compiled once per process and database, run with each id in the placeholder's place."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from naleving.common import compiled


@pytest.fixture(autouse=True)
def _fresh():
    compiled.forget()
    yield
    compiled.forget()


def _names(id_: int):
    return Group.objects.filter(pk__in=[id_, id_]).order_by("name").values_list("name", "pk")


@pytest.mark.django_db
def test_each_id_gets_its_own_rows_from_the_one_compiled_query(monkeypatch):
    first, second = Group.objects.create(name="Eerste"), Group.objects.create(name="Tweede")
    built = []

    def build(id_):
        built.append(id_)
        return _names(id_)

    assert compiled.rows_for("test.names", Group, build, first.pk) == (["name", "pk"], [("Eerste", first.pk)])
    with CaptureQueriesContext(connection) as queries:
        assert compiled.rows_for("test.names", Group, build, second.pk)[1] == [("Tweede", second.pk)]
    assert built == [compiled.PLACEHOLDER]  # built and compiled once, never with a real id
    assert len(queries) == 1 and str(second.pk) in queries.captured_queries[0]["sql"]
    assert compiled.rows_for("test.names", Group, build, -1)[1] == []


@pytest.mark.django_db
def test_a_query_without_the_id_among_its_parameters_is_refused():
    with pytest.raises(ValueError, match=r"test\.fixed: the id is not a parameter"):
        compiled.rows_for("test.fixed", Group, lambda id_: Group.objects.filter(name="x"), 1)


def test_column_names_are_read_as_db_api_describes_them():
    """SQLite's ``cursor.description`` holds plain tuples (the embedded default, ``make demo``); a column's name
    is its first item there as in psycopg."""
    import sqlite3

    lite = sqlite3.connect(":memory:").cursor()
    lite.execute("SELECT 1 AS name, 2 AS pk")
    assert compiled.column_names(lite.description) == ["name", "pk"]


@pytest.mark.django_db
def test_column_names_of_the_suites_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 AS name, 2 AS pk")
        assert compiled.column_names(cursor.description) == ["name", "pk"]


@pytest.mark.django_db
def test_objects_for_gives_instances_with_their_values_converted(world):
    """Model rows from the once-compiled SQL, dates and amounts as the ORM gives them (on SQLite too)."""
    from naleving.residents.models import Benefit

    built = []

    def build(id_):
        built.append(id_)
        return Benefit.objects.filter(resident_id=id_).order_by()

    jansen = world["jansen"]
    [benefit] = compiled.objects_for("test.benefits", Benefit, build, jansen.pk)
    expected = Benefit.objects.get(resident=jansen)
    assert isinstance(benefit, Benefit) and benefit.pk == expected.pk
    assert (benefit.start_date, benefit.monthly_amount) == (expected.start_date, expected.monthly_amount)
    assert type(benefit.start_date) is type(expected.start_date) and type(benefit.monthly_amount) is Decimal
    assert compiled.objects_for("test.benefits", Benefit, build, world["pietersen"].pk) == []
    assert built == [compiled.PLACEHOLDER]


@pytest.mark.django_db
def test_objects_for_refuses_a_query_with_more_than_the_models_own_columns(world):
    from naleving.residents.models import Benefit

    with pytest.raises(ValueError, match=r"test\.joined: select residents\.Benefit's own columns only"):
        compiled.objects_for(
            "test.joined",
            Benefit,
            lambda id_: Benefit.objects.filter(resident_id=id_).select_related("resident"),
            1,
        )
    with pytest.raises(ValueError, match=r"test\.fewer: select"):
        compiled.objects_for(
            "test.fewer", Benefit, lambda id_: Benefit.objects.filter(resident_id=id_).only("start_date"), 1
        )


@pytest.mark.django_db
def test_as_prefetched_rows_are_the_relation_without_a_query(world):
    from naleving.residents.models import Benefit

    jansen = world["jansen"]
    rows = compiled.objects_for(
        "test.benefits", Benefit, lambda id_: Benefit.objects.filter(resident_id=id_).order_by(), jansen.pk
    )
    compiled.as_prefetched(jansen, "benefits", rows)
    with CaptureQueriesContext(connection) as queries:
        assert list(jansen.benefits.all()) == rows and rows
        assert all(benefit.resident is jansen for benefit in jansen.benefits.all())
    assert len(queries) == 0


@pytest.mark.django_db
def test_raw_sql_compiles_once_and_puts_each_value_in_its_place():
    """``raw_sql``: a subquery's SQL compiled once with a placeholder per id and date; each call gets its own values
    in their places, in a query that embeds it (``IN``)."""
    from datetime import date

    from naleving.residents.models import Resident
    from naleving.residents.tests.factories import ResidentFactory

    old = ResidentFactory(birth_date=date(1960, 1, 1))
    new = ResidentFactory(birth_date=date(2000, 1, 1))
    built = []

    def build(resident_id, born):
        built.append((resident_id, born))
        return Resident.objects.filter(pk__gte=resident_id, birth_date__gte=born).values("pk").order_by()

    def found(resident_id, born):
        rows = Resident.objects.filter(
            pk__in=compiled.raw_sql("test.born", Resident, build, resident_id, born)
        )
        return set(rows.values_list("pk", flat=True))

    assert found(old.pk, date(1950, 1, 1)) == {old.pk, new.pk}
    assert found(old.pk, date(1990, 1, 1)) == {new.pk}
    assert found(new.pk, date(1950, 1, 1)) == {new.pk}
    assert found(new.pk + 1, date(1950, 1, 1)) == set()
    assert len(built) == 1 and built[0][0] < 0 and built[0][1].year == 1900  # placeholders, never real values


@pytest.mark.django_db
def test_raw_sql_refuses_a_value_it_would_keep_and_a_value_without_a_placeholder():
    from datetime import UTC, datetime

    from naleving.accounts.models import User

    with pytest.raises(ValueError, match=r"test\.frozen: the parameters must be the values"):
        compiled.raw_sql(
            "test.frozen", User, lambda i: User.objects.filter(pk=i, username="x").values("pk"), 1
        )
    with pytest.raises(ValueError, match=r"test\.unused: the parameters must be the values"):
        compiled.raw_sql("test.unused", User, lambda i: User.objects.values("pk"), 1)
    for value in ("x", datetime(2026, 1, 1, tzinfo=UTC), True):
        with pytest.raises(ValueError, match="only ids and dates"):
            compiled.raw_sql("test.kind", User, lambda v: User.objects.values("pk"), value)
