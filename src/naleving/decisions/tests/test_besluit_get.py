"""``besluit_get``: the besluit by id compiled once, the actor's scope added as its condition
(``common.compiled.one_in_scope``). For every role and every besluit it must give exactly what the scoped
queryset gives, with the same rows joined, and nothing for an id that is no besluit's or no id at all."""

from datetime import date
from decimal import Decimal

import pytest

from naleving.common import compiled
from naleving.decisions.models import Besluit
from naleving.decisions.selectors import besluit_get, besluiten_visible_to
from naleving.decisions.tests.factories import BesluitFactory
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.testing.reads import BAD_IDS, compared_for_everyone, finds_nothing_for

pytestmark = pytest.mark.django_db


def _get(actor, pk) -> Besluit:
    return besluit_get(actor=actor, besluit_id=pk)


JOINED = ("resident", "recorded_by", "cosigned_by")


def test_every_role_gets_exactly_the_besluiten_of_its_scope(world):
    compiled.forget()  # what other tests compiled in this process: not this test's
    pietersen = world["pietersen"]
    closed = InvestigationFactory(
        resident=pietersen, assigned_to=world["handhaver"], closed_without_breach=True
    )
    BesluitFactory(
        resident=pietersen,
        investigation=closed,
        decision_date=date(2026, 4, 1),
        benadelingsbedrag=Decimal("1000.00"),
        verwijtbaarheid="",
    )
    seen, refused = compared_for_everyone(
        world,
        Besluit,
        besluiten_visible_to,
        _get,
        JOINED,
    )
    assert seen >= 4 and refused >= 4
    assert [name for name, _ in compiled._INSTANCES] == ["decisions.get"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_id_that_is_no_besluits_finds_nothing(world, bad):
    finds_nothing_for(Besluit, _get, world["besluit"].pk, bad)
