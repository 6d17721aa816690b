"""A list's rows built only when its page needs them (``common.paging.Later``), and the resident list's
districts kept per user (``residents.filters``)."""

import pytest
from django.db.models import QuerySet
from django.urls import reverse

from naleving.common import paging
from naleving.common.paging import Later, lists_changed
from naleving.residents.tests.factories import ResidentFactory
from naleving.residents.views import ResidentListView
from naleving.signals.models import Signal
from naleving.signals.selectors import signals_visible_to
from naleving.signals.tests.factories import SignalFactory
from naleving.signals.views import SignalListView


@pytest.fixture
def signals(world):
    jansen = world["jansen"]
    return [SignalFactory(resident=jansen, gemeente=jansen.gemeente) for _ in range(30)]


@pytest.fixture
def built(monkeypatch):
    """How often each list's rows were built (its ``get_queryset``)."""
    calls: dict[str, int] = {}
    for view in (SignalListView, ResidentListView):
        real = view.get_queryset

        def counted(self, real=real, name=view.__name__):
            calls[name] = calls.get(name, 0) + 1
            return real(self)

        monkeypatch.setattr(view, "get_queryset", counted)
    return calls


def _ids(response) -> list[int]:
    return [row.pk for row in response.context["object_list"]]


def test_later_builds_once_and_only_when_asked():
    made = []

    def build() -> QuerySet:
        made.append(1)
        return Signal.objects.order_by("pk")

    rows = Later(Signal, build)
    assert (rows.model, rows.db, rows.built, made) == (Signal, "default", False, [])
    assert rows.all().query.order_by == ("pk",)  # anything else is asked of the built rows
    assert rows.rows is rows.rows and rows.built and made == [1]


@pytest.mark.django_db
def test_a_first_page_with_a_kept_count_does_not_build_the_rows(
    client, world, shared_login, signals, counts_reused, built
):
    shared_login("consulent")
    url = reverse("signals:list")
    first = client.get(url, {"kind": signals[0].kind})
    assert built == {"SignalListView": 1}  # counted the first time
    again = client.get(url, {"kind": signals[0].kind})
    assert built == {"SignalListView": 1}  # count kept: the page read in its first pages' form only
    assert _ids(again) == _ids(first) != []
    expected = (
        signals_visible_to(world["consulent"]).filter(kind=signals[0].kind).order_by("-received_on", "-pk")
    )
    assert _ids(again) == [s.pk for s in expected[:25]]
    assert again.context["page_obj"].next_cursor or len(expected) <= 25


@pytest.mark.django_db
def test_a_deep_page_builds_the_rows_and_shows_what_plain_paging_shows(
    client, world, shared_login, signals, counts_reused, built, monkeypatch
):
    shared_login("consulent")
    url = reverse("signals:list")
    shown = _ids(client.get(url, {"page": 2}))
    monkeypatch.setattr(paging, "DEFERRED_FROM", 0)
    built.clear()
    assert _ids(client.get(url, {"page": 2})) == shown
    assert built == {"SignalListView": 1}  # the page's ids are read from the rows
    # read by its number again: on from where it began (common.paging), the rows not built again
    assert _ids(client.get(url, {"page": 2})) == shown
    assert built == {"SignalListView": 1}


@pytest.mark.django_db
def test_invalid_filters_show_nothing_as_before(client, world, shared_login, signals, counts_reused):
    shared_login("consulent")
    response = client.get(reverse("signals:list"), {"received_from": "gisteren"})
    assert response.status_code == 200 and _ids(response) == []


@pytest.mark.django_db
def test_the_districts_are_kept_per_user_until_his_scope_changes(client, world, shared_login, counts_reused):
    url = reverse("residents:list")
    consulent = world["consulent"]

    def districts() -> list[str]:
        return [
            value for value, _ in client.get(url).context["filter"].form.fields["district"].choices if value
        ]

    shared_login("consulent")
    before = districts()
    ResidentFactory(consulent=consulent, gemeente=world["jansen"].gemeente, district="Zeeheldenkwartier")
    assert districts() == before  # kept for him
    shared_login("teamleider")
    assert "Zeeheldenkwartier" in districts()  # another user's list is his own
    lists_changed(consulent.pk)  # e.g. his roles or team changed
    shared_login("consulent")
    assert districts() == sorted({*before, "Zeeheldenkwartier"})
