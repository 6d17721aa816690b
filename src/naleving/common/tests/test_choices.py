"""The choice labels (``common.choices``) are Django's, for every choice of every model, in every language."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from naleving.common import choices


def _choice_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            method = model.__dict__.get(f"get_{field.name}_display")
            if getattr(method, "field", None) is field and method is choices._display_method(field):
                yield model, field


def test_every_choice_field_of_our_models_has_the_faster_display():
    fields = list(_choice_fields())
    ours = {model._meta.app_label for model, _ in fields}
    assert {"signals", "investigations", "decisions", "claims", "residents"} <= ours
    # nothing is left on Django's own method but fields whose choices are computed at run time
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            method = model.__dict__.get(f"get_{field.name}_display")
            if isinstance(method, partialmethod):
                assert method.func is not choices._DJANGO_DISPLAY, f"{model.__name__}.{field.name}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_label_is_djangos_for_every_value_and_for_values_without_one(language):
    compared = 0
    with translation.override(language):
        for model, field in _choice_fields():
            values = [value for value, _ in field.flatchoices] + ["no-such-choice", None]
            for value in values:
                instance = model()
                setattr(instance, field.attname, value)
                ours = getattr(instance, f"get_{field.name}_display")()
                assert ours == Model._get_FIELD_display(instance, field), (model, field.name, value)
                assert type(ours) is type(Model._get_FIELD_display(instance, field))
                compared += 1
    assert compared > 200
