"""The signal list's first pages test the resident's scope on each row (``signals_visible_to(per_row=True)``,
issue #24); they must show exactly the rows, order and ``resident_in_scope`` of the scope as a set."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from naleving.common import paging
from naleving.signals.filters import SignalFilter
from naleving.signals.selectors import signals_visible_to
from naleving.signals.tests.factories import SignalFactory

QUERIES = (
    "",
    "sorteer=herkomst",
    "sorteer=-nummer",
    "origin=collega",
    "route=geen",
    "kind=income&sorteer=soort",
)


@pytest.fixture
def signals(world):
    """Signals of both teams, unlinked ones, and some registered by a consulent about the other team."""
    start = date(2026, 1, 1)
    made = []
    for n in range(12):
        resident = world["jansen"] if n % 2 else world["pietersen"]
        made.append(
            SignalFactory(
                resident=resident,
                gemeente=resident.gemeente,
                origin=("collega", "inlichtingenbureau", "ketenpartner")[n % 3],
                received_on=start + timedelta(days=n // 2),
            )
        )
    made += [
        SignalFactory(resident=world["pietersen"], gemeente=world["pietersen"].gemeente, registered_by=world["consulent"])
        for _ in range(2)
    ]  # fmt: skip
    made.append(SignalFactory(anonymous=True, received_on=start))
    return made


def _rows(queryset) -> list[tuple]:
    return [(s.pk, s.resident_in_scope, s.resident_id, s.registered_by_id) for s in queryset]


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES)
def test_the_per_row_scope_gives_the_same_rows_for_every_role(world, signals, query):
    # a superuser sees every resident of every municipality: his resident scope is no condition at all
    superuser = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    users = [(name, value) for name, value in world.items() if isinstance(value, get_user_model())]
    assert len(users) >= 9  # every role of the test world
    shown = set()
    for name, actor in [*users, ("superuser", superuser)]:
        as_set = SignalFilter(QueryDict(query), queryset=signals_visible_to(actor)).qs
        per_row = SignalFilter(QueryDict(query), queryset=signals_visible_to(actor, per_row=True)).qs
        assert _rows(per_row) == _rows(as_set), name
        shown |= {row for row in _rows(as_set)}
    if not query:  # the fixture reaches every case: in scope, registered outside it, and unlinked
        assert {in_scope for _, in_scope, *_ in shown} == {True, False}
        assert any(resident_id is None for _, _, resident_id, _ in shown)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{}, {"origin": "collega", "sorteer": "herkomst"}, {"sorteer": "ontvangen"}]
)
def test_a_first_page_is_read_per_row_and_a_deep_pages_ids_from_the_set(
    client, world, shared_login, signals, monkeypatch, query
):
    shared_login("consulent")
    url = reverse("signals:list")

    def page_read():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {**query, "page": 1})
        rows = [s.pk for s in response.context["object_list"]]
        signal_reads = [q["sql"] for q in queries.captured_queries if 'FROM "signals_signal"' in q["sql"]]
        return rows, signal_reads

    first, reads = page_read()
    assert first and "IN (SELECT" not in reads[-1]
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)  # every page is deep: the ids from the set,
    deep, reads = page_read()
    assert deep == first  # the same filters and order on both forms
    assert "IN (SELECT" in reads[-2]
    assert "IN (SELECT" not in reads[-1]  # then the page's rows, each tested on its own resident


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "per_row"), [("handhaver", False), ("teamleider", True)])
def test_only_a_scope_of_many_residents_builds_the_per_row_form(
    client, world, shared_login, signals, monkeypatch, role, per_row
):
    """A handhaver's scope is his investigations' few residents: both forms are the same query, so his list
    does not build the second one."""
    from naleving.signals import views

    asked = []
    real = views.signals_visible_to

    def counting(actor, **kwargs):
        asked.append(kwargs.get("per_row", False))
        return real(actor, **kwargs)

    monkeypatch.setattr(views, "signals_visible_to", counting)
    shared_login(role)
    assert client.get(reverse("signals:list")).status_code == 200
    assert (True in asked) is per_row


@pytest.mark.django_db
def test_a_handhavers_deep_page_reads_its_rows_per_row(client, world, shared_login, signals, monkeypatch):
    """The handhaver's first pages read his set (his investigations' residents); a deep page's ids too, but its
    rows are read again with his investigations as an ``EXISTS`` on each row's resident, not by building the
    set again in the filter and in ``resident_in_scope``. Both forms give the same rows, his own
    registrations about residents inside and outside his scope included."""
    handhaver = world["handhaver"]
    for resident in (world["jansen"], world["pietersen"]):
        SignalFactory(resident=resident, gemeente=resident.gemeente, registered_by=handhaver)
    for query in QUERIES:
        as_set = SignalFilter(QueryDict(query), queryset=signals_visible_to(handhaver)).qs
        per_row = SignalFilter(QueryDict(query), queryset=signals_visible_to(handhaver, per_row=True)).qs
        assert _rows(per_row) == _rows(as_set), query
    assert {in_scope for _, in_scope, _, _ in _rows(signals_visible_to(handhaver))} == {True, False}
    shared_login("handhaver")
    url = reverse("signals:list")

    def page_read():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page": 1})
        rows = [(s.pk, s.resident_in_scope) for s in response.context["object_list"]]
        return rows, [q["sql"] for q in queries.captured_queries if 'FROM "signals_signal"' in q["sql"]]

    first, reads = page_read()
    assert first and "IN (SELECT" in reads[-1]  # his first page: the set
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
    deep, reads = page_read()
    assert deep == first
    assert "IN (SELECT" in reads[-2] and "EXISTS" not in reads[-2]  # the ids from the set
    assert "IN (SELECT" not in reads[-1] and "EXISTS" in reads[-1]  # the rows, each on its own resident


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "within"), [("handhaver", True), ("teamleider", False)])
def test_a_handhavers_first_page_finds_its_ids_within_its_query(
    client, world, shared_login, signals, role, within
):
    """His signals are a few of every resident's: his first page finds its 25 ids from the order's index within
    the page's one query (``ids_within``) and shows the rows, order and ``resident_in_scope`` of the set."""
    actor = world[role]
    SignalFactory(resident=world["pietersen"], gemeente=world["pietersen"].gemeente, registered_by=actor)
    shared_login(role)
    for query in QUERIES:
        expected = _rows(SignalFilter(QueryDict(query), queryset=signals_visible_to(actor)).qs)[:25]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("signals:list") + "?" + query)
        shown = [(s.pk, s.resident_in_scope) for s in response.context["object_list"]]
        assert shown == [(pk, in_scope) for pk, in_scope, _, _ in expected], query
        found = any(  # the subquery's alias: V0 after a scope built by the ORM, U0 after its compiled SQL
            re.search(r'"signals_signal"\."id" IN \(SELECT "[UV]0"\."id"', q["sql"])
            for q in queries.captured_queries
        )
        assert found is within, query
