"""Residents who objected to the processing (AVG art. 21) are left out of theme-control selection while
the objection runs and once it is granted; the run counts and shows how many were left out."""

from datetime import date

import pytest
from django.urls import reverse

from naleving.controls.deliveries import DELIVERY_FILES
from naleving.controls.models import ControlHit, ControlRun
from naleving.controls.processing import delivery_process
from naleving.controls.tests.test_controls_web import _files
from naleving.controls.tests.test_deliveries import _submit
from naleving.residents.services import privacy_objection_decide, privacy_objection_register
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

#: C01 is a voertuigen hit in the golden delivery; C02 is active but no hit.
C01, C02 = "100000009", "100000071"


def _object(world, bsn):
    resident = ResidentFactory(bsn=bsn, consulent=world["consulent"])
    return privacy_objection_register(
        actor=world["consulent"], resident=resident, received_on=date(2026, 2, 1), grounds="Mijn gronden."
    )


def _run(world) -> ControlRun:
    # A control group bigger than the population: every active client not hit is drawn.
    delivery = _submit(world["analist"], files=_files(*DELIVERY_FILES), control_sample=100, seed=3)
    assert delivery_process(delivery.pk)["status"] == "done"
    return ControlRun.objects.get(delivery=delivery)


def test_an_objecting_resident_is_neither_hit_nor_in_the_control_group(world, client):
    _object(world, C01)
    _object(world, C02)
    run = _run(world)
    ids = set(ControlHit.objects.filter(run=run).values_list("client_id", flat=True))
    assert "C01" not in ids and "C02" not in ids
    assert run.hits_count == 1 and run.population == 21 and run.excluded_objections == 2
    assert not ControlHit.objects.filter(bsn__in=[C01, C02]).exists()
    client.force_login(world["analist"])
    page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "2 inwoners uitgesloten wegens bezwaar (AVG art. 21)" in page


def test_a_rejected_objection_no_longer_excludes(world):
    objection = _object(world, C01)
    privacy_objection_decide(
        actor=world["fg"],
        objection=objection,
        granted=False,
        weighing="De gemeente heeft een wettelijke taak; geen bijzondere omstandigheden.",
        decided_on=date(2026, 2, 10),
    )
    run = _run(world)
    assert run.excluded_objections == 0 and run.population == 23
    assert ControlHit.objects.filter(run=run, client_id="C01", in_control_group=False).exists()


def test_a_granted_objection_keeps_excluding(world):
    objection = _object(world, C01)
    privacy_objection_decide(
        actor=world["fg"],
        objection=objection,
        granted=True,
        weighing="Bijzondere persoonlijke omstandigheden wegen zwaarder.",
        decided_on=date(2026, 2, 10),
    )
    run = _run(world)
    assert run.excluded_objections == 1
    assert not ControlHit.objects.filter(run=run, client_id="C01").exists()
