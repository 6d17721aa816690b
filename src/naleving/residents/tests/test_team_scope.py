"""The team scope is written as the team's user ids (``team_member_ids``, issue #24): the same residents as
"the consulent is in the actor's team", read anew for each request's user."""

import pytest
from django.contrib.auth import get_user_model

from naleving.residents.selectors import residents_visible_to, team_member_ids


@pytest.mark.django_db
def test_a_teamleider_sees_his_teams_caseloads_and_no_join_to_the_users(world):
    noord = world["teams"][0]
    leider = world["teamleider"]
    assert set(team_member_ids(leider)) == set(
        get_user_model().objects.filter(team=noord).values_list("pk", flat=True)
    )
    assert world["consulent"].pk in team_member_ids(leider)
    seen = residents_visible_to(leider)
    assert world["jansen"] in seen and world["pietersen"] not in seen
    assert '"accounts_user"' not in str(seen.query)  # the ids, not a join the planner has to guess


@pytest.mark.django_db
def test_a_consulent_moved_into_the_team_shows_for_the_next_request(world):
    leider = world["teamleider"]
    assert world["pietersen"] not in residents_visible_to(leider)
    moved = world["consulent_zuid"]
    moved.team = world["teams"][0]
    moved.save()
    next_request = get_user_model().objects.get(pk=leider.pk)  # each request reads its user anew
    assert world["pietersen"] in residents_visible_to(next_request)


@pytest.mark.django_db
def test_a_team_of_one_sees_only_its_own(world, make_user):
    from naleving.accounts.tests.factories import TeamFactory

    alone = make_user("teamleider", team=TeamFactory(name="Team Leeg"), username="alleen")
    assert team_member_ids(alone) == [alone.pk]
    assert not residents_visible_to(alone).exists()
