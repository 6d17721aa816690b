"""Factories for decisions. ``BesluitFactory`` records the national outcome of a breach (recovery of the
benadelingsbedrag, a 50% fine for normal culpability). Traits: ``warning`` (benadelingsbedrag ≤ €150),
``deviating`` (maatwerk with a motivation, co-signed by a teamleider), ``concept``."""

from datetime import timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from naleving.accounts.tests.factories import UserFactory
from naleving.decisions.models import Besluit, BesluitStatus, CorrectionType, SanctionType
from naleving.investigations.tests.factories import InvestigationFactory


class BesluitFactory(DjangoModelFactory):
    class Meta:
        model = Besluit

    investigation = factory.SubFactory(InvestigationFactory, closed_with_breach=True)
    resident = factory.SelfAttribute("investigation.resident")
    decision_date = factory.LazyAttribute(lambda besluit: besluit.investigation.closed_on + timedelta(days=7))
    profile = "landelijk"
    benadelingsbedrag = factory.SelfAttribute("investigation.benadelingsbedrag")
    correction_type = CorrectionType.HERZIENING
    recovery_amount = factory.SelfAttribute("benadelingsbedrag")
    sanction_type = SanctionType.BOETE
    fine_amount = factory.LazyAttribute(
        lambda besluit: (besluit.benadelingsbedrag / 2).quantize(Decimal("0.01"))
    )
    verwijtbaarheid = factory.SelfAttribute("investigation.verwijtbaarheid")
    rules_version = "test"
    status = BesluitStatus.VASTGESTELD
    recorded_by = factory.SelfAttribute("resident.consulent")

    class Params:
        warning = factory.Trait(
            investigation=factory.SubFactory(
                InvestigationFactory, closed_with_breach=True, benadelingsbedrag=Decimal("120.00")
            ),
            sanction_type=SanctionType.WAARSCHUWING,
            fine_amount=Decimal("0.00"),
        )
        deviating = factory.Trait(
            deviates=True,
            deviation_motivation="Maatwerk: de boete is gehalveerd vanwege de beperkte draagkracht.",
            fine_amount=factory.LazyAttribute(
                lambda besluit: (besluit.benadelingsbedrag / 4).quantize(Decimal("0.01"))
            ),
            cosigned_by=factory.SubFactory(UserFactory, teamleider=True),
        )
        concept = factory.Trait(status=BesluitStatus.CONCEPT)
