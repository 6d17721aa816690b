"""Factories for investigations, investigative actions and hoor en wederhoor.

``InvestigationFactory`` opens an investigation on a signal routed to onderzoek; the trait
``closed_with_breach`` closes it with an established breach (kind, period, benadelingsbedrag,
verwijtbaarheid) after hoor en wederhoor; ``closed_without_breach`` closes it without one. With
``closed_with_breach=True, months=True`` the benadelingsbedrag of € 1.250,00 comes from five
``FindingMonth`` rows (September 2025 to January 2026, € 250,00 each), as the decision step sends them.
"""

from datetime import date, timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from naleving.accounts.tests.factories import UserFactory
from naleving.investigations.access import access_final_on_refresh
from naleving.investigations.choices import ActionKind, Outcome, Status, Verwijtbaarheid
from naleving.investigations.models import FindingMonth, HoorEnWederhoor, Investigation, InvestigativeAction
from naleving.residents.tests.factories import ResidentFactory
from naleving.signals.choices import ViolationKind
from naleving.signals.tests.factories import SignalFactory


def _attach_signals(investigation: Investigation, create: bool, extracted, **kwargs) -> None:
    """``signals=[...]`` attaches those; by default one signal about the resident, routed to onderzoek."""
    if not create:
        return
    signals = (
        extracted
        if extracted is not None
        else [SignalFactory(resident=investigation.resident, to_investigation=True)]
    )
    investigation.signals.add(*signals)


def _hear(investigation: Investigation, create: bool, extracted, **kwargs) -> None:
    """The closed_with_breach trait: the resident was heard a week before the investigation closed."""
    if create:
        HoorEnWederhoorFactory(
            investigation=investigation, held_on=investigation.closed_on - timedelta(days=7)
        )


def _months(investigation: Investigation, create: bool, extracted, **kwargs) -> None:
    """``months=True``: the breach's benadelingsbedrag as € 250,00 too much in each month of its period."""
    if not (create and extracted and investigation.period_start and investigation.period_end):
        return
    month = investigation.period_start.replace(day=1)
    while month <= investigation.period_end:
        FindingMonthFactory(investigation=investigation, month=month)
        month = (month + timedelta(days=32)).replace(day=1)


class InvestigationFactory(DjangoModelFactory):
    class Meta:
        model = Investigation
        skip_postgeneration_save = True

    resident = factory.SubFactory(ResidentFactory)
    assigned_to = factory.SubFactory(UserFactory, handhaver=True)
    opened_on = date(2026, 2, 1)
    status = Status.OPEN
    signals = factory.PostGeneration(_attach_signals)
    heard = factory.PostGeneration(lambda investigation, create, extracted, **kwargs: None)
    months = factory.PostGeneration(_months)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """As the services do: keep the day the case became final for its handhaver (ADR 0030)."""
        super()._after_postgeneration(instance, create, results)
        if create:
            access_final_on_refresh([instance.pk])
            instance.refresh_from_db(fields=["access_final_on"])

    class Params:
        closed_with_breach = factory.Trait(
            status=Status.AFGEROND,
            closed_on=date(2026, 4, 15),
            outcome=Outcome.SCHENDING,
            violation_kind=ViolationKind.INCOME,
            period_start=date(2025, 9, 1),
            period_end=date(2026, 1, 31),
            benadelingsbedrag=Decimal("1250.00"),
            verwijtbaarheid=Verwijtbaarheid.NORMAAL,
            verwijtbaarheid_motivation="De inlichtingenplicht was bekend; geen verminderende omstandigheden.",
            heard=factory.PostGeneration(_hear),
        )
        closed_without_breach = factory.Trait(
            status=Status.AFGEROND, closed_on=date(2026, 3, 20), outcome=Outcome.GEEN_SCHENDING
        )


class InvestigativeActionFactory(DjangoModelFactory):
    class Meta:
        model = InvestigativeAction

    investigation = factory.SubFactory(InvestigationFactory)
    kind = ActionKind.INLICHTINGEN_VORDEREN
    reason = (
        "Bankafschriften opgevraagd: nodig om de inkomsten vast te stellen; de inwoner kan ze zelf leveren."
    )
    performed_on = factory.LazyAttribute(lambda action: action.investigation.opened_on + timedelta(days=3))
    performed_by = factory.SelfAttribute("investigation.assigned_to")
    notes = "Afschriften ontvangen en vergeleken met de polisadministratie."

    class Params:
        home_visit = factory.Trait(
            kind=ActionKind.HUISBEZOEK,
            reason="Huisbezoek met toestemming, na uitleg over het recht om te weigeren.",
            less_intrusive_insufficient="Bankafschriften en een gesprek gaven geen uitsluitsel over de woonsituatie.",
            consent_given=True,
        )


class HoorEnWederhoorFactory(DjangoModelFactory):
    class Meta:
        model = HoorEnWederhoor

    investigation = factory.SubFactory(InvestigationFactory)
    held_on = factory.LazyAttribute(lambda hearing: hearing.investigation.opened_on + timedelta(days=14))
    summary = "De inwoner erkent de inkomsten niet te hebben doorgegeven."
    recorded_by = factory.SelfAttribute("investigation.assigned_to")


class FindingMonthFactory(DjangoModelFactory):
    class Meta:
        model = FindingMonth

    investigation = factory.SubFactory(InvestigationFactory, closed_with_breach=True)
    month = date(2025, 9, 1)
    paid = Decimal("1401.50")
    entitled = Decimal("1151.50")
