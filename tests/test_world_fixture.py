"""The ``world`` fixture: built once per module for the tests in a transaction, each test's writes rolled back.

The tests depend on their order (the second sees what the first did, or rather did not leave behind), so the
module is one xdist group.
"""

import pytest

from naleving.residents.models import Resident

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("world-fixture")]

SEEN: dict[str, object] = {}


def test_a_test_gets_the_modules_world_and_may_change_it(world):
    jansen = world["jansen"]
    SEEN["jansen"], SEEN["family_name"] = jansen.pk, jansen.family_name
    jansen.family_name = "Veranderd"
    jansen.save()
    world["besluit"].delete()
    assert not Resident.objects.filter(family_name=SEEN["family_name"]).exists()


def test_the_next_test_gets_the_same_world_as_it_was(world):
    if not SEEN:
        pytest.skip("runs after the test above")
    jansen = world["jansen"]
    assert jansen.pk == SEEN["jansen"]  # the same rows: the world was not built again
    assert jansen.family_name == SEEN["family_name"]  # a copy of the objects as built, not the changed one
    assert Resident.objects.get(pk=jansen.pk).family_name == SEEN["family_name"]  # the change rolled back
    assert type(world["besluit"]).objects.filter(pk=world["besluit"].pk).exists()  # so was the delete
