"""Factories for theme-control runs and their hits. ``ControlRunFactory`` is a finished run of a registered
filter (``voertuigen`` unless given; the register is synced when it is missing), by a data-analist;
trait ``released`` (its hits released as signals). ``ControlHitFactory``: one hit, not in the control group."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from naleving.accounts.tests.factories import UserFactory
from naleving.controls.models import ControlHit, ControlRun, Filter, Verdict


def registered_filter(name: str) -> Filter:
    """The register's filter of that name, syncing the register from the analytics controls when needed."""
    from naleving.controls.filter_register import filters_sync

    filter_ = Filter.objects.filter(name=name).first()
    if filter_ is None:
        filters_sync()
        filter_ = Filter.objects.get(name=name)
    return filter_


class ControlRunFactory(DjangoModelFactory):
    class Meta:
        model = ControlRun

    filter = factory.LazyFunction(lambda: registered_filter("voertuigen"))
    reference_date = date(2026, 3, 1)
    source = "RDW"
    delivery_date = factory.SelfAttribute("reference_date")
    legal_basis = "Pw 64"
    population = 100
    hits_count = 4
    verdict = Verdict.OK
    status = ControlRun.Status.DONE
    created_by = factory.SubFactory(UserFactory, data_analist=True)

    class Params:
        released = factory.Trait(status=ControlRun.Status.RELEASED)


class ControlHitFactory(DjangoModelFactory):
    class Meta:
        model = ControlHit

    run = factory.SubFactory(ControlRunFactory)
    client_id = factory.Sequence(lambda n: f"C{n:03d}")
    in_control_group = False
    signal = None
