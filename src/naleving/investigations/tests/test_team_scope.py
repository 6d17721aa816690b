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


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["teamleider", "handhaver"])
def test_the_compiled_handhaver_list_is_the_querysets(world, make_user, who):
    """The list of handhavers (the filter's choices, the bulk assignment's open counts) read with SQL compiled
    once per process gives the users the queryset gives, with the same open counts, for each team."""
    from naleving.common import compiled
    from naleving.investigations.selectors import _handhavers_query, handhavers_listed

    compiled.forget()
    second = make_user("handhaver", team=world["teams"][0], username="handhaver_noord_2")
    make_user("handhaver", team=world["teams"][1], username="handhaver_zuid")
    stopped = make_user("handhaver", team=world["teams"][0], username="gestopt")
    stopped.is_active = False
    stopped.save()
    for actor in (world[who], world["teamleider_zuid"]):
        counted = actor.has_perm("investigations.assign_investigation")
        listed = handhavers_listed(actor)
        expected = list(_handhavers_query(actor.team_id, counted=counted))
        assert listed == expected and listed
        assert all(u.team_id == actor.team_id and u.is_active for u in listed)
        if counted:
            assert [u.open_count for u in listed] == [u.open_count for u in expected]
        assert handhavers_listed(actor) is listed  # read once per user object
    assert second in handhavers_listed(world[who])
    if who == "teamleider":
        assert next(u for u in handhavers_listed(world[who]) if u == world["handhaver"]).open_count == 1


@pytest.mark.django_db
def test_the_handhaver_list_is_kept_for_the_user_until_he_changes_something(world, settings):
    """Its names and open counts are kept like his list counts (``common.paging.kept_for_user``): another's
    assignment shows within the minute, his own at once."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from naleving.common.paging import lists_changed
    from naleving.investigations.selectors import handhavers_listed

    settings.NALEVING_LIST_COUNT_SECONDS = 60
    cache.clear()
    leider = world["teamleider"]

    def open_count() -> int:  # a new request's user object each time
        fresh = get_user_model().objects.get(pk=leider.pk)
        return next(u for u in handhavers_listed(fresh) if u == world["handhaver"]).open_count

    before = open_count()
    InvestigationFactory(resident=world["pietersen"], assigned_to=world["handhaver"])
    assert open_count() == before  # kept
    lists_changed(leider.pk)  # he changed something
    assert open_count() == before + 1
    cache.clear()
