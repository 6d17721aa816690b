"""The besluiten a user sees (issue #24): a handhaver's list asks his investigations' access once, through
their residents, and sees exactly what the residents and the investigations together gave him before."""

from datetime import date

import pytest
from django.db.models import Q

from naleving.accounts.models import User
from naleving.decisions.models import Besluit
from naleving.decisions.selectors import besluiten_visible_to
from naleving.decisions.tests.factories import BesluitFactory
from naleving.investigations.selectors import investigations_visible_to
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.selectors import only_investigated, resident_ids_in_scope


def both_ways(actor) -> set[int]:
    """The besluiten through the residents in scope or through the investigations the actor may see."""
    scope = Q(resident_id__in=resident_ids_in_scope(actor))
    if actor.has_perm("investigations.conduct_investigation"):
        scope |= Q(investigation__in=investigations_visible_to(actor).values("pk"))
    return set(Besluit.objects.filter(scope).values_list("pk", flat=True))


@pytest.mark.django_db
def test_every_user_sees_the_besluiten_of_his_residents_and_of_his_investigations(world):
    handhaver = world["handhaver"]
    jansen = world["jansen"]
    # his own closed case with a besluit, an earlier besluit of the same resident on someone else's
    # investigation, and a besluit on another handhaver's investigation of a resident he does not see
    mine = InvestigationFactory(resident=jansen, assigned_to=handhaver, closed_with_breach=True)
    BesluitFactory(investigation=mine, status="concept")
    BesluitFactory(
        investigation=InvestigationFactory(resident=jansen, closed_with_breach=True),
        decision_date=date(2025, 3, 1),
    )
    BesluitFactory()
    users = [User.objects.get(pk=u.pk) for u in world.values() if isinstance(u, User)]
    assert any(only_investigated(u) for u in users)
    for user in users:
        seen = set(besluiten_visible_to(user).values_list("pk", flat=True))
        if user.has_perm("decisions.view_besluit"):
            assert seen == both_ways(user), user.username
        else:
            assert seen == set(), user.username
    assert set(besluiten_visible_to(User.objects.get(pk=handhaver.pk)).values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_handhavers_list_asks_the_access_of_his_investigations_once(world):
    handhaver = User.objects.get(pk=world["handhaver"].pk)
    assert only_investigated(handhaver)
    sql = str(besluiten_visible_to(handhaver).query)
    assert sql.count('FROM "investigations_investigation"') == 1, sql
