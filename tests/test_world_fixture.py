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


def test_the_copies_are_one_world(world):
    """Each object is copied when first asked for, with the memo of the others: what two entries share is one
    object in the test too, and the module's own objects are never handed out."""
    jansen = world["jansen"]
    assert jansen.consulent is world["consulent"]
    assert world["besluit"].resident is jansen
    assert world["investigation"].assigned_to is world["handhaver"]
    noord, _ = world["teams"]
    assert world["consulent"].team is noord
    assert list(world)[:2] == ["consulent", "consulent_zuid"] and len(world) == len(dict(world.items()))
    world["consulent"].first_name = "Gewijzigd"
    assert jansen.consulent.first_name == "Gewijzigd"


def test_the_module_world_kept_its_objects(world, _module_world):
    assert world["consulent"].first_name != "Gewijzigd"
    assert _module_world["consulent"].first_name != "Gewijzigd"
    assert world["jansen"] is not _module_world["jansen"]
    world["extra"] = "een eigen waarde"
    assert world["extra"] == "een eigen waarde" and "extra" in world and "extra" not in _module_world
    del world["extra"]
    assert "extra" not in world
    with pytest.raises(KeyError):
        world["extra"]
