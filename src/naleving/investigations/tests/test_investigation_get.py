"""``investigation_get``: the investigation by id compiled once, the actor's scope added as its condition on
the investigation's own columns (``common.compiled.one_in_scope``). For every role and every investigation
(open, long closed, of a team's consulent, of another municipality, unassigned) it must give exactly what
the scoped queryset gives, with the same rows joined, and nothing for an id that is no investigation's or no
id at all."""

import pytest

from naleving.common import compiled
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.investigations.models import Investigation
from naleving.investigations.selectors import investigation_get, investigations_visible_to
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory
from naleving.testing.reads import BAD_IDS, compared_for_everyone, finds_nothing_for

pytestmark = pytest.mark.django_db


def _get(actor, pk) -> Investigation:
    return investigation_get(actor=actor, investigation_id=pk)


JOINED = ("resident", "assigned_to")


def test_every_role_gets_exactly_the_investigations_of_its_scope(world):
    compiled.forget()  # what other tests compiled in this process: not this test's
    handhaver, consulent = world["handhaver"], world["consulent"]
    # closed long ago (the handhaver's access has ended), of the zuid team, unassigned, another municipality's
    InvestigationFactory(resident=world["pietersen"], assigned_to=handhaver, closed_without_breach=True)
    InvestigationFactory(resident=ResidentFactory(consulent=world["consulent_zuid"]), assigned_to=None)
    InvestigationFactory(resident=ResidentFactory(consulent=consulent), assigned_to=world["teamleider"])
    elsewhere = GemeenteFactory(code="GM0867", name="Waalwijk")
    InvestigationFactory(
        resident=ResidentFactory(consulent=consulent, gemeente=elsewhere), assigned_to=handhaver
    )
    # the zuid teamleider works for Waalwijk only: of his team's, only what lives there
    teamleider_zuid = world["teamleider_zuid"]
    teamleider_zuid.all_gemeenten = False
    teamleider_zuid.save(update_fields=["all_gemeenten"])
    teamleider_zuid.gemeenten.set([elsewhere])
    InvestigationFactory(resident=ResidentFactory(consulent=world["consulent_zuid"], gemeente=elsewhere))
    seen, refused = compared_for_everyone(
        world,
        Investigation,
        investigations_visible_to,
        _get,
        JOINED,
    )
    assert seen >= 10 and refused >= 10
    assert [name for name, _ in compiled._INSTANCES] == ["investigations.get"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_id_that_is_no_investigations_finds_nothing(world, bad):
    finds_nothing_for(Investigation, _get, world["investigation"].pk, bad)
