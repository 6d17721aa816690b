"""``resident_get``: the resident by id compiled once, the actor's scope added as its condition
(``common.compiled.instances_for``). For every role and every resident it must give exactly what the scoped
queryset gives, with the same people joined, and nobody for an id that is no resident's or no id at all."""

import pytest
from django.contrib.auth import get_user_model

from naleving.common import compiled
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.models import Resident
from naleving.residents.selectors import authorised_for, resident_get, residents_visible_to
from naleving.residents.tests.factories import ResidentFactory
from naleving.testing.reads import as_read

pytestmark = pytest.mark.django_db

PEOPLE = ("consulent", "fixed_contact_person", "partner")


def _as_the_orm_reads(actor, pk) -> Resident | None:
    try:
        return residents_visible_to(actor).select_related(*PEOPLE).get(pk=pk)
    except Resident.DoesNotExist:
        return None


def _read(row: Resident | None) -> tuple | None:
    return as_read(row, PEOPLE)


def test_every_role_gets_exactly_the_residents_of_its_scope(world):
    compiled.forget()  # what other tests compiled in this process: not this test's
    gemeente = world["jansen"].gemeente
    extra = [
        ResidentFactory(
            gemeente=gemeente, consulent=world["consulent_zuid"], fixed_contact_person=world["consulent"]
        ),
        ResidentFactory(gemeente=gemeente, partner=world["jansen"]),
        ResidentFactory(gemeente=gemeente),
    ]
    InvestigationFactory(resident=extra[2], assigned_to=world["handhaver"])
    superuser = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    users = [value for value in world.values() if isinstance(value, get_user_model())] + [superuser]
    assert len(users) >= 10
    ids = list(Resident.objects.values_list("pk", flat=True))
    seen = 0
    for actor in users:
        for pk in ids:
            expected = _as_the_orm_reads(actor, pk)
            try:
                found = resident_get(actor=actor, resident_id=pk)
            except Resident.DoesNotExist:
                found = None
            assert _read(found) == _read(expected), (actor.username, pk)
            if found is not None:
                assert authorised_for(found, actor)
                seen += 1
    assert seen >= 10
    assert [name for name, _ in compiled._INSTANCES] == ["residents.get"]  # one SQL for every role


@pytest.mark.parametrize("bad", [0, -1, 2**63, 10**30, "abc", "", None, True, [1]])
def test_an_id_that_is_nobodys_finds_nobody(world, bad):
    """Not even for whoever sees every resident (an id past the key's range is not sent to the database)."""
    everyone = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    assert resident_get(actor=everyone, resident_id=world["jansen"].pk)
    with pytest.raises(Resident.DoesNotExist):
        resident_get(actor=everyone, resident_id=bad)


def test_a_resident_id_as_text_is_read_as_its_number(world):
    jansen = world["jansen"]
    assert resident_get(actor=world["consulent"], resident_id=str(jansen.pk)).pk == jansen.pk
