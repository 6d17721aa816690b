"""Cheaper reads that must not change what anyone sees (issue #24): the resident page's scope narrowed to
the resident shown, and the district list of the resident filter kept per scope."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from naleving.dossier.timeline import resident_timeline
from naleving.residents.selectors import (
    one_resident,
    resident_get,
    residents_visible_to,
    visible_resident_ids,
)
from naleving.residents.tests.factories import ResidentFactory
from naleving.signals.selectors import signals_visible_to


@pytest.mark.django_db
def test_one_resident_narrows_the_scope_subquery_to_that_resident(world):
    consulent, jansen = world["consulent"], world["jansen"]
    other = ResidentFactory(consulent=consulent)
    assert {row["pk"] for row in visible_resident_ids(consulent)} >= {jansen.pk, other.pk}
    with one_resident(jansen, actor=consulent):
        assert [row["pk"] for row in visible_resident_ids(consulent)] == [jansen.pk]
    with one_resident(world["pietersen"], actor=consulent):  # outside the actor's scope: stays out
        assert list(visible_resident_ids(consulent)) == []
    # after the block the whole scope is back
    assert {row["pk"] for row in visible_resident_ids(consulent)} >= {jansen.pk, other.pk}


@pytest.mark.django_db
def test_only_a_resident_authorised_for_the_same_actor_skips_the_scope(world):
    """``resident_get`` marks the resident it gave; the scope is then one id, for that actor only. Another
    actor, or a resident read any other way, keeps the scope query: outside it, nothing is seen."""
    consulent, pietersen = world["consulent"], world["pietersen"]
    theirs = resident_get(actor=world["consulent_zuid"], resident_id=pietersen.pk)
    with one_resident(theirs, actor=consulent):  # authorised, but for somebody else
        assert list(visible_resident_ids(consulent)) == []
    with one_resident(theirs, actor=world["consulent_zuid"]):
        assert [row["pk"] for row in visible_resident_ids(world["consulent_zuid"])] == [pietersen.pk]
        assert list(visible_resident_ids(consulent)) == []  # another actor in the same block
    jansen = resident_get(actor=consulent, resident_id=world["jansen"].pk)
    with one_resident(jansen, actor=consulent):
        assert [row["pk"] for row in visible_resident_ids(consulent)] == [jansen.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["consulent", "teamleider", "handhaver"])
def test_the_timeline_is_the_same_as_from_the_whole_scope(world, role):
    actor, jansen = world[role], world["jansen"]
    if not residents_visible_to(actor).filter(pk=jansen.pk).exists():
        pytest.skip(f"{role} does not see Jansen in this world")
    whole_scope = sorted(s.pk for s in signals_visible_to(actor).filter(resident=jansen))
    with one_resident(jansen, actor=actor):
        narrowed = sorted(s.pk for s in signals_visible_to(actor).filter(resident=jansen))
    assert narrowed == whole_scope
    authorised = resident_get(actor=actor, resident_id=jansen.pk)
    with one_resident(authorised, actor=actor):
        assert sorted(s.pk for s in signals_visible_to(actor).filter(resident=jansen)) == whole_scope
    assert resident_timeline(actor=actor, resident=jansen)
    assert resident_timeline(actor=actor, resident=authorised) == resident_timeline(
        actor=actor, resident=jansen
    )  # the page's timeline is built under the narrowing


@pytest.mark.django_db
def test_the_district_list_is_kept_per_scope_and_not_for_a_search(world, client):
    cache.clear()
    ResidentFactory(consulent=world["consulent"], district="Oost")
    client.force_login(world["consulent"])
    page = client.get(reverse("residents:list")).content.decode()
    assert '<option value="Oost"' in page
    assert '<option value="Zuid"' not in page  # Pietersen's district is another team's
    client.force_login(world["consulent_zuid"])
    page = client.get(reverse("residents:list")).content.decode()
    assert '<option value="Zuid"' in page and '<option value="Oost"' not in page


@pytest.mark.django_db
def test_the_ids_for_other_apps_are_the_scopes_ids_for_every_user(world):
    """``resident_ids_in_scope`` reads a handhaver's ids from his investigations: the same ids as the scope,
    for every user of the world, and for a handhaver of one municipality of two as of both."""
    from naleving.accounts.models import User
    from naleving.gemeenten.models import Gemeente
    from naleving.investigations.tests.factories import InvestigationFactory
    from naleving.residents.models import Resident
    from naleving.residents.selectors import resident_ids_in_scope

    def ids(user) -> set[int]:
        return set(Resident.objects.filter(pk__in=resident_ids_in_scope(user)).values_list("pk", flat=True))

    users = [u for u in world.values() if isinstance(u, User)]
    assert len(users) > 5
    for user in users:
        fresh = User.objects.get(pk=user.pk)
        assert ids(fresh) == {row["pk"] for row in visible_resident_ids(fresh)}, user.username

    handhaver = world["handhaver"]
    home = world["jansen"].gemeente
    outside = ResidentFactory(gemeente=Gemeente.objects.create(name="Andersdorp", code="9999"))
    InvestigationFactory(resident=outside, assigned_to=handhaver)
    for all_gemeenten in (True, False):
        User.objects.filter(pk=handhaver.pk).update(all_gemeenten=all_gemeenten)
        handhaver.gemeenten.set([] if all_gemeenten else [home])
        fresh = User.objects.get(pk=handhaver.pk)
        ids_of_his = resident_ids_in_scope(
            fresh
        )  # SQL compiled once (RawSQL) where he works for every gemeente
        sql = ids_of_his.sql if all_gemeenten else str(ids_of_his.query)
        assert 'FROM "investigations_investigation"' in sql and 'FROM "residents_resident"' not in sql
        assert ids(fresh) == {row["pk"] for row in visible_resident_ids(fresh)}
        assert (outside.pk in ids(fresh)) is all_gemeenten
        assert world["jansen"].pk in ids(fresh)


@pytest.mark.django_db
def test_whether_a_signal_shows_its_resident_is_the_scope_for_every_user(world):
    """``resident_in_scope`` asks the scope again only for the actor's own registrations: for every user of
    the world it is still whether the signal's resident is in his scope, for signals he registered about
    residents inside and outside it, for others' signals and for unlinked ones."""
    from naleving.accounts.models import User
    from naleving.signals.tests.factories import SignalFactory

    users = [User.objects.get(pk=u.pk) for u in world.values() if isinstance(u, User)]
    for user in users:
        for resident in (world["jansen"], world["pietersen"], ResidentFactory(), None):
            SignalFactory(registered_by=user, resident=resident, gemeente=world["jansen"].gemeente)
    checked = 0
    for user in users:
        in_scope = {row["pk"] for row in visible_resident_ids(user)}
        for signal in signals_visible_to(user):
            assert signal.resident_in_scope is (signal.resident_id in in_scope), (user.username, signal.pk)
            checked += 1
        own = signals_visible_to(user).filter(registered_by=user)
        assert own.count() == 4 or not user.has_perm("signals.view_signal"), user.username
    assert checked > 40
