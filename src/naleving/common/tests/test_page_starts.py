"""A deep page of a long list read by its number keeps where it began (``common.paging``, ``CappedCountPaginator``):
coming back to it reads on from that row, as its "Volgende" link would, until the user changes something or the
count's reuse time has passed."""

from datetime import date, timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from naleving.common import paging
from naleving.common.paging import CappedCountPaginator, DeferredJoinPaginator, lists_changed
from naleving.residents.selectors import residents_visible_to
from naleving.residents.tests.factories import ResidentFactory
from naleving.signals.filters import SignalFilter
from naleving.signals.models import Signal
from naleving.signals.selectors import signals_visible_to
from naleving.signals.tests.factories import SignalFactory

PER_PAGE = 7


@pytest.fixture
def deep(monkeypatch, counts_reused):
    """Every page past the first is deep; counts and page starts are kept for a minute."""
    monkeypatch.setattr(paging, "DEFERRED_FROM", 1)


@pytest.fixture(scope="module")
def _signals(_module_world, django_db_blocker) -> list[int]:
    """31 signals of Jansen's, three a day (so the order's tie-breaker counts), the consulent's to see: made
    once, in the module's transaction (rolled back with its world)."""
    jansen, start = _module_world["jansen"], date(2026, 1, 1)
    with django_db_blocker.unblock():
        made = [
            SignalFactory(resident=jansen, gemeente=jansen.gemeente, received_on=start + timedelta(n // 3))
            for n in range(31)
        ]
    return [signal.pk for signal in made]


@pytest.fixture
def signals(_signals, world) -> list[Signal]:
    """The 31 signals of ``_signals``, the test's own instances."""
    return list(Signal.objects.filter(pk__in=_signals).order_by("pk"))


def _pks(page) -> list[int]:
    return [row.pk for row in page]


def _read(
    rows, number: int, *, owner: int | None, paginator=CappedCountPaginator
) -> tuple[list[int], list[str]]:
    """Page ``number`` of ``rows`` as a new request reads it (a new paginator), with the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        shown = _pks(paginator(rows, PER_PAGE, count_owner=owner, count_key="signals").page(number))
    return shown, [query["sql"] for query in queries.captured_queries]


def _walks(sql: list[str]) -> bool:
    """Whether the page was read past the rows before it (by its number)."""
    return any("OFFSET" in statement for statement in sql)


@pytest.mark.django_db
def test_coming_back_to_a_deep_page_reads_on_from_where_it_began(world, signals, deep):
    consulent = world["consulent"]
    rows = signals_visible_to(consulent).order_by("-received_on", "-pk")
    expected = _pks(Paginator(rows, PER_PAGE).page(3))
    first, sql = _read(rows, 3, owner=consulent.pk)
    assert first == expected and _walks(sql)
    again, sql = _read(rows, 3, owner=consulent.pk)
    assert again == expected and not _walks(sql)
    # a newer signal arrives (an import): the page he comes back to begins where it began, as "Volgende"'s would
    SignalFactory(resident=world["jansen"], gemeente=world["jansen"].gemeente, received_on=date(2026, 6, 1))
    assert _read(rows, 3, owner=consulent.pk)[0] == expected
    assert _pks(Paginator(rows, PER_PAGE).page(3)) != expected
    # his own change forgets it, as it forgets his counts: by number again
    lists_changed(consulent.pk)
    shifted, sql = _read(rows, 3, owner=consulent.pk)
    assert shifted == _pks(Paginator(rows, PER_PAGE).page(3)) and _walks(sql)


@pytest.mark.django_db
def test_a_page_start_belongs_to_one_user_and_is_not_kept_when_counts_are_not(world, signals, deep, settings):
    consulent, leider = world["consulent"], world["teamleider"]
    mine = signals_visible_to(consulent).order_by("-received_on", "-pk")
    _read(mine, 2, owner=consulent.pk)
    theirs = signals_visible_to(leider).order_by("-received_on", "-pk")
    shown, sql = _read(theirs, 2, owner=leider.pk)
    assert shown == _pks(Paginator(theirs, PER_PAGE).page(2)) and _walks(sql)
    settings.NALEVING_LIST_COUNT_SECONDS = 0
    for owner in (consulent.pk, consulent.pk, None):
        shown, sql = _read(mine, 2, owner=owner)
        assert shown == _pks(Paginator(mine, PER_PAGE).page(2)) and _walks(sql)
        # read by its ids first, as always (no order columns read for a start that would not be kept)
        assert any(statement.startswith('SELECT "signals_signal"."id" AS "pk"') for statement in sql)


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["", "-ontvangen", "ontvangen", "herkomst", "-nummer"])
def test_every_page_read_again_holds_what_plain_paging_holds(world, signals, deep, order):
    consulent = world["consulent"]
    query = QueryDict(f"sorteer={order}" if order else "")
    rows = SignalFilter(query, queryset=signals_visible_to(consulent)).qs
    plain = Paginator(rows, PER_PAGE)
    for number in plain.page_range:
        for _ in range(2):
            paginator = CappedCountPaginator(rows, PER_PAGE, count_owner=consulent.pk, count_key=order)
            assert _pks(paginator.page(number)) == _pks(plain.page(number)), f"page {number}"


@pytest.mark.django_db
def test_a_start_by_name_whose_row_left_the_list_reads_the_page_by_number(world, deep):
    """An order by name carries the row's id only (``common.keyset``): when that row has left the list, the
    page is read by its number again."""
    consulent = world["consulent"]
    ResidentFactory.create_batch(20, consulent=consulent, gemeente=world["jansen"].gemeente)
    rows = residents_visible_to(consulent).order_by("family_name", "pk")
    expected = _pks(Paginator(rows, PER_PAGE).page(3))
    assert _read(rows, 3, owner=consulent.pk)[0] == expected
    again, sql = _read(rows, 3, owner=consulent.pk)
    assert again == expected and not _walks(sql)
    start = _pks(Paginator(rows, PER_PAGE).page(2))[-1]  # the row before page 3
    type(rows.get(pk=start)).objects.filter(pk=start).update(consulent=world["teamleider"])
    shown, sql = _read(rows, 3, owner=consulent.pk)
    assert shown == _pks(Paginator(rows, PER_PAGE).page(3)) and _walks(sql)


@pytest.mark.django_db
def test_the_lists_a_thousand_rows_deep_at_most_keep_no_page_start(world, signals, deep):
    consulent = world["consulent"]
    rows = signals_visible_to(consulent).order_by("-received_on", "-pk")
    for _ in range(2):
        shown, sql = _read(rows, 3, owner=consulent.pk, paginator=DeferredJoinPaginator)
        assert shown == _pks(Paginator(rows, PER_PAGE).page(3)) and _walks(sql)


@pytest.mark.django_db
def test_the_signal_list_shows_a_deep_page_again_without_walking_to_it(
    client, world, shared_login, signals, deep
):
    shared_login("consulent")
    url = reverse("signals:list")
    signals += [SignalFactory(resident=world["jansen"], gemeente=world["jansen"].gemeente) for _ in range(25)]
    first = client.get(url, {"page": 2})
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, {"page": 2})
    assert not _walks([query["sql"] for query in queries.captured_queries])
    assert _pks(again.context["object_list"]) == _pks(first.context["object_list"])
    expected = _pks(Paginator(signals_visible_to(world["consulent"]), 25).page(2))
    assert _pks(again.context["object_list"]) == expected
    assert "Pagina 2 van" in again.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["", "ontvangen", "-nummer"])
def test_pages_read_by_their_ids_within_one_query_hold_what_plain_paging_holds(world, signals, order):
    """``ids_within``: a first page, and a page read on from its "Volgende" or "Vorige" cursor, read as the rows
    whose ids are the page's, in one query."""
    consulent = world["consulent"]
    query = QueryDict(f"sorteer={order}" if order else "")
    rows = SignalFilter(query, queryset=signals_visible_to(consulent)).qs
    plain = Paginator(rows, PER_PAGE)
    with CaptureQueriesContext(connection) as queries:
        first = DeferredJoinPaginator(rows, PER_PAGE, ids_within=True).page(1)
    assert _pks(first) == _pks(plain.page(1))
    assert len(queries) == 2  # the count, then the page: its ids found within the one query
    assert '"signals_signal"."id" IN (SELECT' in queries[-1]["sql"] and "LIMIT 7" in queries[-1]["sql"]
    page, number = first, 1
    while page.has_next():  # on by each page's "Volgende" cursor, then back by "Vorige"
        number += 1
        page = DeferredJoinPaginator(rows, PER_PAGE, ids_within=True, cursor=page.next_cursor).page(number)
        assert _pks(page) == _pks(plain.page(number)), f"page {number}"
    while page.has_previous():
        number -= 1
        page = DeferredJoinPaginator(rows, PER_PAGE, ids_within=True, cursor=page.previous_cursor).page(
            number
        )
        assert _pks(page) == _pks(plain.page(number)), f"page {number} back"
