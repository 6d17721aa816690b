"""Writing many rows at bulk speed: PostgreSQL's ``COPY`` where ``bulk_create`` was. Used by the demo load
for its generated rows and by the audit log for the reads a list logs (``audit.services.audit_record_many``).

``bulk_create`` on PostgreSQL turns every value into an array parameter of an ``INSERT ... SELECT * FROM
UNNEST(...) RETURNING id``: at 20,000 residents about a third of the demo load went into building those
statements (14.5 s of SQL compilation and array dumping under the profiler) and a fifth into PostgreSQL.
``copy_insert`` draws the ids from the table's own sequence first (so the objects know their primary keys,
as after ``bulk_create``, and in the same ascending order), prepares each value exactly as Django does for
an insert (``pre_save`` with ``add=True``, then ``get_db_prep_save``) and streams the rows with ``COPY ...
FROM STDIN``. Other databases (SQLite, the embedded default) keep ``bulk_create``.

Like ``bulk_create`` it sends no signals and calls no ``save()``; the demo's audit events are written by
the services it calls, not per row. For a few rows the gain is the Python, not the database: a list's 25
read events took 2.9 ms with ``bulk_create`` (2.6 of them building the statement and dumping 375 array
values) against 2.0 ms with ``COPY`` on the 100,000-resident bench database.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.db.models import Model

#: rows per ``bulk_create`` statement where COPY is not available
BATCH_SIZE = 2000


def copy_insert(model: type[Model], objs: list[Model]) -> None:
    """Insert the unsaved ``objs`` of ``model``; afterwards each has its primary key, as with ``bulk_create``."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        return
    meta = model._meta
    quote = connection.ops.quote_name
    fields = list(meta.concrete_fields)
    values = [_value_of(field) for field in fields]
    for obj in objs:
        # a foreign key set as an object before that object had its id: take the id now (as bulk_create does)
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    with connection.cursor() as cursor:
        missing = [obj for obj in objs if obj.pk is None]
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s) ORDER BY 1",
                [quote(meta.db_table), meta.pk.column, len(missing)],
            )
            for obj, (pk,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([value(obj) for value in values])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def _plain_type(field: models.Field) -> type | None:
    """The Python type whose values ``field`` sends to PostgreSQL unchanged (``get_db_prep_save`` returns them
    as they are, or psycopg's integer wrapper of them, which COPY writes the same), or None."""
    if isinstance(field, models.ForeignKey):
        return _plain_type(field.target_field)
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(
        field, models.IntegerField | models.AutoField | models.BigAutoField | models.SmallAutoField
    ):
        return int
    if isinstance(field, models.CharField | models.TextField):
        return str
    if isinstance(field, models.DecimalField):
        return Decimal
    if isinstance(field, models.DateTimeField):
        return None  # a naive datetime gets a warning and a time zone: Django's own path
    if isinstance(field, models.DateField):
        return date
    return None


def _value_of(field: models.Field) -> Callable[[Model], Any]:
    """What ``field.get_db_prep_save(field.pre_save(obj, add=True))`` gives for ``obj``, without Django's
    per-value calls for the common case: a field that does not override ``pre_save`` (no ``auto_now``)
    holding a value of its plain type (a ``str`` in a ``CharField``, an ``int`` id in a foreign key). Any other
    value, an aware ``datetime``, a choices enum member, JSON, takes Django's path. At 20,000 residents
    Django's calls were 1.3 million, about 5 s of the demo load under the profiler."""
    prep = field.get_db_prep_save
    plain = _plain_type(field)
    attname = field.attname
    own_pre_save = type(field).pre_save is not models.Field.pre_save
    if isinstance(field, models.DateField) and not (field.auto_now or field.auto_now_add):
        own_pre_save = False  # DateField.pre_save only sets the auto dates; otherwise it reads the attribute
    if own_pre_save:
        return lambda obj: prep(field.pre_save(obj, True), connection)
    if plain is None:
        return lambda obj: prep(getattr(obj, attname), connection)

    def value(obj: Model) -> Any:
        raw = getattr(obj, attname)
        return raw if raw is None or type(raw) is plain else prep(raw, connection)

    return value
