"""A teamleider's investigations are those of his team's caseloads and those assigned to his team's handhavers,
with the team written as its members' ids (``team_member_ids``, issue #24) rather than joins to the users."""

import pytest

from naleving.investigations.selectors import investigations_visible_to
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory


@pytest.mark.django_db
def test_the_team_scope_covers_caseloads_and_assignments_without_joining_the_users(world):
    leider, leider_zuid = world["teamleider"], world["teamleider_zuid"]
    ours = world["investigation"]  # Jansen (consulent Noord), assigned to the handhaver of Noord
    assigned_to_us = InvestigationFactory(resident=world["pietersen"], assigned_to=world["handhaver"])
    other_zuid = ResidentFactory(consulent=world["consulent_zuid"], district="Zuid")
    not_ours = InvestigationFactory(resident=other_zuid, assigned_to=None)

    noord = set(investigations_visible_to(leider))
    zuid = set(investigations_visible_to(leider_zuid))
    assert {ours, assigned_to_us} <= noord and not_ours not in noord
    # Pietersen and the other are in Zuid's caseload, whoever conducts the investigation
    assert {assigned_to_us, not_ours} <= zuid and ours not in zuid
    where = str(investigations_visible_to(leider).query).split(" WHERE ", 1)[1]
    assert '"team_id"' not in where  # the ids, not joins the planner has to guess
