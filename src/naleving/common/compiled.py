"""Queries a page runs every time with only one id changed, compiled once per process.

Building a queryset of several parts and compiling it to SQL costs Python time on every request; for a few
fixed queries that cost more than running them (on the bench machine: the roles query of every signed-in
page, 7 ms to build and compile against 2.4 ms to run; the resident page's probe of eleven sources, 18 ms
against 2 ms). ``rows_for`` compiles such a query once per process and database with a placeholder id, and
runs the SQL with the real id in its place; ``objects_for`` does the same for a query of model rows and gives
the model's instances. Only for queries whose SQL does not depend on anything else.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.query import get_related_populators

#: an id no row has: the compiled query's parameters hold it where the real id goes
PLACEHOLDER = -7_340_033
#: the same for a query by a text key (a session's): a string no key is
TEXT_PLACEHOLDER = "\x00naleving-compiled-key\x00"

#: the placeholders of ``raw_sql``'s values: the n-th id and the n-th date of a query get the n-th of their type
_ID_PLACEHOLDERS = tuple(PLACEHOLDER - n for n in range(4))
_DATE_PLACEHOLDERS = tuple(date(1900, 1, 2) + timedelta(days=n) for n in range(4))
#: (name, database alias) -> (sql, parameters, each a placeholder of ``raw_sql``)
_RAW: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {}

#: (name, database alias) -> (sql, parameters with PLACEHOLDER)
_COMPILED: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {}
#: (name, database alias) -> (sql, parameters, field names, converters as ``_converted`` calls them)
_OBJECTS: dict[tuple[str, str], tuple] = {}
#: (name, database alias) -> what ``instances_for`` runs and makes instances with (``_compile_instances``)
_INSTANCES: dict[tuple[str, str], tuple] = {}


def rows_for(
    name: str, model: type[Model], build: Callable[[int], QuerySet], id_: int
) -> tuple[list[str], list[tuple]]:
    """The column names and rows of ``build(id_)``, a query of ``model``'s database. ``name`` names the query
    (one compiled SQL per name and database); ``build`` must give the same SQL for every id, with the id
    only among its parameters. It is called only to compile."""
    alias = router.db_for_read(model)
    sql, params = _compiled(name, alias, build, id_)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return column_names(cursor.description), cursor.fetchall()


def objects_for[M: Model](
    name: str, model: type[M], build: Callable[[Any], QuerySet[M]], id_: int | str
) -> list[M]:
    """The instances of ``model`` that ``build(id_)`` gives, as ``rows_for`` runs it. ``build`` must select the
    model's own columns, without ``select_related`` or annotations, in no particular order. The values are
    converted as a queryset converts them (JSON on PostgreSQL, dates and amounts on SQLite), by the converters
    its compiler found, called with the connection of the thread that reads (a backend's converter as the method
    of that connection's own operations). On the resident's page a list of a dozen rows cost 1.7 ms built and
    compiled through the ORM, 0.3 ms through ``raw()`` and 0.2 ms this way (docs/benchmarks.md)."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    placeholder = _placeholder(id_)
    entry = _OBJECTS.get((name, alias))
    if entry is None:
        entry = _OBJECTS[(name, alias)] = _compile_objects(name, model, build, alias, placeholder)
    sql, params, attnames, converters = entry
    with connection.cursor() as cursor:
        cursor.execute(sql, [id_ if p == placeholder else p for p in params])
        rows = cursor.fetchall()
    if converters:
        rows = [_converted(row, converters, connection) for row in rows]
    return [model.from_db(alias, attnames, row) for row in rows]


def instances_for[M: Model](
    name: str,
    model: type[M],
    build: Callable[[Any], QuerySet[M]],
    id_: int | str,
    also: tuple[str, tuple] | None = None,
) -> list[M]:
    """``objects_for`` for a query with ``select_related`` and annotations: the instances of ``model`` that
    ``build(id_)`` gives, each with its related instances and annotations set as a queryset sets them (Django's
    ``ModelIterable``, whose related populators are made once with the SQL). ``build`` must give the same SQL
    for every id, with the id only among its parameters, and no order of its own (the caller orders). On the
    resident's page the resident with three people joined cost 1.3 ms built and compiled through the ORM
    (docs/benchmarks.md). ``also`` is one more condition on the model's own table, as SQL and its parameters
    (``where_of``), for a query that is only ``WHERE <primary key> = id``."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    placeholder = _placeholder(id_)
    entry = _INSTANCES.get((name, alias))
    if entry is None:
        entry = _INSTANCES[(name, alias)] = _compile_instances(name, build, alias, placeholder)
    sql, params, converters, (start, end), attnames, populators, annotations = entry
    sent = [id_ if p == placeholder else p for p in params]
    if also is not None:
        if not sql.endswith(_by_key(model, connection)):
            raise ValueError(f"{name}: a condition can only be added to a query by the primary key alone")
        sql, sent = f"{sql} AND ({also[0]})", [*sent, *also[1]]
    with connection.cursor() as cursor:
        cursor.execute(sql, sent)
        rows = cursor.fetchall()
    found = []
    for row in rows:
        values = _converted(row, converters, connection) if converters else row
        instance = model.from_db(alias, attnames, values[start:end])
        for populator in populators:
            populator.populate(values, instance)
        for attribute, position in annotations:
            setattr(instance, attribute, values[position])
        found.append(instance)
    return found


#: the largest primary key there can be (a 64-bit integer): a larger id is no row's
LARGEST_ID = 2**63 - 1


def one_in_scope[M: Model](
    name: str, model: type[M], build: Callable[[Any], QuerySet[M]], id_: Any, scope: QuerySet[M]
) -> M | None:
    """The row of ``model`` with primary key ``id_`` as ``build(id_)`` reads it (a query by that key alone, with
    what it joins), if ``scope`` (a filter on the model's own table) holds for it; None otherwise, and for an id
    that is no whole number in the key's range (never sent to the database). ``instances_for`` with ``scope``'s
    condition (``where_of``): the page of one case, whose scoped query cost more to build and compile than to
    run."""
    try:
        pk = model._meta.pk.get_prep_value(id_)
    except (TypeError, ValueError):
        return None
    if not isinstance(pk, int) or isinstance(id_, bool) or not 0 < pk <= LARGEST_ID:
        return None
    try:
        found = instances_for(name, model, build, pk, also=where_of(scope))
    except EmptyResultSet:
        return None
    return found[0] if found else None


def _by_key(model: type[Model], connection) -> str:
    """How a query by ``model``'s primary key alone ends: `` WHERE "table"."id" = %s``."""
    quote = connection.ops.quote_name
    return f" WHERE {quote(model._meta.db_table)}.{quote(model._meta.pk.column)} = %s"


def where_of(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The condition of ``queryset`` (a filter on its model's own table, nothing joined) as SQL and parameters,
    for ``instances_for``'s ``also``; None when it holds for every row. ``EmptyResultSet`` when it holds for
    none."""
    query = queryset.query
    compiler = query.get_compiler(queryset.db)
    try:
        sql, params = compiler.compile(query.where)
    except FullResultSet:
        return None
    joined = [alias for alias, used in query.alias_refcount.items() if used and alias != query.base_table]
    if joined:  # (a join trimmed away stays among the aliases, unused)
        raise ValueError(f"the condition joins another table: {sorted(joined)}")
    return (sql, tuple(params)) if sql else None


def _compile_instances(
    name: str, build: Callable[[Any], QuerySet], alias: str, placeholder: int | str
) -> tuple:
    """What ``instances_for`` keeps of ``build``'s query: its SQL and parameters, the converters of every column
    (as ``_converted`` calls them), where the model's own columns are, their field names, the populators of the
    related instances and where each annotation is."""
    queryset = build(placeholder).using(alias)
    if queryset.query.order_by or queryset.query.distinct_fields or queryset._prefetch_related_lookups:
        raise ValueError(f"{name}: no order, distinct fields or prefetches in a query compiled once")
    if queryset._fetch_mode.track_peers:  # the kept populators would keep every read's instances as peers
        raise ValueError(f"{name}: a fetch mode that tracks peers cannot be compiled once")
    compiler = queryset.query.get_compiler(alias)
    sql, params = compiler.as_sql()
    if placeholder not in params:
        raise ValueError(f"{name}: the id is not a parameter of the compiled query")
    select, klass_info = compiler.select, compiler.klass_info
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    attnames = [column.target.attname for column, _, _ in select[start:end]]
    populators = get_related_populators(klass_info, select, alias, queryset._fetch_mode)
    ops = compiler.connection.ops
    converters = [
        (position, [c.__name__ if getattr(c, "__self__", None) is ops else c for c in converts], expression)
        for position, (converts, expression) in compiler.get_converters([c for c, _, _ in select]).items()
    ]
    annotations = tuple(compiler.annotation_col_map.items())
    return sql, tuple(params), converters, (start, end), attnames, populators, annotations


def _converted(row, converters, connection) -> list:
    """``SQLCompiler.apply_converters`` for one row, with this thread's ``connection``."""
    values = list(row)
    for position, converts, expression in converters:
        value = values[position]
        for convert in converts:
            if isinstance(convert, str):  # a method of the backend's operations: this connection's own
                value = getattr(connection.ops, convert)(value, expression, connection)
            else:
                value = convert(value, expression, connection)
        values[position] = value
    return values


def _compile_objects(
    name: str, model: type[Model], build: Callable[[Any], QuerySet], alias: str, placeholder: int | str
) -> tuple:
    """The SQL, its parameters, the field names and the converters (as ``_converted`` calls them) of ``build``."""
    compiler = build(placeholder).using(alias).query.get_compiler(alias)
    sql, params = compiler.as_sql()
    if placeholder not in params:
        raise ValueError(f"{name}: the id is not a parameter of the compiled query")
    columns = [column for column, _, _ in compiler.select]
    attnames = [getattr(getattr(column, "target", None), "attname", None) for column in columns]
    if attnames != [field.attname for field in model._meta.concrete_fields]:
        raise ValueError(
            f"{name}: select {model._meta.label}'s own columns only, nothing joined or annotated"
        )
    ops = compiler.connection.ops
    converters = [
        (position, [c.__name__ if getattr(c, "__self__", None) is ops else c for c in converts], expression)
        for position, (converts, expression) in compiler.get_converters(columns).items()
    ]
    return sql, tuple(params), attnames, converters


def _compiled(name: str, alias: str, build: Callable[[Any], QuerySet], id_: int) -> tuple[str, list[Any]]:
    """The SQL of ``build`` for database ``alias``, compiled on first use, and its parameters with ``id_``."""
    compiled = _COMPILED.get((name, alias))
    if compiled is None:
        sql, params = build(PLACEHOLDER).using(alias).query.sql_with_params()
        if PLACEHOLDER not in params:
            raise ValueError(f"{name}: the id is not a parameter of the compiled query")
        compiled = _COMPILED[(name, alias)] = (sql, tuple(params))
    sql, params = compiled
    return sql, [id_ if p == PLACEHOLDER else p for p in params]


def raw_sql(name: str, model: type[Model], build: Callable[..., QuerySet], *values: int | date) -> RawSQL:
    """``build(*values)``, a query of ``model``'s database, as an expression another query embeds (``field__in=``,
    ``ANY(ARRAY(...))``), its SQL compiled once per process and database with a placeholder in each value's
    place. ``build`` must give the same SQL whatever the values (ids and dates), each value only among its
    parameters, and no other parameter: one that is not a placeholder would be a value kept from the first call,
    and is refused. For a subquery that pages embed several times (a handhaver's investigations: building and
    compiling it three times was 5–7 % of his lists, docs/benchmarks.md)."""
    alias = router.db_for_read(model)
    ops = connections[alias].ops
    entry = _RAW.get((name, alias))
    if entry is None:
        placeholders = _placeholders_for(name, values)
        sql, params = build(*placeholders).using(alias).query.sql_with_params()
        # as the compiler sends them: SQLite gets a date as text
        sent = tuple(_sent(ops, p) for p in placeholders)
        unknown = [p for p in params if p not in sent]
        if unknown or not set(sent) <= set(params):
            raise ValueError(f"{name}: the parameters must be the values, each at least once: {params!r}")
        entry = _RAW[(name, alias)] = (sql, tuple(sent.index(p) for p in params))
    sql, positions = entry
    return RawSQL(sql, tuple(_sent(ops, values[i]) for i in positions))


def _sent(ops, value: int | date) -> Any:
    """``value`` as the compiler puts it among a query's parameters (``DateField.get_db_prep_value``)."""
    return ops.adapt_datefield_value(value) if isinstance(value, date) else value


def _placeholders_for(name: str, values: tuple) -> tuple:
    ids, dates = iter(_ID_PLACEHOLDERS), iter(_DATE_PLACEHOLDERS)
    placeholders = []
    for value in values:
        # a datetime is no date here: the database would be sent another type than the query was compiled for
        if isinstance(value, bool | datetime) or not isinstance(value, int | date):
            raise ValueError(f"{name}: only ids and dates have placeholders, not {value!r}")
        placeholders.append(next(ids) if isinstance(value, int) else next(dates))
    return tuple(placeholders)


def _placeholder(key: int | str) -> int | str:
    """The placeholder of a key's type (an id, or a text key)."""
    return TEXT_PLACEHOLDER if isinstance(key, str) else PLACEHOLDER


def as_prefetched(instance: Model, relation: str, rows: list[Model]) -> None:
    """Keep ``rows`` as what ``instance``'s reverse relation ``relation`` holds, as ``prefetch_related_objects``
    keeps what it read: ``instance.<relation>.all()`` then gives them without a query, and each row's key to
    ``instance`` gives ``instance``. For rows read by ``objects_for``."""
    manager = getattr(instance, relation)
    field = manager.field
    for row in rows:
        setattr(row, field.name, instance)
    queryset = manager.get_queryset()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[field.remote_field.cache_name] = queryset


def column_names(description) -> list[str]:
    """The column names of a DB-API ``cursor.description``: the first item of each column (psycopg gives
    objects that also have ``.name``, SQLite plain tuples)."""
    return [column[0] for column in description]


def forget() -> None:
    """Compile every query again on its next use (tests)."""
    _COMPILED.clear()
    _OBJECTS.clear()
    _INSTANCES.clear()
    _RAW.clear()
