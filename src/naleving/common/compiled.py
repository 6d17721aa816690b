"""Queries a page runs every time with only one id changed, compiled once per process.

Building a queryset of several parts and compiling it to SQL costs Python time on every request; for a few
fixed queries that cost more than running them (on the bench machine: the roles query of every signed-in
page, 7 ms to build and compile against 2.4 ms to run; the resident page's probe of eleven sources, 18 ms
against 2 ms). ``rows_for`` compiles such a query once per process and database with a placeholder id, and
runs the SQL with the real id in its place. Only for queries whose SQL does not depend on anything else.
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
    compiled = _COMPILED.get((name, alias))
    if compiled is None:
        sql, params = build(PLACEHOLDER).using(alias).query.sql_with_params()
        if PLACEHOLDER not in params:
            raise ValueError(f"{name}: the id is not a parameter of the compiled query")
        compiled = _COMPILED[(name, alias)] = (sql, tuple(params))
    sql, params = compiled
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [id_ if p == PLACEHOLDER else p for p in params])
        return column_names(cursor.description), cursor.fetchall()


def column_names(description) -> list[str]:
    """The column names of a DB-API ``cursor.description``: the first item of each column (psycopg gives
    objects that also have ``.name``, SQLite plain tuples)."""
    return [column[0] for column in description]


def forget() -> None:
    """Compile every query again on its next use (tests)."""
    _COMPILED.clear()
