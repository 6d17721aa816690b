"""Objection against a maatregel (Pw 18): the decision on objection may end or shorten the reduction, never
lengthen it (Awb 7:11), and its letter names the reduction before and after."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from naleving.decisions import letter_content, remedies
from naleving.decisions.models import Besluit, BesluitStatus, SanctionType
from naleving.decisions.tests.factories import BesluitFactory
from naleving.decisions.tests.fixtures import DECIDED

pytestmark = pytest.mark.django_db


@pytest.fixture
def maatregel(world):
    """Jansen's maatregel: 100 % of a EUR 1,419.46 norm for 2 months, sent on DECIDED."""
    return BesluitFactory(
        resident=world["jansen"],
        investigation=None,
        benadelingsbedrag=Decimal("0.00"),
        verwijtbaarheid="normaal",
        decision_date=DECIDED,
        sent_on=DECIDED,
        sanction_type=SanctionType.MAATREGEL,
        fine_amount=Decimal("0.00"),
        recovery_amount=Decimal("0.00"),
        maatregel_percentage=Decimal("100"),
        maatregel_months=2,
        maatregel_start=date(2026, 6, 1),
        maatregel_monthly=Decimal("1419.46"),
        maatregel_total=Decimal("2838.92"),
        status=BesluitStatus.VASTGESTELD,
        motivation="De inwoner weigerde passend werk.",
    )


def objection(world, besluit, **decision):
    bezwaar = remedies.bezwaar_register(
        actor=world["consulent"], besluit=besluit, received_on=date(2026, 5, 20), grounds="Ik was ziek."
    )
    arguments = {"decided_on": date(2026, 6, 20), "motivation": "Zie het verslag.", **decision}
    return remedies.bezwaar_decide(actor=world["consulent"], bezwaar=bezwaar, **arguments)


def test_partly_upheld_shortens_the_reduction(world, maatregel):
    bezwaar = objection(world, maatregel, outcome="deels_gegrond", maatregel_months=1)
    new = bezwaar.decision
    assert new.sanction_type == SanctionType.MAATREGEL
    assert (new.maatregel_months, new.maatregel_total) == (1, Decimal("1419.46"))
    assert new.maatregel_start == date(2026, 6, 1) and new.maatregel_percentage == Decimal("100")
    assert "van 2 naar 1 maanden" in new.deviation_motivation
    assert Besluit.objects.get(pk=maatregel.pk).status == BesluitStatus.VERVANGEN
    facts = letter_content.objection_facts(new)
    assert ("Verlaging van de bijstand", Decimal("2838.92"), Decimal("1419.46")) in facts.amounts


def test_upheld_ends_the_reduction(world, maatregel):
    new = objection(world, maatregel, outcome="gegrond").decision
    assert new.sanction_type == SanctionType.GEEN
    assert (new.maatregel_months, new.maatregel_total, new.maatregel_monthly) == (None, 0, 0)


def test_unfounded_keeps_the_reduction(world, maatregel):
    new = objection(world, maatregel, outcome="ongegrond", maatregel_months=1).decision
    assert (new.sanction_type, new.maatregel_months, new.maatregel_total) == (
        "maatregel",
        2,
        Decimal("2838.92"),
    )


def test_a_longer_reduction_is_refused(world, maatregel):
    with pytest.raises(ValidationError) as error:
        objection(world, maatregel, outcome="deels_gegrond", maatregel_months=3)
    assert "7:11" in str(error.value.message_dict["maatregel_months"])
    assert Besluit.objects.get(pk=maatregel.pk).status == BesluitStatus.VASTGESTELD


def test_a_fine_is_not_touched_by_the_maatregel_rules(world, maatregel):
    fine = BesluitFactory(investigation__resident=world["jansen"], sent_on=DECIDED, decision_date=DECIDED)
    new = objection(world, fine, outcome="ongegrond", maatregel_months=5).decision
    assert new.sanction_type == fine.sanction_type and new.maatregel_months is None
