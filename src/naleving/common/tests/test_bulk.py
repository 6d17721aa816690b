"""``copy_insert`` (the demo's COPY path) stores what ``bulk_create`` stores, and gives the objects their ids."""

from datetime import date, datetime, timedelta

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


def _same(built, reference) -> None:
    """The same attributes, the same related objects kept (the same objects) and the same state."""
    attributes = {name: value for name, value in vars(built).items() if name != "_state"}
    expected_attributes = {name: value for name, value in vars(reference).items() if name != "_state"}
    assert attributes.keys() == expected_attributes.keys()
    for name, value in attributes.items():
        if isinstance(value, datetime):  # a default of "now": called a few microseconds apart
            assert abs(value - expected_attributes[name]) < timedelta(seconds=5), name
        else:
            assert value == expected_attributes[name], name
    cached, expected = built._state.fields_cache, reference._state.fields_cache
    assert cached.keys() == expected.keys() and all(cached[k] is expected[k] for k in expected)
    assert (built._state.db, built._state.adding) == (reference._state.db, reference._state.adding)


def test_unsaved_builds_what_the_model_builds(world):
    """``unsaved`` against ``Model(**values)``: foreign keys as saved and unsaved objects, as ids and as None,
    a one-to-one field as an id and as an object, fields left to their defaults (a callable one included)."""
    from naleving.common.bulk import unsaved
    from naleving.prevention.models import PreventiveIntervention
    from naleving.residents.models import Resident

    jansen, consulent = world["jansen"], world["consulent"]
    new = ResidentFactory.build(consulent=consulent, gemeente=jansen.gemeente)
    cases = [
        (PreventiveIntervention, {"resident": jansen, "kind": "gesprek", "occurred_on": date(2026, 5, 1)}),
        (PreventiveIntervention, {"resident": new, "performed_by": None, "topic": "x", "notes": "y"}),
        (PreventiveIntervention, {"resident_id": jansen.pk, "performed_by_id": consulent.pk}),
        (Investigation, {"resident": new, "assigned_to": world["handhaver"], "opened_on": date(2026, 3, 1)}),
        (Resident, {"bsn": "111222333", "consulent": consulent, "gemeente_id": jansen.gemeente_id}),
        (Resident, {"bsn": "111222334", "partner_id": jansen.pk, "fixed_contact_person": None}),
        (Resident, {"bsn": "111222335", "partner": jansen}),  # one-to-one: Django keeps the reverse too
    ]
    for model, values in cases:
        _same(unsaved(model, **values), model(**values))


def test_unsaved_leaves_what_it_does_not_build_to_django(world):
    """A keyword that is no field, a related object of another model, both the object and its id: Django's
    own answer (an error, or the id given last)."""
    from naleving.common.bulk import unsaved
    from naleving.prevention.models import PreventiveIntervention

    with pytest.raises(TypeError, match="unexpected keyword"):
        unsaved(PreventiveIntervention, nonsense=1)
    with pytest.raises(ValueError, match="must be a"):
        unsaved(PreventiveIntervention, resident=world["consulent"])
    both = {"resident": world["jansen"], "resident_id": world["jansen"].pk}
    _same(unsaved(PreventiveIntervention, **both), PreventiveIntervention(**both))


def test_an_unsaved_related_object_is_refused_as_bulk_create_refuses_it(world):
    _investigation, action = _build(world, 8)  # the investigation never inserted
    with pytest.raises(ValueError, match="unsaved related object 'investigation'"):
        copy_insert(InvestigativeAction, [action])
