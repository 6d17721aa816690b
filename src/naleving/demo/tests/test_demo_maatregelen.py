"""The demo's maatregelen (issue #19) go through the real services: the demo verordening's figures as an
approved profile version (four eyes), verzuimen with their hearing, two maatregelen with a sent letter, one
closed without a maatregel and one waiting to be heard."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from naleving.decisions.models import Besluit, VerzuimStatus
from naleving.demo.maatregelen import DEMO_FIGURES, NOTE, maatregelen_load
from naleving.rules import parameters_in_force
from naleving.ruleset.models import ParameterSet, SetStatus
from naleving.ruleset.selectors import source

pytestmark = pytest.mark.django_db
REFERENCE = date(2026, 11, 1)


@pytest.fixture
def residents(world):
    """Four residents on a Pw benefit in the Noord consulent's caseload, without besluiten."""
    from naleving.residents.tests.factories import BenefitFactory, ResidentFactory

    found = []
    for number, bsn in enumerate(("100000009", "100000010", "100000022", "100000034")):
        resident = ResidentFactory(
            bsn=bsn,
            family_name=f"Demo{number}",
            birth_date=date(1980, 1, 1),
            household_type="alleenstaande",
            consulent=world["consulent"],
            gemeente=world["jansen"].gemeente,
        )
        BenefitFactory(
            resident=resident, regulation="Pw", start_date=date(2025, 1, 1), household_type="alleenstaande"
        )
        found.append(resident)
    return found


def test_the_demo_verordening_and_four_verzuimen_through_the_services(world, residents):
    assert maatregelen_load(REFERENCE) == 4
    approved = ParameterSet.objects.get(status=SetStatus.APPROVED)
    assert "(demo-cijfers)" in approved.title and approved.note == NOTE
    assert approved.proposed_by != approved.decided_by
    found = parameters_in_force("landelijk", REFERENCE, source()[1])["parameters"]
    assert {name: str(found[name]["value"]) for name in DEMO_FIGURES} == {
        n: str(v) for n, v in DEMO_FIGURES.items()
    }
    assert "(demo)" in found["maatregel.verordening.pw18_4.months_first"]["citation"]
    statuses = sorted(v.status for r in residents for v in r.verzuimen.all())
    assert statuses == sorted(
        [VerzuimStatus.BESLOTEN, VerzuimStatus.BESLOTEN, VerzuimStatus.GESLOTEN, VerzuimStatus.GEMELD]
    )
    besluiten = list(Besluit.objects.filter(sanction_type="maatregel").order_by("pk"))
    assert [(b.maatregel_percentage, b.maatregel_months) for b in besluiten] == [
        (Decimal("100"), 1),
        (Decimal("10"), 1),
    ]
    assert all(b.brieven.count() == 1 and b.sent_on for b in besluiten)
    for besluit in besluiten:  # replayed with the parameter set it was decided with (the demo verordening)
        out = io.StringIO()
        call_command("decide", "--replay", str(besluit.pk), stdout=out)
        assert besluit.parameter_set_seq == approved.seq and '"identical": true' in out.getvalue()
    assert maatregelen_load(REFERENCE) == 0  # a second run adds nothing
