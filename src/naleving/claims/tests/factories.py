"""Factories for claims and repayments. ``VorderingFactory`` recovers a besluit's recovery amount; traits:
``fine`` (the besluit's fine), ``paid`` (repaid in full by one aflossing), ``waived``, ``written_off``."""

from datetime import timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from naleving.claims.models import Aflossing, ClaimKind, ClaimStatus, Vordering
from naleving.decisions.tests.factories import BesluitFactory


def _pay_in_full(vordering: Vordering, create: bool, extracted, **kwargs) -> None:
    if create:
        AflossingFactory(vordering=vordering, amount=vordering.amount, paid_on=vordering.status_changed_on)


class VorderingFactory(DjangoModelFactory):
    class Meta:
        model = Vordering
        skip_postgeneration_save = True

    besluit = factory.SubFactory(BesluitFactory)
    resident = factory.SelfAttribute("besluit.resident")
    kind = ClaimKind.TERUGVORDERING
    amount = factory.SelfAttribute("besluit.recovery_amount")
    created_on = factory.SelfAttribute("besluit.decision_date")
    status = ClaimStatus.OPEN
    monthly_instalment = Decimal("84.09")
    setoff = True
    settled = factory.PostGeneration(lambda vordering, create, extracted, **kwargs: None)

    class Params:
        fine = factory.Trait(kind=ClaimKind.BOETE, amount=factory.SelfAttribute("besluit.fine_amount"))
        paid = factory.Trait(
            status=ClaimStatus.BETAALD,
            status_changed_on=factory.LazyAttribute(lambda v: v.created_on + timedelta(days=30)),
            settled=factory.PostGeneration(_pay_in_full),
        )
        waived = factory.Trait(
            status=ClaimStatus.KWIJTGESCHOLDEN,
            status_changed_on=factory.LazyAttribute(lambda v: v.created_on + timedelta(days=200)),
        )
        written_off = factory.Trait(
            status=ClaimStatus.AFGEBOEKT,
            setoff=False,
            status_changed_on=factory.LazyAttribute(lambda v: v.created_on + timedelta(days=400)),
        )


class AflossingFactory(DjangoModelFactory):
    class Meta:
        model = Aflossing

    vordering = factory.SubFactory(VorderingFactory)
    paid_on = factory.LazyAttribute(lambda aflossing: aflossing.vordering.created_on + timedelta(days=30))
    amount = factory.LazyAttribute(
        lambda a: min(a.vordering.monthly_instalment or a.vordering.amount, a.vordering.amount)
    )
    registered_by = factory.SelfAttribute("vordering.resident.consulent")
