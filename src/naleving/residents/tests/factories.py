"""Factories for residents, benefits and applications.

Traits: ``ResidentFactory(couple=True)`` (a linked partner at the same address), ``kostendeler``,
``single_parent``, ``extra_support``; ``BenefitFactory(ended=True)``, ``couple``, ``kostendeler``;
``ApplicationFactory(granted=True)``, ``refused``, ``withdrawn``.
"""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from naleving import rules
from naleving.accounts.tests.factories import UserFactory
from naleving.demo.town import LETTER_PAIRS, bsn_complete
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.residents.choices import (
    ApplicationOutcome,
    HouseholdType,
    LanguageLevel,
    Regulation,
    SupportNeed,
)
from naleving.residents.models import Application, Benefit, Resident


def test_bsn(n: int) -> str:
    """A unique valid BSN per ``n``: of ten prefixes that differ in the last digit, at most one has no check digit."""
    base = 20_000_000 + 10 * n
    return next(bsn for j in range(10) if (bsn := bsn_complete(str(base + j))) is not None)


test_bsn.__test__ = False  # not a pytest test


def _link_partner(resident: Resident, create: bool, extracted, **kwargs) -> None:
    """The couple trait: a second resident at the same address, both pointing to each other."""
    partner = (ResidentFactory if create else ResidentFactory.build)(
        household_type=HouseholdType.GEHUWDEN,
        kostendelers=resident.kostendelers,
        street=resident.street,
        house_number=resident.house_number,
        postcode=resident.postcode,
        district=resident.district,
        consulent=resident.consulent,
        partner=resident,
    )
    resident.partner = partner
    if create:
        resident.save(update_fields=["partner"])


class ResidentFactory(DjangoModelFactory):
    class Meta:
        model = Resident
        skip_postgeneration_save = True

    bsn = factory.Sequence(test_bsn)
    first_names = factory.Faker("first_name", locale="nl_NL")
    family_name = factory.Faker("last_name", locale="nl_NL")
    birth_date = factory.Faker("date_of_birth", minimum_age=21, maximum_age=66)
    street = factory.Faker("street_name", locale="nl_NL")
    house_number = factory.Sequence(lambda n: n % 180 + 1)
    postcode = factory.Sequence(lambda n: f"{5300 + n % 320} {LETTER_PAIRS[n % len(LETTER_PAIRS)]}")
    city = "Demostad"
    district = "Centrum"
    gemeente = factory.SubFactory(GemeenteFactory)
    household_type = HouseholdType.ALLEENSTAANDE
    kostendelers = 1
    consulent = factory.SubFactory(UserFactory, consulent=True)

    class Params:
        couple = factory.Trait(
            household_type=HouseholdType.GEHUWDEN,
            kostendelers=2,
            partnered=factory.PostGeneration(_link_partner),
        )
        kostendeler = factory.Trait(kostendelers=2)
        single_parent = factory.Trait(household_type=HouseholdType.ALLEENSTAANDE_OUDER)
        extra_support = factory.Trait(
            needs_extra_support=True,
            language_level=LanguageLevel.ONDER_B1,
            support_needs=[SupportNeed.VASTE_CONTACTPERSOON.value, SupportNeed.EENVOUDIGE_TAAL.value],
            fixed_contact_person=factory.SelfAttribute("consulent"),
        )

    partnered = factory.PostGeneration(
        lambda resident, create, extracted, **kwargs: None
    )  # see the couple trait


class BenefitFactory(DjangoModelFactory):
    class Meta:
        model = Benefit

    resident = factory.SubFactory(ResidentFactory)
    regulation = Regulation.PW
    start_date = date(2025, 3, 1)
    end_date = None
    household_type = factory.SelfAttribute("resident.household_type")
    kostendelers = factory.SelfAttribute("resident.kostendelers")
    norm_amount = factory.LazyAttribute(
        # the engine's norm on the last day, or on the first shipped norms' day for a benefit ended before it
        lambda b: rules.norm(
            b.household_type,
            "21_to_aow",
            b.kostendelers,
            max(b.end_date or date(2026, 1, 1), date(2025, 1, 1)),
        )
    )
    monthly_amount = factory.SelfAttribute("norm_amount")

    class Params:
        ended = factory.Trait(end_date=date(2026, 3, 31))
        couple = factory.Trait(resident=factory.SubFactory(ResidentFactory, couple=True))
        kostendeler = factory.Trait(resident=factory.SubFactory(ResidentFactory, kostendeler=True))
        partial = factory.Trait(
            monthly_amount=factory.LazyAttribute(lambda b: b.norm_amount - Decimal("400.00"))
        )


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    resident = factory.SubFactory(ResidentFactory)
    regulation = Regulation.PW
    received_on = date(2026, 1, 5)
    decided_on = None
    outcome = ApplicationOutcome.IN_BEHANDELING
    handled_by = factory.SelfAttribute("resident.consulent")

    class Params:
        granted = factory.Trait(decided_on=date(2026, 2, 2), outcome=ApplicationOutcome.TOEGEKEND)
        refused = factory.Trait(decided_on=date(2026, 2, 16), outcome=ApplicationOutcome.AFGEWEZEN)
        withdrawn = factory.Trait(decided_on=date(2026, 1, 20), outcome=ApplicationOutcome.INGETROKKEN)
