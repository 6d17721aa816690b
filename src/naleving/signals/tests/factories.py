"""Factories for signals. The municipality is the resident's (``Signal.save``), or Demostad for an
unlinked signal unless given. Traits: ``anonymous`` (an anonymous report about nobody traceable), ``triaged``
(route preventief contact, with a motivation), ``to_investigation`` (triaged, route onderzoek)."""

from datetime import UTC, date, datetime

import factory
from factory.django import DjangoModelFactory

from naleving.accounts.tests.factories import UserFactory
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.residents.tests.factories import ResidentFactory
from naleving.signals.choices import Origin, Route, ViolationKind
from naleving.signals.models import Signal

_TRIAGED = {
    "triage_motivation": "Geen aanwijzing voor opzet; een voorlichtingsgesprek is het lichtste passende middel.",
    "triaged_at": datetime(2026, 1, 12, 10, 30, tzinfo=UTC),
    "triaged_by": factory.SubFactory(UserFactory, handhaver=True),
}


class SignalFactory(DjangoModelFactory):
    class Meta:
        model = Signal

    resident = factory.SubFactory(ResidentFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    origin = Origin.INLICHTINGENBUREAU
    kind = ViolationKind.INCOME
    received_on = date(2026, 1, 8)
    description = "Signaal Inlichtingenbureau, product 'Start inkomstenverhouding': loon sinds 01-12-2025."
    external_reference = factory.Sequence(lambda n: f"IB-2026-{n:07d}")
    registered_by = factory.SubFactory(UserFactory, handhaver=True)

    class Params:
        anonymous = factory.Trait(
            resident=None,
            origin=Origin.ANONIEME_MELDING,
            kind=ViolationKind.COHABITATION,
            description="Anonieme melding: mogelijk woont er een partner op het adres.",
            external_reference="",
            registered_by=None,
        )
        triaged = factory.Trait(route=Route.PREVENTIEF_CONTACT, **_TRIAGED)
        to_investigation = factory.Trait(
            route=Route.ONDERZOEK,
            **{**_TRIAGED, "triage_motivation": "Concrete aanwijzingen met mogelijke financiële gevolgen."},
        )
