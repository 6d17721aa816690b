"""The handhaver's extra residents of the scope tests (``test_ids_looked_up.py``, ``test_walked_scope.py``)."""

from naleving.investigations.tests.factories import InvestigationFactory
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
