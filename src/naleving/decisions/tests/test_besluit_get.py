"""``besluit_get``: the besluit by id compiled once, the actor's scope added as its condition
(``common.compiled.one_in_scope``). For every role and every besluit it must give exactly what the scoped
queryset gives, with the same rows joined, and nothing for an id that is no besluit's or no id at all."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from naleving.common import compiled
from naleving.decisions.models import Besluit
from naleving.decisions.selectors import besluit_get, besluiten_visible_to
from naleving.decisions.tests.factories import BesluitFactory
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.testing.reads import as_read

pytestmark = pytest.mark.django_db

JOINED = ("resident", "recorded_by", "cosigned_by")


def _read(row: Besluit | None) -> tuple | None:
    return as_read(row, JOINED)


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
    superuser = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    users = [value for value in world.values() if isinstance(value, get_user_model())] + [superuser]
    ids = list(Besluit.objects.values_list("pk", flat=True))
    assert len(ids) >= 2
    seen, refused = 0, 0
    for actor in users:
        for pk in ids:
            try:
                expected = besluiten_visible_to(actor).get(pk=pk)
            except Besluit.DoesNotExist:
                expected = None
            try:
                found = besluit_get(actor=actor, besluit_id=pk)
            except Besluit.DoesNotExist:
                found = None
            assert _read(found) == _read(expected), (actor.username, pk)
            seen, refused = seen + (found is not None), refused + (found is None)
    assert seen >= 4 and refused >= 4
    assert [name for name, _ in compiled._INSTANCES] == ["decisions.get"]


@pytest.mark.parametrize("bad", [0, -1, 2**63, "abc", None, True])
def test_an_id_that_is_no_besluits_finds_nothing(world, bad):
    everyone = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    assert besluit_get(actor=everyone, besluit_id=world["besluit"].pk)
    with pytest.raises(Besluit.DoesNotExist):
        besluit_get(actor=everyone, besluit_id=bad)
