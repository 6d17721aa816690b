"""``get_<field>_display`` without translating every label of the field on every call.

Django's ``Model._get_FIELD_display`` builds ``dict(make_hashable(field.flatchoices))`` on each call, and
hashing a lazily translated label translates it: a list of 25 signals showing origin, kind and route
translated about 450 labels to show 75 (5–7 ms of a 40 ms page). :func:`install` gives every model field
with fixed choices a display method that looks the value up in a dictionary built once per field, whose
labels stay lazy, so only the label shown is translated, in the language active at that moment. The result
is the same as Django's (``common/tests/test_choices.py`` compares both for every choice of every model).
Fields whose choices are a callable, and display methods a model defines itself, are left as they are.
"""

from collections.abc import Callable
from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db.models import Field, Model
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_DJANGO_DISPLAY = Model._get_FIELD_display


def _labels(field: Field) -> dict[Any, Any]:
    labels = field.__dict__.get("_naleving_labels")
    if labels is None:
        labels = {make_hashable(value): label for value, label in field.flatchoices}
        field.__dict__["_naleving_labels"] = labels
    return labels


#: the types of almost every stored choice, hashable as they are (``make_hashable`` leaves them alone)
_HASHABLE = frozenset({str, int, bool, type(None)})


def _display_method(field: Field) -> Callable[[Model], Any]:
    """``get_<field>_display`` of ``field``: the value's label, or the value itself when it has none. A label,
    once translated, is kept per language. Translating it on
    each call, through Django's ``partialmethod``, cost about 4 µs (75 calls on a page of 25 signals,
    docs/benchmarks.md). The method names its field (``field``), for the tests."""
    method = field.__dict__.get("_naleving_display")
    if method is not None:
        return method
    attname = field.attname
    shown: dict[tuple[str | None, Any], Any] = {}

    def get_display(instance: Model) -> Any:
        value = getattr(instance, attname)
        if type(value) not in _HASHABLE:
            value = make_hashable(value)
        key = (get_language(), value)
        label = shown.get(key)
        if label is None:
            labels = _labels(field)
            if value not in labels:
                return force_str(value, strings_only=True)
            label = shown[key] = force_str(labels[value], strings_only=True)
        return label

    get_display.field = field  # type: ignore[attr-defined]
    field.__dict__["_naleving_display"] = get_display
    return get_display


def install() -> int:
    """Replace Django's display method on every concrete model's choice fields; returns how many."""
    replaced = 0
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not field.choices or isinstance(field.choices, CallableChoiceIterator):
                continue
            name = f"get_{field.name}_display"
            current = model.__dict__.get(name)
            if isinstance(current, partialmethod) and current.func is _DJANGO_DISPLAY:
                setattr(model, name, _display_method(field))
                replaced += 1
    return replaced
