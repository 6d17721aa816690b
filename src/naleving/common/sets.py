"""Forms of "this field is in that set" for PostgreSQL's planner (issue #24): the same rows, each form cheaper for
another way of reading them. ``IN (subquery)`` (Django's own) lets PostgreSQL join the set or hash it;
``ids_looked_up`` reads the set first and looks each id up in the field's index; ``in_hashed_set`` hashes the
set once and tests each row it walks against it. Other databases get the ``IN``."""

import json
from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL


def id_set(ids: Iterable[int]) -> RawSQL:
    """Ids of any number for ``field__in=``: one parameter instead of one per id, as a subquery
    (PostgreSQL: ``SELECT unnest(%s::bigint[])``; SQLite: the ids as JSON, ``json_each``). Django sends a list
    as one parameter per id, and PostgreSQL takes at most 65,535 of them (SQLite 32,766): a destruction list
    a few years ahead, with every signal past its term, failed on that limit."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def ids_looked_up(field: str, ids: QuerySet | RawSQL) -> Q:
    """``field IN (ids)``, written for PostgreSQL as ``field = ANY(ARRAY(ids))``: the subquery is read first and
    each of its ids looked up in ``field``'s index. Given ``IN``, PostgreSQL may instead read the whole table
    and hash-join it to the ids: a handhaver's 1,515 investigated residents at 100,000 residents, page 40 of
    his resident list, by name, took 39 ms that way (every resident's row read and 1,512 of them sorted) and
    5-11 ms with the array. For a first page ``IN`` is cheaper still (3.5 against 5.2 ms): PostgreSQL then
    walks the residents in name order and stops at the 25th in scope. Other databases get the ``IN``."""
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": ids})
    return Q(_AnyOfArray(F(field), ids if isinstance(ids, RawSQL) else Subquery(ids.order_by())))


def in_hashed_set(field: str, ids: QuerySet | RawSQL) -> Q:
    """``field IN (ids)``, written for PostgreSQL as ``(field IN (ids)) IS TRUE``: the same rows, but the
    database cannot turn the test into a join (it does so only with an ``IN`` that stands alone among the
    conditions), so it reads the subquery once into a hash table and tests each row against it. Where a page
    walks an index in order and keeps the rows in the set, that is a lookup in memory per row instead of one in
    the subquery's index: a handhaver's resident list, 1,629 residents walked in name order for 25 of his
    1,509, took 2.7 ms joined and 0.7 ms hashed at 100,000 residents (docs/benchmarks.md). For a few known
    rows the join is cheaper (the hash table is built whatever the number of rows). Other databases get the
    ``IN``."""
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": ids})
    return Q(_InHashedSet(F(field), ids if isinstance(ids, RawSQL) else Subquery(ids.order_by())))


class _FieldAndSubquery(Func):
    """A test of a field against a subquery's ids, written out as ``written`` gives it (``{field}`` and
    ``{subquery}``, the latter compiled as ``(SELECT ...)``)."""

    output_field = BooleanField()
    written = ""

    def as_sql(self, compiler, connection, **extra_context):
        field, subquery = self.get_source_expressions()
        lhs, lhs_params = compiler.compile(field)
        rhs, rhs_params = compiler.compile(subquery)
        return self.written.format(field=lhs, subquery=rhs), (*lhs_params, *rhs_params)


class _InHashedSet(_FieldAndSubquery):
    """``(field IN (subquery)) IS TRUE`` (``in_hashed_set``)."""

    written = "({field} IN {subquery}) IS TRUE"


class _AnyOfArray(_FieldAndSubquery):
    """``field = ANY(ARRAY(subquery))`` (``ids_looked_up``); written out, as a lookup would put the right-hand
    side in parentheses, and ``= (ANY(...))`` is no SQL."""

    written = "{field} = ANY(ARRAY{subquery})"
