"""The FG's "Wie zag inwoner X" also finds searches for X's BSN, which the log keeps only as a keyed hash
(issue #16): for a registered resident, and for a BSN nobody registered (someone probing)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
LIST = reverse("residents:list")


def _search(client, user, term: str) -> None:
    client.force_login(user)
    client.post(LIST, {"q": term}, follow=True)


def _ask(client, world, bsn: str):
    client.force_login(world["fg"])
    return client.post(reverse("audit:resident_history"), {"bsn": bsn}, follow=True)


def test_a_search_for_the_residents_bsn_is_listed_with_who_searched(client, world):
    _search(client, world["consulent_zuid"], "111 222 333")  # Jansen's BSN, not in her caseload
    _search(client, world["consulent"], "Pietersen")
    page = _ask(client, world, "111222333")
    rows = [e for e in page.context["page_obj"] if e.code == "resident.searched"]
    assert [e.actor_id for e in rows] == [world["consulent_zuid"].pk]
    assert world["consulent_zuid"].get_full_name() in page.content.decode()


def test_a_searched_bsn_nobody_registered_is_still_found(client, world):
    _search(client, world["consulent"], "234567028")
    page = _ask(client, world, "234567028")
    body = page.content.decode()
    assert "Geen inwoner gevonden" in body and "Wel is er op dit BSN gezocht" in body
    assert [e.actor_id for e in page.context["page_obj"]] == [world["consulent"].pk]
    assert "bsn=234567028" not in body and "=234567028&" not in body  # in the form field only, never a link


def test_another_bsn_finds_no_search(client, world):
    _search(client, world["consulent"], "234567028")
    page = _ask(client, world, "111222333")
    assert not [e for e in page.context["page_obj"] if e.code == "resident.searched"]
