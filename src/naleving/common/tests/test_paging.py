"""A deep page is read by its ids first (``common.paging``) and shows exactly what plain paging shows; the
signal list counts up to a limit and says when there are more."""

from datetime import date, timedelta

import pytest
from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse

from naleving.common import paging
from naleving.common.paging import CappedCountPaginator, DeferredJoinPaginator
from naleving.investigations.selectors import investigations_visible_to
from naleving.signals.filters import SignalFilter
from naleving.signals.models import Signal
from naleving.signals.selectors import signals_visible_to
from naleving.signals.tests.factories import SignalFactory

PER_PAGE = 7
SORT_KEYS = SignalFilter.base_filters["sorteer"].columns


@pytest.fixture(scope="module")
def _signals(_module_world, django_db_blocker) -> list[int]:
    """41 signals the consulent sees (38 about Jansen, some on the same day; 3 he registered about a
    resident of the other team) and 5 he does not: made once, in the module's transaction (rolled back with its
    world)."""
    jansen, pietersen, start = _module_world["jansen"], _module_world["pietersen"], date(2026, 1, 1)
    with django_db_blocker.unblock():
        mine = [
            SignalFactory(resident=jansen, gemeente=jansen.gemeente, received_on=start + timedelta(n // 3))
            for n in range(38)
        ]
        mine += [
            SignalFactory(resident=pietersen, gemeente=pietersen.gemeente, registered_by=_module_world["consulent"])
            for _ in range(3)
        ]  # fmt: skip
        for _ in range(5):
            SignalFactory(resident=pietersen, gemeente=pietersen.gemeente)
    return [signal.pk for signal in mine]


@pytest.fixture
def signals(_signals, world) -> list[Signal]:
    """The consulent's 41 signals of ``_signals``, the test's own instances."""
    return list(Signal.objects.filter(pk__in=_signals).order_by("pk"))


def _rows(page) -> list[tuple]:
    return [(s.pk, s.resident_in_scope, s.resident.family_name, s.registered_by_id) for s in page]


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["", "-ontvangen", "ontvangen", "herkomst", "-nummer"])
def test_every_page_holds_the_same_rows_in_the_same_order_as_plain_paging(world, signals, monkeypatch, order):
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
    query = QueryDict(f"sorteer={order}" if order else "")
    rows = SignalFilter(query, queryset=signals_visible_to(world["consulent"])).qs
    plain, deferred = Paginator(rows, PER_PAGE, orphans=2), DeferredJoinPaginator(rows, PER_PAGE, orphans=2)
    assert query.get("sorteer", "") in ("", *(f"{sign}{key}" for key in SORT_KEYS for sign in ("", "-")))
    assert deferred.count == plain.count >= len(signals)
    seen = []
    for number in plain.page_range:
        expected = _rows(plain.page(number))
        assert _rows(deferred.page(number)) == expected, f"page {number}"
        seen += expected
    assert len({pk for pk, *_ in seen}) == plain.count
    assert {s.pk for s in signals} <= {pk for pk, *_ in seen}
    # the signals he registered about a resident outside his scope still show as outside it
    assert {in_scope for _, in_scope, *_ in seen} == {True, False}


@pytest.mark.django_db
def test_the_first_pages_are_read_in_one_query(world, signals, django_assert_num_queries, monkeypatch):
    rows = signals_visible_to(world["consulent"]).order_by("-received_on", "-pk")
    paginator = DeferredJoinPaginator(rows, PER_PAGE)
    assert paginator.count  # counted once, before the page is read
    with django_assert_num_queries(1):
        list(paginator.page(2))
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
    deep = DeferredJoinPaginator(rows, 100)
    assert deep.count
    with django_assert_num_queries(2):  # the ids, then the rows
        assert len(list(deep.page(1))) == deep.count


@pytest.mark.django_db
def test_a_row_gone_between_the_ids_and_the_rows_is_left_out(world, signals, monkeypatch):
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
    rows = signals_visible_to(world["consulent"]).order_by("received_on", "pk")
    paginator = DeferredJoinPaginator(rows, PER_PAGE)
    ids = [s.pk for s in Paginator(rows, PER_PAGE).page(2)]
    real = type(rows).in_bulk

    def delete_then_read(self, *args, **kwargs):  # the ids are read; then someone deletes one of them
        type(signals[0]).objects.filter(pk=ids[3]).delete()
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(rows), "in_bulk", delete_then_read)
    shown = [s.pk for s in paginator.page(2)]
    assert shown == ids[:3] + ids[4:]


@pytest.mark.django_db
def test_the_signal_list_shows_a_deep_page_as_before(client, world, shared_login, signals, monkeypatch):
    shared_login("consulent")
    url = reverse("signals:list")
    before = [s.pk for s in client.get(url, {"page": 2}).context["object_list"]]
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
    response = client.get(url, {"page": 2})
    assert [s.pk for s in response.context["object_list"]] == before
    assert response.context["paginator"].count == signals_visible_to(world["consulent"]).count()
    assert "Pagina 2 van 2" in response.content.decode()


@pytest.mark.django_db
def test_the_count_stops_at_the_limit_and_says_so(world, signals, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_LIMIT", 10)
    rows = signals_visible_to(world["consulent"]).order_by("received_on", "pk")
    capped = CappedCountPaginator(rows, PER_PAGE)
    assert (capped.count, capped.count_capped, capped.count_label) == (10, True, "meer dan 10")
    assert capped.num_pages == 2
    assert [s.pk for s in capped.page(2)] == [s.pk for s in rows[7:10]]
    monkeypatch.setattr(paging, "COUNT_LIMIT", 1000)
    exact = CappedCountPaginator(rows, PER_PAGE)
    assert (exact.count, exact.count_capped, exact.count_label) == (rows.count(), False, str(rows.count()))


@pytest.mark.django_db
def test_the_signal_list_says_more_than_the_limit_and_how_to_see_the_rest(
    client, world, shared_login, signals, monkeypatch
):
    monkeypatch.setattr(paging, "COUNT_LIMIT", 30)
    shared_login("consulent")
    url = reverse("signals:list")
    page = client.get(url).content.decode()
    assert "Signalen (meer dan 30)" in page
    assert (
        "Pagina 1 van 2 (meer dan 30 resultaten; verfijn met de filters om verder te kijken dan pagina 2)"
        in page
    )
    assert client.get(url, {"page": 3}).status_code == 404
    # a filter that leaves fewer than the limit counts exactly again
    narrowed = client.get(url, {"received_from": "2026-01-10"}).content.decode()
    expected = signals_visible_to(world["consulent"]).filter(received_on__gte=date(2026, 1, 10)).count()
    assert expected < 30
    assert f"Signalen ({expected})" in narrowed


def _shown_count(client, url, **params) -> int:
    return client.get(url, params).context["paginator"].count


@pytest.mark.django_db
def test_a_list_count_is_reused_until_the_user_changes_something(
    client, world, shared_login, signals, counts_reused
):
    shared_login("consulent")
    url = reverse("signals:list")
    first = _shown_count(client, url)
    assert first == signals_visible_to(world["consulent"]).count()
    # a signal arrives through an import (nobody's request): the count is reused, the rows are fresh
    newest = SignalFactory(
        resident=world["jansen"], gemeente=world["jansen"].gemeente, received_on=date(2026, 6, 1)
    )
    response = client.get(url, {"page": 1})
    assert response.context["paginator"].count == first
    assert response.context["object_list"][0].pk == newest.pk
    # the user's own change (any request that may write, whatever its answer) forgets his counts
    client.post(reverse("accounts:saved_filter_save"), {})
    assert _shown_count(client, url) == first + 1


@pytest.mark.django_db
def test_a_reused_count_belongs_to_one_query_and_one_user(
    client, world, shared_login, signals, counts_reused
):
    shared_login("consulent")
    url = reverse("signals:list")
    everything = _shown_count(client, url)
    narrowed = _shown_count(client, url, received_from="2026-01-10")
    assert (
        narrowed == signals_visible_to(world["consulent"]).filter(received_on__gte=date(2026, 1, 10)).count()
    )
    assert narrowed < everything
    # another user, with another scope, counts his own rows
    shared_login("teamleider")
    assert _shown_count(client, url) == signals_visible_to(world["teamleider"]).count() != everything


@pytest.mark.django_db
def test_a_count_is_kept_per_list_and_filters_not_per_sort_order_or_page(
    client, world, shared_login, signals, counts_reused
):
    """The key is the list's URL and its filters (``ScopedListView.count_key``): sorting or paging the same
    rows reuses the count; another list, or the same list filtered, counts its own."""
    shared_login("teamleider")
    url = reverse("signals:list")
    first = _shown_count(client, url)
    SignalFactory(resident=world["jansen"], gemeente=world["jansen"].gemeente, received_on=date(2026, 6, 1))
    assert _shown_count(client, url, sorteer="-ontvangen", page=2) == first
    assert _shown_count(client, url, received_from="2000-01-01") == first + 1
    assert (
        _shown_count(client, reverse("investigations:list"))
        == investigations_visible_to(world["teamleider"]).count()
    )


@pytest.mark.django_db
def test_no_reuse_when_switched_off(client, world, shared_login, signals, settings):
    settings.NALEVING_LIST_COUNT_SECONDS = 0
    shared_login("consulent")
    url = reverse("signals:list")
    first = _shown_count(client, url)
    SignalFactory(resident=world["jansen"], gemeente=world["jansen"].gemeente)
    assert _shown_count(client, url) == first + 1


def _todo_counts(client) -> dict[str, int]:
    return {todo.key: todo.count for todo in client.get(reverse("web:home")).context["todos"]}


@pytest.mark.django_db
def test_the_home_pages_counts_are_kept_until_the_user_changes_something(
    client, world, shared_login, signals, counts_reused
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    shared_login("handhaver")
    first = _todo_counts(client)
    assert "triage" in first
    SignalFactory(resident=world["jansen"], gemeente=world["jansen"].gemeente, route="")
    with CaptureQueriesContext(connection) as queries:
        assert _todo_counts(client) == first
    assert not any('"signals_signal"' in q["sql"] for q in queries.captured_queries)
    client.post(reverse("accounts:saved_filter_save"), {})
    assert _todo_counts(client)["triage"] == first["triage"] + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change", ["role", "role from the group", "group emptied", "municipalities", "all municipalities"]
)
def test_the_kept_counts_are_forgotten_when_his_roles_or_municipalities_change(
    client, world, shared_login, counts_reused, change
):
    from django.contrib.auth.models import Group

    from naleving.accounts.roles import ROLE_BY_KEY
    from naleving.common.paging import kept_for_user

    user = world["consulent"]
    computed = []
    kept_for_user(user.pk, "probe", lambda: computed.append(1) or len(computed))
    assert kept_for_user(user.pk, "probe", lambda: computed.append(1) or len(computed)) == 1
    handhaver = Group.objects.get(name=ROLE_BY_KEY["handhaver"].name)
    if change == "role":
        user.groups.add(handhaver)
    elif change == "role from the group":
        handhaver.user_set.add(user)
    elif change == "group emptied":
        user.groups.first().user_set.clear()
    elif change == "municipalities":
        user.gemeenten.clear()
    else:
        user.all_gemeenten = not user.all_gemeenten
        user.save()
    assert kept_for_user(user.pk, "probe", lambda: computed.append(1) or len(computed)) == 2
