"""Which columns a read leaves unread when it shows only part of a joined row (``QuerySet.defer``)."""

from django.db.models import Model


def other_columns(model: type[Model], kept: tuple[str, ...], prefix: str) -> tuple[str, ...]:
    """``model``'s columns besides its primary key and ``kept``, each as ``prefix`` + field name: what a read that
    joins ``model`` through ``prefix`` (a relation's name and ``__``) and shows only ``kept`` can ``defer``."""
    return tuple(
        prefix + field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in kept
    )
