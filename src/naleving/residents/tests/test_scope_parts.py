"""The resident scope written as one ``IN`` per part (``in_scope_by_parts``, issue #24): a consulent's caseload
as two sets, each read from its own index, instead of one set over ``consulent OR fixed contact person``.
It must give exactly the residents of ``resident_ids_in_scope`` for every role, within and across
municipalities, and for whoever sees everyone or no one."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q

from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.residents.models import Resident
from naleving.residents.selectors import in_scope_by_parts, one_resident, resident_ids_in_scope
from naleving.residents.tests.factories import ResidentFactory


@pytest.fixture
def residents(world):
    """Besides the world's: a resident of the other team whom the consulent is the fixed contact person of,
    one of the consulent's in another municipality, and one nobody looks after."""
    elsewhere = GemeenteFactory(code="GM0867", name="Waalwijk")
    return {
        "contact": ResidentFactory(
            consulent=world["consulent_zuid"],
            fixed_contact_person=world["consulent"],
            gemeente=world["jansen"].gemeente,
        ),
        "elsewhere": ResidentFactory(consulent=world["consulent"], gemeente=elsewhere),
        "nobody": ResidentFactory(consulent=None, gemeente=world["jansen"].gemeente),
    }


def _by_parts(actor) -> set[int]:
    return set(Resident.objects.filter(in_scope_by_parts(actor, field="pk")).values_list("pk", flat=True))


def _as_one_set(actor) -> set[int]:
    return set(Resident.objects.filter(pk__in=resident_ids_in_scope(actor)).values_list("pk", flat=True))


def _users(world) -> list:
    superuser = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    users = [value for value in world.values() if isinstance(value, get_user_model())]
    assert len(users) >= 9  # every role of the test world
    return [*users, superuser]


@pytest.mark.django_db
def test_the_parts_give_the_same_residents_for_every_role(world, residents):
    for actor in _users(world):
        assert _by_parts(actor) == _as_one_set(actor), actor.username
    consulent = world["consulent"]
    assert _by_parts(consulent) >= {world["jansen"].pk, residents["contact"].pk, residents["elsewhere"].pk}
    assert residents["nobody"].pk not in _by_parts(consulent)


@pytest.mark.django_db
def test_the_parts_keep_to_the_municipalities_the_user_works_for(world, residents):
    users = _users(world)
    home = world["jansen"].gemeente
    for actor in users:
        actor.all_gemeenten = False
        actor.save(update_fields=["all_gemeenten"])
        actor.gemeenten.set([home])
    for actor in users:
        actor = get_user_model().objects.get(pk=actor.pk)
        assert _by_parts(actor) == _as_one_set(actor), actor.username
    assert residents["elsewhere"].pk not in _by_parts(get_user_model().objects.get(pk=world["consulent"].pk))


@pytest.mark.django_db
def test_a_caseload_is_two_sets_and_other_scopes_one(world, residents):
    assert (
        str(Resident.objects.filter(in_scope_by_parts(world["consulent"], field="pk")).query).count(
            "IN (SELECT"
        )
        == 2
    )
    for single in ("handhaver", "teamleider"):
        query = str(Resident.objects.filter(in_scope_by_parts(world[single], field="pk")).query)
        assert query.count("IN (SELECT") <= 1, single
    # the page of one resident asks about that resident only, as one set
    with one_resident(world["jansen"], actor=world["consulent"]):
        scope = in_scope_by_parts(world["consulent"])
        assert isinstance(scope, Q) and len(scope.children) == 1


@pytest.mark.django_db
def test_a_handhavers_scope_is_his_investigations_built_once(world, residents, monkeypatch):
    """His one part is ``resident_ids_in_scope``'s own query: the parts are not built only to be set aside."""
    from naleving.residents import selectors

    def not_built(actor):
        raise AssertionError("the parts were built")

    handhaver = world["handhaver"]
    expected = str(Resident.objects.filter(pk__in=resident_ids_in_scope(handhaver)).query)
    monkeypatch.setattr(selectors, "_scope_parts", not_built)
    assert str(Resident.objects.filter(in_scope_by_parts(handhaver, field="pk")).query) == expected
