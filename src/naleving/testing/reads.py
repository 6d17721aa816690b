"""What a test compares of a row read two ways (``common.compiled.one_in_scope`` against the scoped queryset)."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet


def as_read(row: Model | None, joined: tuple[str, ...]) -> tuple | None:
    """Every own column of ``row`` with its value, and the key of each row ``joined`` to it (None: nothing read)."""
    if row is None:
        return None
    own = [(f.attname, getattr(row, f.attname)) for f in type(row)._meta.concrete_fields]
    return own, [getattr(getattr(row, name), "pk", None) for name in joined]


def compared_for_everyone(
    world: dict[str, Any],
    model: type[Model],
    scoped: Callable[[Any], QuerySet],
    read: Callable[[Any, Any], Model],
    joined: tuple[str, ...],
) -> tuple[int, int]:
    """For every user of the test ``world`` and a superuser, and every row of ``model``: ``read(user, pk)``
    gives exactly what ``scoped(user).get(pk=pk)`` gives, the same columns and the same rows joined, and both
    find nothing (``DoesNotExist``) alike. How many rows were found, and how many refused."""
    from django.contrib.auth import get_user_model

    user = get_user_model()
    users = [value for value in world.values() if isinstance(value, user)]
    users.append(user.objects.create_superuser("root", "root@example.nl", "x"))
    ids = list(model._default_manager.values_list("pk", flat=True))
    seen = refused = 0
    for actor in users:
        for pk in ids:
            try:
                expected = scoped(actor).get(pk=pk)
            except model.DoesNotExist:
                expected = None
            try:
                found = read(actor, pk)
            except model.DoesNotExist:
                found = None
            assert as_read(found, joined) == as_read(expected, joined), (actor.username, pk)
            seen, refused = seen + (found is not None), refused + (found is None)
    return seen, refused


#: what a read by id gets that is no row's id, or no id at all
BAD_IDS = (0, -1, 2**63, "abc", None, True)


def finds_nothing_for(model: type[Model], read: Callable[[Any, Any], Model], pk: Any, bad: Any) -> None:
    """``read(superuser, pk)`` finds the row ``pk``, and ``read(superuser, bad)`` finds nothing
    (``DoesNotExist``)."""
    from django.contrib.auth import get_user_model

    everyone = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    assert read(everyone, pk)
    try:
        read(everyone, bad)
    except model.DoesNotExist:
        return
    raise AssertionError(f"{bad!r} found a {model.__name__}")
