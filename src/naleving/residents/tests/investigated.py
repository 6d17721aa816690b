"""The handhaver's extra residents of the scope tests (``test_ids_looked_up.py``, ``test_walked_scope.py``)."""

import pytest

from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.models import Resident
from naleving.residents.tests.factories import ResidentFactory


def investigated_build(world, *, others: int, same_names: bool) -> list[int]:
    """Thirty residents more for the handhaver of ``world`` (his own investigations; with ``same_names`` some
    share a name) and ``others`` with an investigation of the consulent's; the ids of the handhaver's thirty."""
    handhaver, gemeente = world["handhaver"], world["jansen"].gemeente
    names = (
        (lambda n: {"family_name": f"Naam {n % 7}", "first_names": f"Voornaam {n % 3}"})
        if same_names
        else (lambda n: {})
    )
    mine = [ResidentFactory(gemeente=gemeente, **names(n)) for n in range(30)]
    for resident in mine:
        InvestigationFactory(resident=resident, assigned_to=handhaver)
    for _ in range(others):
        InvestigationFactory(resident=ResidentFactory(gemeente=gemeente), assigned_to=world["consulent"])
    return [resident.pk for resident in mine]


def investigated_fixtures(*, others: int, same_names: bool):
    """The module's fixtures ``_investigated`` (``investigated_build`` once, in the module's transaction, rolled
    back with its world) and ``investigated`` (the handhaver's thirty residents, the test's own instances)."""

    @pytest.fixture(scope="module")
    def _investigated(_module_world, django_db_blocker) -> list[int]:
        with django_db_blocker.unblock():
            return investigated_build(_module_world, others=others, same_names=same_names)

    @pytest.fixture
    def investigated(_investigated, world) -> list[Resident]:
        return list(Resident.objects.filter(pk__in=_investigated).order_by("pk"))

    return _investigated, investigated
