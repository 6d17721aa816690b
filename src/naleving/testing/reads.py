"""What a test compares of a row read two ways (``common.compiled.one_in_scope`` against the scoped queryset)."""

from django.db.models import Model


def as_read(row: Model | None, joined: tuple[str, ...]) -> tuple | None:
    """Every own column of ``row`` with its value, and the key of each row ``joined`` to it (None: nothing read)."""
    if row is None:
        return None
    own = [(f.attname, getattr(row, f.attname)) for f in type(row)._meta.concrete_fields]
    return own, [getattr(getattr(row, name), "pk", None) for name in joined]
