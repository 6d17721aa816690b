"""A theme control for one municipality (issue #17, ADR 0021): only the delivery's residents of that
municipality form the population (selection, bias check, control group), and only who works for it sees
the delivery and its runs."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from naleving.controls.deliveries import DELIVERY_FILES
from naleving.controls.models import ControlHit, ControlRun
from naleving.controls.processing import delivery_process
from naleving.controls.runs import control_run_release
from naleving.controls.tests.test_controls_web import _files, in_use
from naleving.controls.tests.test_deliveries import _submit
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

#: C01 is a voertuigen hit in the golden delivery; C02 is active but no hit.
C01, C02 = "100000009", "100000071"


@pytest.fixture
def waalwijk(world):
    gemeente = GemeenteFactory(code="GM0867", name="Waalwijk")
    for bsn in (C01, C02):
        ResidentFactory(bsn=bsn, consulent=world["consulent"], gemeente=gemeente)
    return gemeente


def _scoped(user, *gemeenten):
    user.all_gemeenten = False
    user.save(update_fields=["all_gemeenten"])
    user.gemeenten.set(gemeenten)
    return user


def _run(actor, **extra) -> ControlRun:
    delivery = _submit(actor, files=_files(*DELIVERY_FILES), control_sample=100, seed=3, **extra)
    assert delivery_process(delivery.pk)["status"] == "done"
    return ControlRun.objects.get(delivery=delivery)


def test_a_run_for_one_municipality_selects_and_draws_from_its_residents_only(world, waalwijk):
    run = _run(world["analist"], gemeente=waalwijk)
    assert run.gemeente == waalwijk and run.delivery.gemeente == waalwijk
    assert run.population == 2 and run.outside_gemeente == 21
    hits = ControlHit.objects.filter(run=run)
    assert {h.bsn for h in hits if not h.in_control_group} == {C01}
    assert {h.bsn for h in hits if h.in_control_group} == {C02}
    # the bias check counted the municipality's two clients only
    assert sum(group["n"] for group in run.bias["age_band"]["groups"].values()) == 2


def test_a_run_for_the_whole_organisation_keeps_every_client(world, waalwijk):
    run = _run(world["analist"])
    assert run.gemeente is None and run.population == 23 and run.outside_gemeente == 0


def test_who_works_for_one_municipality_runs_for_it_and_not_for_the_whole_organisation(world, waalwijk):
    analist = _scoped(world["analist"], waalwijk)
    assert _run(analist).gemeente == waalwijk  # their only municipality, without choosing
    demostad = GemeenteFactory()
    _scoped(analist, waalwijk, demostad)
    with pytest.raises(ValidationError) as refused:
        _submit(analist, files=_files(*DELIVERY_FILES))
    assert "gemeente" in refused.value.message_dict


def test_runs_of_another_municipality_are_not_listed_nor_found(world, waalwijk, client):
    run = _run(world["analist"], gemeente=waalwijk)
    whole = _run(world["analist"])
    analist = _scoped(world["analist"], GemeenteFactory())
    client.force_login(analist)
    assert client.get(reverse("controls:run_detail", args=[run.pk])).status_code == 404
    assert client.get(reverse("controls:run_detail", args=[whole.pk])).status_code == 404
    assert client.get(reverse("controls:delivery_detail", args=[run.delivery_id])).status_code == 404
    listing = client.get(reverse("controls:filter_detail", args=["voertuigen"])).content.decode()
    assert reverse("controls:run_detail", args=[run.pk]) not in listing
    _scoped(analist, waalwijk)
    page = client.get(reverse("controls:run_detail", args=[run.pk]))
    assert page.status_code == 200 and "Gemeente Waalwijk" in page.content.decode()


def test_the_released_signals_belong_to_the_runs_municipality(world, waalwijk):
    in_use(world)
    run = _run(world["analist"], gemeente=waalwijk)
    if run.verdict in ("flag", "insufficient_data"):  # both need the FG's approval
        run.explanation, run.fg_approved_by = "Toegelicht.", world["fg"]
        run.save(update_fields=["explanation", "fg_approved_by"])
    assert control_run_release(actor=world["analist"], run=run) == 2
    signals = [hit.signal for hit in ControlHit.objects.filter(run=run).select_related("signal")]
    assert {s.gemeente for s in signals} == {waalwijk}
