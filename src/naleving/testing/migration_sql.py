"""The SQL each migration runs, recorded while the test template is migrated, for the lock check to read.

``ops/tests/test_migration_locks.py`` classifies the SQL of every migration by the lock it takes. Working it
out with ``sqlmigrate``'s means (each migration applied to Django's model state with ``collect_sql``) costs as
much as a ``migrate`` of an empty database: 10 of the test's 14 seconds, rendering the model state after each
operation. ``make test`` migrates that database anyway, once, for the template the test databases are copied
from (``naleving.testing.template_db``); this module runs that ``migrate`` with each schema statement
recorded under its migration, as ``collect_sql`` writes it (the parameters quoted into the text), and the
recording is written as JSON with a fingerprint of every migration file.

    python -m naleving.testing.migration_sql OUT.json    # migrate the database of the settings, record

``recorded()`` gives the recording only when it is whole and current: the file named by
``NALEVING_TEST_MIGRATION_SQL`` exists, its fingerprint is that of the migration files on disk now, and it
holds every migration of the graph. Otherwise the test works the SQL out itself, as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

ENV_VAR = "NALEVING_TEST_MIGRATION_SQL"


def fingerprint(loader) -> str:
    """SHA-256 over the name and content of every migration file the ``MigrationLoader`` found."""
    digest = hashlib.sha256()
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(f"{key[0]}.{key[1]}\0".encode())
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


def recorded(loader, nodes: Iterable[tuple[str, str]]) -> dict[str, list[str]] | None:
    """{``app.migration``: [statement, ...]} as recorded, or None when there is no whole, current recording."""
    path = os.environ.get(ENV_VAR)
    if not path or not Path(path).is_file():
        return None
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    sql = data.get("sql", {})
    if data.get("fingerprint") != fingerprint(loader) or set(sql) != {f"{a}.{m}" for a, m in nodes}:
        return None
    return sql


class _Recorder(logging.Handler):
    """Each statement the schema editor runs (its DEBUG log record) under the migration being applied."""

    def __init__(self, connection) -> None:
        super().__init__(logging.DEBUG)
        self.connection = connection
        self.editor = None
        self.current: str | None = None
        self.sql: dict[str, list[str]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        sql = getattr(record, "sql", None)
        if self.current is None or sql is None:
            return
        params = getattr(record, "params", None)
        if self.editor is None:  # never entered: only to quote the parameters as collect_sql does
            self.editor = self.connection.SchemaEditorClass(self.connection, collect_sql=True, atomic=False)
        text = str(sql) if params is None else str(sql) % tuple(map(self.editor.quote_value, params))
        self.sql[self.current].append(text if text.rstrip().endswith(";") else text + ";")


def main(out: str) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naleving.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.loader import MigrationLoader

    recorder = _Recorder(connection)
    apply = MigrationExecutor.apply_migration

    def apply_recorded(self, state, migration, fake=False, fake_initial=False):
        recorder.current = f"{migration.app_label}.{migration.name}"
        recorder.sql[recorder.current] = []
        try:
            return apply(self, state, migration, fake=fake, fake_initial=fake_initial)
        finally:
            recorder.current = None

    MigrationExecutor.apply_migration = apply_recorded  # type: ignore[method-assign]
    schema_log = logging.getLogger("django.db.backends.schema")
    schema_log.addHandler(recorder)
    schema_log.setLevel(logging.DEBUG)
    schema_log.propagate = False  # the statements go to the recording, not to the log
    call_command("migrate", verbosity=0, skip_checks=True, interactive=False)
    loader = MigrationLoader(connection, replace_migrations=False)
    Path(out).write_text(
        json.dumps({"fingerprint": fingerprint(loader), "sql": recorder.sql}), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
