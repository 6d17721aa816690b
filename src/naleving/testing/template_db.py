"""A migrated PostgreSQL database that the test databases are copied from (`make test`).

Every pytest-xdist worker creates its own test database and migrates it: 111 migrations, about 10-20 s of
CPU each, both workers at once. `make test` instead migrates one template while the linters and the rules
gate run, and the workers create their databases with ``CREATE DATABASE ... TEMPLATE`` (a file copy of
about a second); the migrate that Django still runs on them finds nothing to apply. The tests themselves do
not change: the copy is the database the migrations make.

    python -m naleving.testing.template_db      # prints the template's name, or nothing on SQLite

The template is named after the test database (``<name>_template``), so checkouts that test against
different databases do not share one. It is built under a temporary name and renamed only when every
migration has run: a failed build leaves no template and stops `make test` (plain `pytest` never uses one).
``NALEVING_TEST_TEMPLATE`` (set by `make test` from the printed name) makes the test settings use it.
``NALEVING_TEST_MIGRATION_SQL`` (set by `make test`) names a file for the SQL each migration ran, recorded
during this migrate for the lock check (``naleving.testing.migration_sql``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from naleving.testing import migration_sql

ENV_VAR = "NALEVING_TEST_TEMPLATE"


def template_name(database: str) -> str:
    return f"{database}_template"


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naleving.settings.test")
    os.environ.pop(ENV_VAR, None)
    import django

    django.setup()
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return 0  # SQLite in memory: nothing to copy
    import psycopg

    name = template_name(db["TEST"].get("NAME") or f"test_{db['NAME']}")
    building = f"{name}_building"
    server = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        for old in (building, name):
            admin.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{building}"')
    login = quote(db.get("USER") or "") + (":" + quote(db["PASSWORD"]) if db.get("PASSWORD") else "")
    where = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgresql://{login}{'@' if login else ''}{where}/{building}",
        "DJANGO_SETTINGS_MODULE": "naleving.settings.test",
    }
    # With NALEVING_TEST_MIGRATION_SQL set, the migrate records each migration's SQL into that file for the
    # lock check (naleving.testing.migration_sql); a failed build leaves no file, as it leaves no template.
    record = os.environ.get(migration_sql.ENV_VAR)
    if record:
        Path(record).unlink(missing_ok=True)
        command = ["-m", "naleving.testing.migration_sql", f"{record}.building"]
    else:
        command = ["-m", "naleving", "migrate", "--verbosity", "0", "--skip-checks"]
    done = subprocess.run([sys.executable, *command], env=env)
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        if done.returncode:
            admin.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            if record:
                Path(f"{record}.building").unlink(missing_ok=True)
            print(f"template database not built (migrate exited {done.returncode})", file=sys.stderr)
            return done.returncode
        admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    if record:
        Path(f"{record}.building").replace(record)
    print(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
