"""Every factory, plain and with each of its traits, builds rows that pass full_clean() in the database."""

import factory
import pytest

from naleving.accounts.roles import ROLE_BY_KEY
from naleving.accounts.tests.factories import TeamFactory, UserFactory
from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
from naleving.decisions.tests.factories import BesluitFactory
from naleving.investigations.tests.factories import (
    HoorEnWederhoorFactory,
    InvestigationFactory,
    InvestigativeActionFactory,
)
from naleving.prevention.tests.factories import PreventiveInterventionFactory, ReferralFactory
from naleving.residents.tests.factories import ApplicationFactory, BenefitFactory, ResidentFactory, test_bsn
from naleving.residents.validators import bsn_is_valid
from naleving.signals.tests.factories import SignalFactory

FACTORIES = (
    TeamFactory, UserFactory, ResidentFactory, BenefitFactory, ApplicationFactory, SignalFactory,
    InvestigationFactory, InvestigativeActionFactory, HoorEnWederhoorFactory, BesluitFactory, VorderingFactory,
    AflossingFactory, PreventiveInterventionFactory, ReferralFactory,
)  # fmt: skip


def _traits(factory_class) -> list[str]:
    return sorted(
        name for name, value in factory_class._meta.parameters.items() if isinstance(value, factory.Trait)
    )


CASES = [(f, None) for f in FACTORIES] + [(f, trait) for f in FACTORIES for trait in _traits(f)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory_class", "trait"), CASES, ids=[f"{f.__name__}-{t or 'plain'}" for f, t in CASES]
)
def test_factory_builds_valid_rows(roles, factory_class, trait):
    obj = factory_class(**({trait: True} if trait else {}))

    obj.full_clean()
    assert obj.pk is not None


def test_every_factory_has_traits_or_is_simple():
    # The role traits cover every role in the role table.
    assert {"inkomensconsulent", *ROLE_BY_KEY} - {"inkomensconsulent"} <= set(_traits(UserFactory))


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ROLE_BY_KEY))
def test_role_trait_puts_user_in_role_group(roles, role):
    user = UserFactory(**{role: True})

    assert list(user.groups.values_list("name", flat=True)) == [ROLE_BY_KEY[role].name]
    for permission in ROLE_BY_KEY[role].permissions:
        assert user.has_perm(permission), permission


@pytest.mark.django_db
def test_couple_trait_links_partners_at_one_address(roles):
    resident = ResidentFactory(couple=True)
    resident.refresh_from_db()
    partner = resident.partner

    assert partner is not None and partner.partner_id == resident.pk
    assert (partner.street, partner.house_number, partner.postcode) == (
        resident.street, resident.house_number, resident.postcode,
    )  # fmt: skip
    partner.full_clean()


@pytest.mark.django_db
def test_closed_with_breach_heard_before_closing(roles):
    investigation = InvestigationFactory(closed_with_breach=True)

    hearings = list(investigation.hoor_en_wederhoor.all())
    assert hearings and all(h.held_on <= investigation.closed_on for h in hearings)
    assert investigation.signals.count() == 1


def test_test_bsns_are_valid_and_unique():
    bsns = [test_bsn(n) for n in range(5000)]

    assert all(bsn_is_valid(bsn) for bsn in bsns)
    assert len(set(bsns)) == len(bsns)
