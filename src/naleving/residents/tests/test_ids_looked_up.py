"""A handhaver's resident scope as the ids of his investigations looked up one by one (``ids_looked_up``,
issue #24): ``pk = ANY(ARRAY(...))`` on PostgreSQL, the plain ``IN`` elsewhere. It must give exactly the
residents of the ``IN`` form for every role, and the resident list counts and finds deep pages with it while
its first pages keep the ``IN`` form."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from naleving.common.sets import ids_looked_up
from naleving.residents.models import Resident
from naleving.residents.selectors import resident_scope, resident_search
from naleving.residents.tests.factories import ResidentFactory
from naleving.residents.tests.investigated import investigated_fixtures

pytestmark = pytest.mark.django_db


def _ids(actor, **options) -> set[int]:
    return set(Resident.objects.filter(resident_scope(actor, **options)).values_list("pk", flat=True))


#: Thirty residents more for the handhaver (his own investigations) and ten of someone else's, built once for the
#: module.
_investigated, investigated = investigated_fixtures(others=10, same_names=False)


def test_the_looked_up_scope_gives_the_same_residents_for_every_role(world, investigated):
    users = [value for value in world.values() if isinstance(value, get_user_model())]
    assert len(users) >= 9
    for actor in users:
        assert _ids(actor, looked_up=True) == _ids(actor), actor.username
    assert {r.pk for r in investigated} <= _ids(world["handhaver"], looked_up=True)


def test_it_is_an_array_on_postgresql_and_an_in_elsewhere(world):
    query = str(Resident.objects.filter(ids_looked_up("pk", Resident.objects.values("pk"))).query)
    if connection.vendor == "postgresql":
        assert '"residents_resident"."id" = ANY(ARRAY(SELECT' in query
    else:
        assert "IN (SELECT" in query
    # on a related model's field, through its foreign key
    from naleving.signals.models import Signal

    signals = Signal.objects.filter(ids_looked_up("resident__pk", Resident.objects.values("pk")))
    assert set(signals.values_list("pk", flat=True)) == set(
        Signal.objects.filter(resident__isnull=False).values_list("pk", flat=True)
    )


def test_the_handhavers_list_counts_with_it_and_reads_every_page_as_before(
    world, investigated, client, monkeypatch
):
    """Page 2 read by its ids first (as page 11 and on are), with the looked-up scope; page 1 as it was."""
    from naleving.common import paging

    monkeypatch.setattr(paging, "DEFERRED_FROM", 25)
    handhaver = world["handhaver"]
    client.force_login(handhaver)
    expected = list(
        resident_search(actor=handhaver)
        .order_by("family_name", "first_names", "pk")
        .values_list("pk", flat=True)
    )
    assert len(expected) > 25
    shown = []
    for page in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("residents:list"), {"page": page})
        if connection.vendor == "postgresql":
            rows = [q["sql"] for q in queries if '"residents_resident"."bsn"' in q["sql"]]
            ids = [
                q["sql"] for q in queries if q["sql"].startswith('SELECT "residents_resident"."id" AS "pk"')
            ]
            # page 1 read as it was; page 2's ids found with the looked-up scope (its rows then by those ids)
            assert rows and ("ANY(ARRAY(" in rows[0]) is False
            # (the investigations' own order left out of the array: it would only sort them)
            looked_up = ["= ANY(ARRAY(SELECT" in sql and 'ORDER BY "U0"' not in sql for sql in ids]
            assert looked_up == ([] if page == 1 else [True])
        assert response.status_code == 200
        assert response.context["paginator"].count == len(expected)
        shown += [resident.pk for resident in response.context["page_obj"].object_list]
    assert shown == expected


def test_the_handhavers_deep_page_read_again_begins_where_it_began(world, investigated, client, monkeypatch):
    """Every resident of his before a deep page is looked up by id, so his list keeps where a deep page read by
    its number began (``common.paging``), as the signal list does; a consulent's walks one index instead."""
    from django.core.cache import cache

    from naleving.common import paging

    monkeypatch.setattr(paging, "DEFERRED_FROM", 25)
    monkeypatch.setattr("django.conf.settings.NALEVING_LIST_COUNT_SECONDS", 60)
    ResidentFactory.create_batch(30, consulent=world["consulent"], gemeente=world["jansen"].gemeente)
    cache.clear()
    for name, kept in (("handhaver", True), ("consulent", False)):
        actor = world[name]
        client.force_login(actor)
        ordered = resident_search(actor=actor).order_by("family_name", "first_names", "pk")
        expected = list(ordered.values_list("pk", flat=True)[25:50])
        for attempt in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("residents:list"), {"page": 2})
            assert [r.pk for r in response.context["page_obj"].object_list] == expected
            walked = any("OFFSET" in q["sql"] for q in queries)
            assert walked is (attempt == 0 or not kept), (name, attempt)
            # his page read on from its start finds its ids from the name index within the one query
            within = any(
                re.search(r'"residents_resident"\."id" IN \(SELECT "[UV]0"\."id"', q["sql"]) for q in queries
            )
            assert within is (kept and attempt == 1), (name, attempt)
    cache.clear()


def test_the_investigated_ids_compiled_once_are_each_handhavers_own_on_each_day(
    world, investigated, monkeypatch
):
    """``_investigated_ids`` is SQL compiled once per process (``common.compiled.raw_sql``): for another
    handhaver, and on another day (access ends ``NALEVING_HANDHAVER_ACCESS_DAYS`` after a case is final), it
    gives what the ORM's query gives then, in every form of the scope that embeds it."""
    from datetime import date, timedelta

    from django.conf import settings
    from django.utils import timezone

    from naleving.common import compiled
    from naleving.investigations.models import Investigation
    from naleving.residents import selectors

    compiled.forget()
    handhaver, other = world["handhaver"], world["consulent"]
    finished = investigated[0].investigations.get()
    Investigation.objects.filter(pk=finished.pk).update(access_final_on=date(2026, 3, 1))

    def orm(actor):
        return set(selectors._investigations_with_access(actor).values_list("resident_id", flat=True))

    def compiled_ids(actor):
        return set(
            Resident.objects.filter(pk__in=selectors._investigated_ids(actor)).values_list("pk", flat=True)
        )

    for today in (date(2026, 3, 2), date(2026, 3, 1) + timedelta(days=400)):
        monkeypatch.setattr(timezone, "localdate", lambda today=today: today)
        for actor in (handhaver, other):
            assert compiled_ids(actor) == orm(actor), (actor.username, today)
            assert _ids(actor, looked_up=True) == _ids(actor) == _ids(actor, per_row=True), (
                actor.username,
                today,
            )
        still = today <= date(2026, 3, 1) + timedelta(days=settings.NALEVING_HANDHAVER_ACCESS_DAYS)
        assert (investigated[0].pk in compiled_ids(handhaver)) is still, today
    assert [name for name, _alias in compiled._RAW] == ["residents.investigated_ids"]
