"""Factories for decisions. ``BesluitFactory`` records the national outcome of a breach (recovery of the
benadelingsbedrag, a 50% fine for normal culpability). Traits: ``warning`` (benadelingsbedrag ≤ €150),
``deviating`` (maatwerk with a motivation and the omgekeerde toets, co-signed by a teamleider),
``to_sign`` (the same, still waiting for the second signature), ``concept``. The municipality that decided is
the resident's. ``OpschortingFactory``: a suspension with its risk and impact assessment; traits ``signed``
and ``started``."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from naleving.accounts.tests.factories import UserFactory
from naleving.decisions.models import Besluit, BesluitStatus, CorrectionType, Opschorting, SanctionType
from naleving.investigations.access import access_final_on_refresh
from naleving.investigations.tests.factories import InvestigationFactory


class BesluitFactory(DjangoModelFactory):
    class Meta:
        model = Besluit

    investigation = factory.SubFactory(InvestigationFactory, closed_with_breach=True)
    resident = factory.SelfAttribute("investigation.resident")
    gemeente = factory.SelfAttribute("resident.gemeente")
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

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """As the services do: keep the day the case became final for its handhaver (ADR 0030)."""
        super()._after_postgeneration(instance, create, results)
        if create:
            access_final_on_refresh([instance.investigation_id])
            if instance.investigation_id:
                instance.investigation.refresh_from_db(fields=["access_final_on"])

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
            omgekeerde_toets={
                "onevenredig": "Alleenstaande ouder met een laag inkomen; de fout was een vergissing.",
                "effect": "Een volle boete brengt het gezin onder het bestaansminimum.",
                "schulden_zorg": "Schulden; aangemeld bij de schuldhulpverlening.",
            },
            four_eyes_reasons=[
                {"code": "afwijking", "text": "Het besluit wijkt af van het voorstel (maatwerk)."}
            ],
            fine_amount=factory.LazyAttribute(
                lambda besluit: (besluit.benadelingsbedrag / 4).quantize(Decimal("0.01"))
            ),
            cosigned_by=factory.SubFactory(UserFactory, teamleider=True),
        )
        to_sign = factory.Trait(deviating=True, cosigned_by=None, status=BesluitStatus.TER_ONDERTEKENING)
        concept = factory.Trait(status=BesluitStatus.CONCEPT)


class OpschortingFactory(DjangoModelFactory):
    """A suspension for refusing to co-operate, with its risk and impact assessment (not yet signed)."""

    class Meta:
        model = Opschorting

    besluit = factory.SubFactory(
        BesluitFactory, cooperation="refused", status=BesluitStatus.TER_ONDERTEKENING
    )
    resident = factory.SelfAttribute("besluit.resident")
    weeks = 4
    hersteltermijn_end = factory.LazyAttribute(lambda o: o.besluit.decision_date + timedelta(days=14))
    children_in_household = True
    debts = True
    conclusion = "Twee kinderen; de huur wordt rechtstreeks betaald, dus geen risico op huisuitzetting."
    assessed_by = factory.SelfAttribute("besluit.recorded_by")
    assessed_on = factory.SelfAttribute("besluit.decision_date")

    class Params:
        signed = factory.Trait(
            signed_by=factory.SubFactory(UserFactory, teamleider=True),
            signed_on=factory.SelfAttribute("assessed_on"),
        )
        started = factory.Trait(signed=True, takes_effect_on=date(2026, 5, 11))
