"""Across municipalities (issue #17, ADR 0021): a resident of a municipality the user does not work for
does not exist for them.

Every page of the permission matrix that shows one resident's case (a page where some role gets 404) is
walked by each role that may open it, but with that user working for another municipality only: each
answers 404, as for a case that does not exist. Lists, searches and the API leave the other
municipality's residents out; a user who works for all municipalities sees both.
"""

from datetime import date

import pytest
from django.urls import reverse
from test_permission_matrix import MATRIX  # tests/ is on the path (rootdir-based imports)

from naleving.gemeenten.tests.factories import GemeenteFactory

#: (page, role) for every page that shows one resident's case and every role that may open it
CASES = [
    (page, role)
    for page, (_, expected, default) in MATRIX.items()
    if default == 404 or 404 in expected.values()
    for role, status in expected.items()
    if status == 200
]


def _work_elsewhere(user):
    """``user`` now works for Waalwijk only; the world's residents live in Demostad."""
    user.all_gemeenten = False
    user.save(update_fields=["all_gemeenten"])
    user.gemeenten.set([GemeenteFactory(code="GM0867", name="Waalwijk")])
    return user


def test_the_walk_covers_the_resident_pages():
    pages = {page for page, _ in CASES}
    assert {"residents:detail", "signals:detail", "investigations:detail", "decisions:detail"} <= pages
    assert "api:resident_detail" in pages


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "role"), CASES, ids=[f"{p}-{r}" for p, r in CASES])
def test_a_case_of_another_municipality_is_not_found(client, world, page, role):
    url_for, _, _ = MATRIX[page]
    url = url_for(world)
    client.force_login(world[role])
    assert client.get(url).status_code == 200, f"{role} opens {page} in their own municipality"
    _work_elsewhere(world[role])
    assert client.get(url).status_code == 404, f"{role} of another municipality on {page}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["consulent", "handhaver", "teamleider"])
def test_the_api_signal_of_another_municipality_is_not_found(client, world, role):
    url = f"/api/v1/signals/{world['signal'].pk}/"
    client.force_login(world[role])
    assert client.get(url).status_code == 200
    _work_elsewhere(world[role])
    assert client.get(url).status_code == 404


def _waalwijker(world):
    from naleving.residents.tests.factories import ResidentFactory

    return ResidentFactory(
        bsn="111222345",
        family_name="Van Beek",
        consulent=world["consulent"],
        gemeente=GemeenteFactory(code="GM0867", name="Waalwijk"),
    )


#: (URL name or "api", the rest of the URL): the lists and searches that name residents
LISTS = [
    ("residents:list", ""),
    ("residents:list", "?q=Jansen"),
    ("signals:list", ""),
    ("api", "/api/v1/residents/"),
    ("api", "/api/v1/signals/"),
]


def _url(name: str, tail: str) -> str:
    return tail if name == "api" else reverse(name) + tail


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "tail"), LISTS)
def test_lists_and_searches_leave_the_other_municipality_out(client, world, name, tail):
    from naleving.signals.tests.factories import SignalFactory

    waalwijker = _waalwijker(world)
    SignalFactory(resident=waalwijker, received_on=date(2026, 3, 2), registered_by=None)
    consulent = _work_elsewhere(world["consulent"])
    client.force_login(consulent)
    body = client.get(_url(name, tail)).content.decode().replace('value="Jansen"', "")  # the search box
    assert "Jansen" not in body and world["jansen"].bsn not in body
    if "q=" not in tail:
        assert "Van Beek" in body or str(waalwijker.pk) in body


@pytest.mark.django_db
def test_a_bsn_search_does_not_find_a_resident_of_another_municipality(client, world):
    client.force_login(_work_elsewhere(world["consulent"]))
    body = client.post(reverse("residents:list"), {"q": world["jansen"].bsn}, follow=True).content.decode()
    assert "Jansen" not in body


@pytest.mark.django_db
def test_who_works_for_all_municipalities_sees_both(client, world):
    waalwijker = _waalwijker(world)
    teamleider = world["teamleider"]
    assert teamleider.all_gemeenten
    client.force_login(teamleider)
    body = client.get(reverse("residents:list")).content.decode()
    assert "Jansen" in body and "Van Beek" in body
    assert client.get(reverse("residents:detail", args=[waalwijker.pk])).status_code == 200
    assert client.get(f"/api/v1/residents/{waalwijker.pk}/").status_code == 200


@pytest.mark.django_db
def test_unlinked_signals_stay_in_their_municipality(client, world):
    """An anonymous report about nobody traceable is triaged by those who work for its municipality."""
    handhaver = world["handhaver"]
    client.force_login(handhaver)
    assert world["anonymous_signal"].pk in _listed_signals(client)
    _work_elsewhere(handhaver)
    assert world["anonymous_signal"].pk not in _listed_signals(client)


def _listed_signals(client) -> set[int]:
    rows = client.get("/api/v1/signals/").json()["results"]
    return {row["id"] for row in rows}
