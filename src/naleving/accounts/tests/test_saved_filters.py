"""Saved filters (issue #21): a user keeps the filters of a list under a name, sees them above the list and
deletes them; nobody else sees them, and only filter parameters are kept."""

import pytest
from django.urls import reverse

from naleving.accounts.models import SavedFilter
from naleving.accounts.saved_filters import MAX_PER_LIST

pytestmark = pytest.mark.django_db

SAVE = reverse("accounts:saved_filter_save")
LIST = reverse("investigations:list")


def _save(
    client, name="Open zonder handhaver", query="status=open&toegewezen=nee", list_name="investigations:list"
):
    return client.post(SAVE, {"list": list_name, "name": name, "query": query}, follow=True)


def test_the_save_form_carries_the_current_filters_of_the_list(client, world):
    client.force_login(world["teamleider"])
    assert "Filter bewaren" not in client.get(LIST).content.decode()  # nothing to save yet
    page = client.get(LIST, {"status": "open", "page": "1"}).content.decode()
    assert f'<form method="post" action="{SAVE}"' in page
    assert '<input type="hidden" name="list" value="investigations:list">' in page
    assert '<input type="hidden" name="query" value="status=open">' in page
    assert '<label class="utrecht-form-label" for="saved-filter-name">Naam van dit filter</label>' in page


def test_a_saved_filter_keeps_only_the_filters_and_shows_above_the_list(client, world):
    client.force_login(world["teamleider"])
    response = _save(client, query="status=open&page=3&sorteer=-gestart&onzin=1&q=Jansen&outcome=")
    saved = SavedFilter.objects.get(user=world["teamleider"])
    assert (saved.list_name, saved.name, saved.query) == (
        "investigations:list",
        "Open zonder handhaver",
        "status=open&sorteer=-gestart",
    )
    assert response.redirect_chain[-1][0] == f"{LIST}?status=open&sorteer=-gestart"
    page = response.content.decode()
    assert "Het filter &#x27;Open zonder handhaver&#x27; is bewaard." in page
    assert (
        '<a class="utrecht-link" href="?status=open&amp;sorteer=-gestart">Open zonder handhaver</a>' in page
    )
    assert f'action="{reverse("accounts:saved_filter_delete", args=[saved.pk])}"' in page
    assert f'href="{reverse("accounts:saved_filters")}">Al uw bewaarde filters</a>' in page


def test_only_the_owner_sees_and_deletes_his_filter(client, world):
    client.force_login(world["teamleider"])
    _save(client)
    saved = SavedFilter.objects.get()
    client.force_login(world["teamleider_zuid"])
    assert "Open zonder handhaver" not in client.get(LIST, {"status": "open"}).content.decode()
    assert "Open zonder handhaver" not in client.get(reverse("accounts:saved_filters")).content.decode()
    assert client.post(reverse("accounts:saved_filter_delete", args=[saved.pk])).status_code == 404
    client.force_login(world["teamleider"])
    overview = client.get(reverse("accounts:saved_filters")).content.decode()
    assert f'href="{LIST}?status=open&amp;toegewezen=nee">Open zonder handhaver</a>' in overview
    assert '<td class="utrecht-table__cell">Onderzoeken</td>' in overview
    response = client.post(reverse("accounts:saved_filter_delete", args=[saved.pk]))
    assert response.status_code == 302 and response.url == LIST
    assert not SavedFilter.objects.exists()


def test_the_same_name_replaces_the_filter(client, world):
    client.force_login(world["teamleider"])
    _save(client)
    _save(client, query="status=afgerond")
    assert list(SavedFilter.objects.values_list("name", "query")) == [
        ("Open zonder handhaver", "status=afgerond")
    ]


@pytest.mark.parametrize(
    ("name", "query", "error"),
    [
        ("  ", "status=open", "Geef het filter een naam."),
        ("x" * 81, "status=open", "De naam mag hoogstens 80 tekens lang zijn."),
        ("Leeg", "page=2&onzin=1", "Er is geen filter ingesteld"),
    ],
)
def test_a_filter_without_a_name_or_without_filters_is_refused(client, world, name, query, error):
    client.force_login(world["teamleider"])
    response = _save(client, name=name, query=query)
    assert error in response.content.decode()
    assert not SavedFilter.objects.exists()


def test_at_most_twenty_per_list(client, world):
    client.force_login(world["teamleider"])
    for n in range(MAX_PER_LIST):
        SavedFilter.objects.create(
            user=world["teamleider"], list_name="investigations:list", name=f"F{n}", query="status=open"
        )
    response = _save(client, name="Eén te veel")
    assert (
        "U heeft al 20 bewaarde filters bij deze lijst. Verwijder er eerst een." in response.content.decode()
    )
    assert SavedFilter.objects.count() == MAX_PER_LIST
    assert (
        _save(client, name="Op de signalen", query="route=geen", list_name="signals:list").status_code == 200
    )
    assert SavedFilter.objects.count() == MAX_PER_LIST + 1


def test_a_search_term_is_never_saved(client, world):
    client.force_login(world["consulent"])
    _save(client, name="Centrum", query="q=111222333&zoek=abc&district=Centrum", list_name="residents:list")
    assert SavedFilter.objects.get().query == "district=Centrum"
    residents = reverse("residents:list")
    assert "Filter bewaren" not in client.get(residents, {"q": "Jansen"}).content.decode()
    page = client.get(residents, {"q": "Jansen", "district": "Centrum"}).content.decode()
    assert '<input type="hidden" name="query" value="district=Centrum">' in page
    assert 'value="q=Jansen' not in page and "Jansen&amp;" not in page


def test_only_who_may_open_the_list_saves_its_filters(client, world):
    client.force_login(world["analist"])
    assert _save(client).status_code == 403
    assert client.post(SAVE, {"list": "web:home", "name": "x", "query": "a=b"}).status_code == 404
    assert client.post(SAVE, {"list": "bestaat:niet", "name": "x", "query": "a=b"}).status_code == 404
    client.force_login(world["fg"])
    assert _save(client, name="Inzage", query="group=inzage", list_name="audit:search").status_code == 200
    assert SavedFilter.objects.get().query == "group=inzage"
    assert "Filter bewaren" in client.get(reverse("audit:search"), {"group": "inzage"}).content.decode()


def test_a_list_shows_its_own_filters_by_name(client, world):
    client.force_login(world["teamleider"])
    _save(client, name="Zonder handhaver", query="toegewezen=nee")
    _save(client, name="Alle open", query="status=open")
    _save(client, name="Inkomen", query="kind=income", list_name="signals:list")
    shown = client.get(LIST).context["saved_filters"]
    assert [(f.name, f.query) for f in shown] == [
        ("Alle open", "status=open"),
        ("Zonder handhaver", "toegewezen=nee"),
    ]
    assert [f.name for f in client.get(reverse("signals:list")).context["saved_filters"]] == ["Inkomen"]
