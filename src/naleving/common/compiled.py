"""Queries a page runs every time with only one id changed, compiled once per process.

Building a queryset of several parts and compiling it to SQL costs Python time on every request; for a few
fixed queries that cost more than running them (on the bench machine: the roles query of every signed-in
page, 7 ms to build and compile against 2.4 ms to run; the resident page's probe of eleven sources, 18 ms
against 2 ms). ``rows_for`` compiles such a query once per process and database with a placeholder id, and
runs the SQL with the real id in its place; ``objects_for`` does the same for a query of model rows and gives
the model's instances. Only for queries whose SQL does not depend on anything else.
"""

from collections.abc import Callable
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet

#: an id no row has: the compiled query's parameters hold it where the real id goes
PLACEHOLDER = -7_340_033

#: (name, database alias) -> (sql, parameters with PLACEHOLDER)
_COMPILED: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {}


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
    name: str, model: type[M], build: Callable[[int], QuerySet[M]], id_: int
) -> list[M]:
    """The instances of ``model`` that ``build(id_)`` gives, as ``rows_for`` runs it (one compiled SQL per
    ``name`` and database). ``build`` must select the model's own columns, without ``select_related`` or
    annotations, in no particular order; the values are converted as a queryset converts them (dates and
    amounts on SQLite too). On the resident's page a list of a dozen rows cost 1.7 ms built and compiled
    through the ORM, 0.3 ms this way (docs/benchmarks.md)."""
    alias = router.db_for_read(model)
    sql, params = _compiled(name, alias, build, id_)
    return list(model._default_manager.db_manager(alias).raw(sql, params))


def _compiled(name: str, alias: str, build: Callable[[int], QuerySet], id_: int) -> tuple[str, list[Any]]:
    """The SQL of ``build`` for database ``alias``, compiled on first use, and its parameters with ``id_``."""
    compiled = _COMPILED.get((name, alias))
    if compiled is None:
        sql, params = build(PLACEHOLDER).using(alias).query.sql_with_params()
        if PLACEHOLDER not in params:
            raise ValueError(f"{name}: the id is not a parameter of the compiled query")
        compiled = _COMPILED[(name, alias)] = (sql, tuple(params))
    sql, params = compiled
    return sql, [id_ if p == PLACEHOLDER else p for p in params]


def column_names(description) -> list[str]:
    """The column names of a DB-API ``cursor.description``: the first item of each column (psycopg gives
    objects that also have ``.name``, SQLite plain tuples)."""
    return [column[0] for column in description]


def forget() -> None:
    """Compile every query again on its next use (tests)."""
    _COMPILED.clear()
