"""``copy_insert`` (the demo's COPY path) stores what ``bulk_create`` stores, and gives the objects their ids."""

from datetime import date

import pytest
from django.db import connection
from django.forms.models import model_to_dict

from naleving.common.bulk import copy_insert
from naleving.investigations.models import Investigation, InvestigativeAction
from naleving.investigations.tests.factories import InvestigationFactory, InvestigativeActionFactory
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _build(world, day: int) -> tuple[Investigation, InvestigativeAction]:
    """An investigation and one of its actions, neither saved: the action points at the object, not an id."""
    resident = ResidentFactory(consulent=world["consulent"], gemeente=world["jansen"].gemeente)
    investigation = InvestigationFactory.build(
        resident=resident, assigned_to=world["handhaver"], opened_on=date(2026, 3, day)
    )
    action = InvestigativeActionFactory.build(investigation=investigation, performed_by=world["handhaver"])
    return investigation, action


def test_the_rows_equal_those_of_bulk_create_and_the_objects_get_their_ids(world):
    copied, copied_action = _build(world, 2)
    created, created_action = _build(world, 2)
    copy_insert(Investigation, [copied])
    copy_insert(InvestigativeAction, [copied_action])
    Investigation.objects.bulk_create([created])
    InvestigativeAction.objects.bulk_create([created_action])
    assert copied.pk and copied_action.pk and copied_action.investigation_id == copied.pk
    assert not copied._state.adding
    stored = Investigation.objects.get(pk=copied.pk)
    reference = Investigation.objects.get(pk=created.pk)
    own = ["id", "signals", "resident"]  # each its own resident (one open investigation per resident)
    assert model_to_dict(stored, exclude=own) == model_to_dict(reference, exclude=own)
    action = InvestigativeAction.objects.get(pk=copied_action.pk)
    assert action.investigation_id == copied.pk
    assert model_to_dict(action, exclude=["id", "investigation"]) == model_to_dict(
        InvestigativeAction.objects.get(pk=created_action.pk), exclude=["id", "investigation"]
    )


def test_ids_come_in_the_order_of_the_objects_and_a_new_insert_follows_them(world):
    objects = [_build(world, day)[0] for day in (3, 4, 5)]
    copy_insert(Investigation, objects)
    ids = [obj.pk for obj in objects]
    assert ids == sorted(ids) and len(set(ids)) == 3
    later = InvestigationFactory(resident=_build(world, 6)[0].resident, assigned_to=world["handhaver"])
    assert later.pk > ids[-1]  # the sequence moved on: nothing collides afterwards
    assert copy_insert(Investigation, []) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_each_value_is_what_django_would_send(world):
    """The short path for plain values gives, field by field, what Django's ``get_db_prep_save`` gives."""
    from naleving.common.bulk import _value_of
    from naleving.residents.models import Resident

    investigation, action = _build(world, 7)
    investigation.save()
    action.investigation = investigation
    resident = ResidentFactory.build(consulent=world["consulent"], gemeente=world["jansen"].gemeente)
    for obj in (investigation, action, resident, Resident.objects.get(pk=world["jansen"].pk)):
        for field in type(obj)._meta.concrete_fields:
            expected = field.get_db_prep_save(field.pre_save(obj, True), connection)
            got = _value_of(field)(obj)
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                assert type(got) is type(expected), field.name  # both "now", a few microseconds apart
                continue
            assert type(got) is type(expected) or isinstance(got, int), f"{type(obj).__name__}.{field.name}"
            # psycopg's JSON wrapper has no equality of its own: compare what it wraps
            assert getattr(got, "obj", got) == getattr(expected, "obj", expected), f"{field.name}"
