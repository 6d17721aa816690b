"""A faster end of a transactional test on PostgreSQL: the same empty database, in a twentieth of the time.

Django ends every transactional test (``transactional_db``, ``live_server``: the browser tests) with
``flush``: one ``TRUNCATE`` of every table (on PostgreSQL a new file for each table and index, about 0.6 s for
our 70 tables) and then the ``post_migrate`` signal, which writes the content types, the permissions and the
role groups back (another 0.3 s). After a test, the tables hold a few hundred rows at most, and the content
types and permissions are exactly as the migrations left them.

So, on PostgreSQL, the end of such a test instead deletes the rows of every table in one transaction, with
the foreign keys checked at its end (Django creates them ``DEFERRABLE INITIALLY DEFERRED``), keeps the content
types and permissions when their number is unchanged, and runs ``roles_sync`` (the only ``post_migrate``
receiver of the product) for the role groups. Whenever that is not certain to give the same database (another
engine, ``available_apps``, ``serialized_rollback``, a test that added or removed a content type or permission,
or any database error), Django's own ``flush`` runs, as before.
"""

from django.db import DatabaseError, connections, transaction
from django.test import TransactionTestCase

#: tables ``post_migrate`` would fill again exactly as they are, unless a test changed them (counted)
KEPT = ("django_content_type", "auth_permission")
_counts: dict[str, tuple[int, ...]] = {}
_flush = TransactionTestCase._fixture_teardown


def _kept_counts(cursor) -> tuple[int, ...]:
    counts = []
    for table in KEPT:
        cursor.execute(f"SELECT count(*) FROM {table}")
        counts.append(cursor.fetchone()[0])
    return tuple(counts)


def _empty(alias: str) -> bool:
    """Delete every row but the kept ones; False when this cannot stand in for ``flush``."""
    from naleving.accounts.services import roles_sync

    connection = connections[alias]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    try:
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            counts = _kept_counts(cursor)
            if _counts.setdefault(alias, counts) != counts:
                return False
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in tables:
                if table not in KEPT:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        roles_sync()
    except DatabaseError:
        return False
    return True


def _fixture_teardown(self) -> None:
    aliases = self._databases_names(include_mirrors=False)
    simple = self.available_apps is None and not self.serialized_rollback
    postgres = all(connections[alias].vendor == "postgresql" for alias in aliases)
    if simple and postgres and all(_empty(alias) for alias in aliases):
        return
    _flush(self)


def install() -> None:
    """Make transactional tests end with ``_fixture_teardown`` above (pytest-django uses Django's class)."""
    TransactionTestCase._fixture_teardown = _fixture_teardown
