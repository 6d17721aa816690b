"""The purpose every read of a resident is logged with (``access_basis``): why this user may see him."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from naleving.residents.selectors import access_basis, resident_get, team_member_ids


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("user", "purpose"),
    [
        ("consulent", "Eigen caseload (uitvoering uitkering)"),
        ("teamleider", "Teamsturing (teamleider)"),
        ("handhaver", "Toegewezen handhavingsonderzoek"),
    ],
)
def test_each_role_reads_jansen_for_its_own_reason(world, user, purpose):
    actor = world[user]
    resident = resident_get(actor=actor, resident_id=world["jansen"].pk)
    assert access_basis(actor, resident) == purpose


@pytest.mark.django_db
def test_a_fixed_contact_person_and_a_teamleider_of_another_team(world):
    jansen = world["jansen"]
    jansen.fixed_contact_person = world["consulent_zuid"]
    assert access_basis(world["consulent_zuid"], jansen) == "Vaste contactpersoon (extra ondersteuning)"
    # the teamleider of Zuid does not lead Jansen's consulent: not his team's resident
    assert access_basis(world["teamleider_zuid"], jansen) != "Teamsturing (teamleider)"
    jansen.consulent = None
    assert access_basis(world["teamleider"], jansen) != "Teamsturing (teamleider)"


@pytest.mark.django_db
def test_the_team_purpose_reads_no_consulent_again(world):
    """The teamleider's team is read once for his scope; the purpose of the read asks it, not the database."""
    teamleider = world["teamleider"]
    resident = resident_get(actor=teamleider, resident_id=world["jansen"].pk)
    resident = type(resident).objects.get(pk=resident.pk)  # as a case page has it: its consulent not joined
    team_member_ids(teamleider)
    with CaptureQueriesContext(connection) as queries:
        assert access_basis(teamleider, resident) == "Teamsturing (teamleider)"
    assert len(queries) == 0
