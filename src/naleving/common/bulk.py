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

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, models, router
from django.db.models import DEFERRED, Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.signals import post_init, pre_init

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
    _related_ids_take(model, objs)
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


def foreign_keys_checked_per_statement() -> None:
    """PostgreSQL: check the foreign keys of the rest of the current transaction at the end of each statement
    instead of all at its commit (``SET CONSTRAINTS ALL IMMEDIATE``; Django makes them ``DEFERRABLE INITIALLY
    DEFERRED``). The same checks, and a violation still rolls the whole transaction back; but a transaction
    that writes millions of rows no longer queues a check for each of them until the commit (at 20,000 demo
    residents the load took 33.7-35.2 s against 37.7-41.4 s). Only for writes whose statements come in the
    order of their references (a row's parents in an earlier statement or the same one)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@contextmanager
def foreign_keys_checked_at_the_end(models: Iterable[type[Model]]) -> Iterator[None]:
    """PostgreSQL, inside a transaction: the foreign keys of ``models``' tables are checked once, at the end
    of the block, in one query per key, instead of by a trigger per row. The keys are dropped at the start and
    added back at the end exactly as they were (``pg_get_constraintdef``: name, columns, ``DEFERRABLE
    INITIALLY DEFERRED``); adding a key checks every row, and a row that points nowhere raises an
    ``IntegrityError`` naming the key, which rolls the transaction back, the dropped keys with it. At 100,000
    demo residents the checks per row cost 16 s of a 139 s load, adding the keys back 1.1 s
    (docs/benchmarks.md).

    For a load into tables no one else writes in the meantime: until the transaction ends, it holds an
    exclusive lock on these tables and on the tables they refer to (the users, the municipalities), so others
    wait for it. Refused outside a transaction (``atomic``), where the keys would stay dropped; when the block
    raises, nothing is added back (the rollback restores the keys). Other databases: the block runs as it is.
    """
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError(
            "foreign_keys_checked_at_the_end needs a transaction (atomic): the keys would stay dropped"
        )
    quote = connection.ops.quote_name
    tables = sorted({model._meta.db_table for model in models})
    with connection.cursor() as cursor:
        # pending checks of the transaction fire now: a table with pending trigger events cannot be altered
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = ANY(%s::text[]::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        keys = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")


def copy_rows(model: type[Model], columns: tuple[str, ...], rows: list[tuple]) -> None:
    """``COPY`` ``rows`` (tuples of Python values, one per name of ``columns``, attribute names of ``model``'s
    concrete fields, the primary key included) into ``model``'s table, without making an object of each row:
    each value is prepared as ``copy_insert`` prepares it. PostgreSQL only. A column not named gets the
    database's default, which for most of Django's columns is none (NULL): name every column."""
    meta = model._meta
    quote = connection.ops.quote_name
    by_attname = {field.attname: field for field in meta.concrete_fields}
    fields = [by_attname[name] for name in columns]
    prepare = [_prepared(field) for field in fields]
    names = ", ".join(quote(field.column) for field in fields)
    statement = f"COPY {quote(meta.db_table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([prep(value) for prep, value in zip(prepare, row, strict=True)])


def _prepared(field: models.Field) -> Callable[[Any], Any]:
    """``field.get_db_prep_save(value)`` for a value already read (``_value_of``, ``copy_rows``): a value of the
    field's plain type (or None) and an aware datetime as they are, since Django sends them unchanged (it only
    gives a naive datetime a time zone, with a warning); anything else (JSON, a naive datetime, an enum member)
    by Django's own method."""
    plain = _plain_type(field)
    prep = field.get_db_prep_save
    if isinstance(field, models.DateTimeField):
        return lambda value: (
            value if type(value) is datetime and value.utcoffset() is not None else prep(value, connection)
        )
    if plain is None:
        return lambda value: prep(value, connection)
    return lambda value: value if value is None or type(value) is plain else prep(value, connection)


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
    holding a value of its plain type (a ``str`` in a ``CharField``, an ``int`` id in a foreign key), or an
    aware ``datetime`` (after ``pre_save`` where the field sets it). Any other value, a naive ``datetime``, a
    choices enum member, JSON, takes Django's path (``_prepared``). At 20,000 residents
    Django's calls were 1.3 million, about 5 s of the demo load under the profiler."""
    prepared = _prepared(field)
    attname = field.attname
    own_pre_save = type(field).pre_save is not models.Field.pre_save
    if isinstance(field, models.DateField) and not (field.auto_now or field.auto_now_add):
        own_pre_save = False  # DateField.pre_save only sets the auto dates; otherwise it reads the attribute
    if own_pre_save and not isinstance(field, models.DateTimeField):
        prep = field.get_db_prep_save
        return lambda obj: prep(field.pre_save(obj, True), connection)
    if own_pre_save:
        return lambda obj: prepared(field.pre_save(obj, True))
    return lambda obj: prepared(getattr(obj, attname))


def _related_ids_take(model: type[Model], objs: list[Model]) -> None:
    """What ``bulk_create`` does first (``Model._prepare_related_fields_for_save``): a foreign key set as an
    object before that object had its id takes the id now, an object still without one is refused. Here
    without Django's walk over every field of every row (at 100,000 residents 830,000 rows): only the
    relations each row holds as an object are looked at, the common case (the object saved since, the id
    not yet taken) written inline, anything else (an unsaved object, a one-to-one field, a key to another
    column than the primary key, a generic relation) left to Django's method, with its error."""
    meta = model._meta
    if any(field.is_relation for field in meta.private_fields):
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
        return
    relations = [
        (field, field.name, field.attname, field.target_field.attname, _simple_key(field))
        for field in meta.concrete_fields
        if field.is_relation
    ]
    for obj in objs:
        cache = obj._state.fields_cache
        if not cache:
            continue
        own = obj.__dict__
        for field, name, attname, target, simple in relations:
            related = cache.get(name)
            if related is None:
                continue
            related_id = getattr(related, target) if simple else None
            if related_id is None:  # not saved, or a key Django checks itself
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
                break
            value = own.get(attname)
            if value is not None and value == related_id:
                continue
            if value in field.empty_values:
                own[attname] = related_id
            else:
                field.delete_cached_value(obj)


def _simple_key(field: models.Field) -> bool:
    """A foreign key (no one-to-one) to its model's own primary key: its id is the related object's pk."""
    remote = field.remote_field.model._meta
    return isinstance(field, models.ForeignKey) and not field.one_to_one and field.target_field is remote.pk


#: per model: how ``unsaved`` fills each concrete field, or None where it leaves the model to Django
_PLANS: dict[type[Model], tuple[frozenset[str], list[tuple]] | None] = {}


def _plan_of(model: type[Model]) -> tuple[frozenset[str], list[tuple]] | None:
    """(the names ``unsaved`` accepts, one entry per concrete field: name, attname, default, foreign key or
    None), or None for a model with a field whose attribute does more than store its value (a file field), a
    generated, composite or other relation field than a foreign key (a one-to-one field is one)."""
    if model not in _PLANS:
        meta = model._meta
        fields, names, plain = [], set(), True
        for field in meta.fields:
            descriptor = model.__dict__.get(field.attname)
            foreign = isinstance(field, models.ForeignKey)
            if (
                not field.concrete
                or getattr(field, "generated", False)
                or (field.is_relation and not foreign)
                or (foreign and len(field.related_fields) != 1)
                or (
                    hasattr(descriptor, "__set__") and not isinstance(descriptor, ForeignKeyDeferredAttribute)
                )
            ):
                plain = False
                break
            names.update((field.name, field.attname))
            default = (
                field.get_default
                if type(field).get_default is not models.Field.get_default
                else field._get_default
            )
            fields.append((field.name, field.attname, default, field if foreign else None))
        plain = plain and not meta.abstract and not meta.parents
        _PLANS[model] = (frozenset(names), fields) if plain else None
    return _PLANS[model]


def unsaved[M: Model](model: type[M], **values: Any) -> M:
    """``model(**values)``: an unsaved instance with the same attributes, the same related objects kept and the
    same state, built without Django's calls per field (the demo builds 830,000 at 100,000 residents; Django's
    ``Model.__init__`` with its foreign-key descriptors was a fifth of the load's Python). A foreign key given
    as an object takes its id and keeps the object, as Django's descriptor does; a field not given gets its
    default. Anything else (a keyword that is no concrete field, a model ``_plan_of`` leaves to Django, a
    receiver of ``pre_init`` or ``post_init``, a related object Django would refuse) is ``model(**values)``."""
    plan = _plan_of(model)
    if (
        plan is None
        or pre_init.receivers
        or post_init.receivers
        or not plan[0].issuperset(values)
        or any(value is DEFERRED for value in values.values())
    ):
        return model(**values)
    obj = model.__new__(model)
    obj._state = ModelState()
    own = obj.__dict__
    for name, attname, default, foreign in plan[1]:
        if foreign is not None and name in values:
            if foreign.one_to_one or attname in values or not _related_set(obj, foreign, values[name]):
                # a one-to-one object (Django also keeps the reverse), both given (Django sets the id last),
                # or an object Django refuses
                return model(**values)
        elif name in values:
            own[attname] = values[name]
        else:
            own[attname] = values[attname] if attname in values else default()
    return obj


def _related_set(obj: Model, foreign: models.ForeignKey, related: Model | None) -> bool:
    """What ``obj.<foreign> = related`` does on a new instance (``ForwardManyToOneDescriptor.__set__``), or False
    where Django would refuse the object (another model, a relation the routers do not allow)."""
    state = obj._state
    if related is not None:
        if not isinstance(related, foreign.remote_field.model._meta.concrete_model):
            return False
        if router.routers:
            if state.db is None:
                state.db = router.db_for_write(type(obj), instance=related)
            if related._state.db is None:
                related._state.db = router.db_for_write(type(related), instance=obj)
            if not router.allow_relation(related, obj):
                return False
        else:  # the same without routers: the other's database, or the default one
            if state.db is None:
                state.db = related._state.db or DEFAULT_DB_ALIAS
            if related._state.db is None:
                related._state.db = state.db
            if related._state.db != state.db:
                return False
    obj.__dict__[foreign.attname] = (
        None if related is None else getattr(related, foreign.target_field.attname)
    )
    state.fields_cache[foreign.name] = related
    return True
