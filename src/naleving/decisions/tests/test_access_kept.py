"""The services keep the day a case became final for its handhaver (``investigations.access``, ADR 0030):
after each step of a besluit, an objection and an appeal the kept day is the one the cases give, and the
handhaver's access follows it."""

from datetime import date, timedelta

import pytest
from django.test import override_settings

from naleving.decisions import remedies, services
from naleving.decisions.models import Besluit
from naleving.decisions.tests.fixtures import DECIDED
from naleving.investigations.access import access_final_on_mismatches
from naleving.investigations.models import NOT_FINAL, Investigation
from naleving.residents.access import OBJECTION_TERM, investigation_access

pytestmark = pytest.mark.django_db

IRREVOCABLE = DECIDED + OBJECTION_TERM + timedelta(days=1)


def kept(investigation) -> date:
    return Investigation.objects.get(pk=investigation.pk).access_final_on


def open_to_handhaver(investigation, today: date) -> bool:
    with override_settings(NALEVING_HANDHAVER_ACCESS_DAYS=30):
        access = investigation_access(today=today)
        return Investigation.objects.filter(access, pk=investigation.pk).exists()


def test_a_besluit_an_objection_and_an_appeal_keep_the_day(world, breach, record):
    assert kept(breach) == NOT_FINAL  # a breach awaiting its besluit
    besluit = record(breach)
    assert kept(breach) == IRREVOCABLE
    assert open_to_handhaver(breach, IRREVOCABLE + timedelta(days=29))
    assert not open_to_handhaver(breach, IRREVOCABLE + timedelta(days=30))
    Besluit.objects.filter(pk=besluit.pk).update(sent_on=DECIDED)
    besluit.refresh_from_db()
    bezwaar = remedies.bezwaar_register(
        actor=world["consulent"], besluit=besluit, received_on=date(2026, 5, 20), grounds="Te hoog."
    )
    assert kept(breach) == NOT_FINAL  # the objection awaits its outcome
    assert open_to_handhaver(breach, date(2027, 6, 1))
    decided_on = date(2026, 6, 20)
    new = remedies.bezwaar_decide(
        actor=world["consulent"],
        bezwaar=bezwaar,
        outcome="ongegrond",
        decided_on=decided_on,
        motivation="Zie.",
    ).decision
    assert kept(breach) == decided_on + OBJECTION_TERM + timedelta(days=1)
    beroep = remedies.beroep_register(
        actor=world["consulent"], besluit=new, instance="beroep", lodged_on=date(2026, 7, 1)
    )
    assert kept(breach) == NOT_FINAL
    remedies.beroep_outcome(
        actor=world["consulent"], beroep=beroep, outcome="ongegrond", outcome_on=date(2026, 10, 1)
    )
    assert kept(breach) == decided_on + OBJECTION_TERM + timedelta(days=1)
    assert access_final_on_mismatches() == []


def test_a_besluit_waiting_for_its_second_signature_keeps_the_case_open(world, breach, record):
    from naleving.decisions.tests.fixtures import TOETS

    besluit = record(breach, fine_amount=0, sanction_type="waarschuwing", deviation_motivation="Maatwerk.",
                     omgekeerde_toets=TOETS)  # fmt: skip
    if besluit.status != "ter_ondertekening":
        pytest.skip("the profile asks no second signature for this besluit")
    assert kept(breach) == NOT_FINAL
    services.besluit_cosign(actor=world["teamleider"], besluit=besluit)
    assert kept(breach) == IRREVOCABLE
    assert access_final_on_mismatches() == []
