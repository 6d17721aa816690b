"""Migrations that lock a table holding data (issue #25): a new risky migration fails until it is reviewed.

For every migration (the project's and the installed packages'), the SQL that ``sqlmigrate`` shows on
PostgreSQL is classified statement by statement by the lock PostgreSQL takes (the "ALTER TABLE" and
"Explicit Locking" chapters of its manual):

- ``rewrite`` (ACCESS EXCLUSIVE while every row is rewritten): ``ALTER COLUMN ... TYPE``, ``ADD COLUMN``
  with a volatile default;
- ``scan`` (ACCESS EXCLUSIVE, or SHARE ROW EXCLUSIVE for a foreign key, while every row is read):
  ``SET NOT NULL``, ``ADD CONSTRAINT`` without ``NOT VALID``, a new column with ``UNIQUE`` or a foreign key;
- ``index`` (SHARE: writes wait while the index is built): ``CREATE INDEX`` without ``CONCURRENTLY``;
- ``brief`` (ACCESS EXCLUSIVE for a catalogue change only): other ``ALTER TABLE`` forms, ``DROP ...``.

Only tables that hold rows after a demo is loaded count, and a table the same migration creates does not.
The result, one row per migration and table with the strongest lock and how long it is held, must equal
the reviewed table in docs/howto/upgrade.md between its ``locks:start`` and ``locks:end`` markers.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from naleving.ops.backup import row_counts
from naleving.testing.migration_sql import ENV_VAR as RECORDING_ENV_VAR
from naleving.testing.migration_sql import recorded

REVIEWED = Path(__file__).resolve().parents[4] / "docs" / "howto" / "upgrade.md"
ORDER = ("brief", "index", "scan", "rewrite")
LOCK_OF = {
    "brief": "ACCESS EXCLUSIVE",
    "index": "SHARE",
    "scan": "ACCESS EXCLUSIVE",
    "rewrite": "ACCESS EXCLUSIVE",
}

_NAME = r'"?([\w.]+)"?'
_ALTER = re.compile(rf"^ALTER TABLE (?:ONLY )?(?:IF EXISTS )?{_NAME} (.*)$", re.S | re.I)
_CREATE_TABLE = re.compile(rf"^CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?{_NAME}", re.I)
_CREATE_INDEX = re.compile(
    rf"^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?{_NAME} ON (?:ONLY )?{_NAME}", re.I
)
_DROP_INDEX = re.compile(rf"^DROP INDEX (CONCURRENTLY )?(?:IF EXISTS )?{_NAME}", re.I)
_DROP_TABLE = re.compile(rf"^DROP TABLE (?:IF EXISTS )?{_NAME}", re.I)
_VOLATILE_DEFAULT = re.compile(r"\bDEFAULT\s+(?!'|-?\d|true\b|false\b|NULL\b)\w+\s*\(", re.I)


@dataclass(frozen=True)
class Lock:
    migration: str
    table: str
    duration: str

    @property
    def lock(self) -> str:
        return LOCK_OF[self.duration]


def alter_duration(action: str) -> str:
    """How long an ``ALTER TABLE`` action holds its lock, from the text after the table name."""
    text = " ".join(action.split()).upper()
    if re.search(r"ALTER COLUMN \S+ (SET DATA )?TYPE ", text):
        return "rewrite"
    if text.startswith("ADD COLUMN"):
        if _VOLATILE_DEFAULT.search(action):
            return "rewrite"
        if " UNIQUE" in text or " REFERENCES " in text or " PRIMARY KEY" in text or " CHECK " in text:
            return "scan"
        return "brief"
    if re.search(r"SET NOT NULL\b", text):
        return "scan"
    if (
        text.startswith("ADD CONSTRAINT")
        or text.startswith("ADD PRIMARY KEY")
        or text.startswith("ADD UNIQUE")
    ):
        return "brief" if "NOT VALID" in text else "scan"
    return "brief"


def statement_locks(sql: str, created: set[str], indexes: dict[str, str]) -> list[tuple[str, str]]:
    """(table, duration) for each existing table one statement locks; ``created`` collects the tables this
    migration creates, ``indexes`` maps index names to their tables (for ``DROP INDEX``)."""
    found = []
    for part in (p.strip() for p in sql.split(";")):
        if not part or part.startswith("--") or part.upper().startswith("SET CONSTRAINTS"):
            continue
        if match := _CREATE_TABLE.match(part):
            created.add(match.group(1))
        elif match := _CREATE_INDEX.match(part):
            indexes[match.group(2)] = match.group(3)
            if not match.group(1):
                found.append((match.group(3), "index"))
        elif match := _DROP_INDEX.match(part):
            if not match.group(1) and match.group(2) in indexes:
                found.append((indexes[match.group(2)], "brief"))
        elif match := _DROP_TABLE.match(part):
            found.append((match.group(1), "brief"))
        elif match := _ALTER.match(part):
            found.append((match.group(1), alter_duration(match.group(2))))
    return [(table, duration) for table, duration in found if table not in created]


def migration_locks(tables_with_data: set[str], sql: dict[str, list[str]]) -> set[Lock]:
    """The strongest lock per migration and table holding data, over every migration in graph order."""
    indexes: dict[str, str] = {}
    strongest: dict[tuple[str, str], str] = {}
    for name, statements in sql.items():
        created: set[str] = set()
        for statement in statements:
            for table, duration in statement_locks(statement, created, indexes):
                if table in tables_with_data:
                    before = strongest.get((name, table), "brief")
                    strongest[(name, table)] = max(before, duration, key=ORDER.index)
    return {Lock(name, table, duration) for (name, table), duration in strongest.items()}


def migration_sql() -> dict[str, list[str]]:
    """{``app.migration``: its statements} in graph order: as ``make test`` recorded them while migrating the
    template (``naleving.testing.migration_sql``) when that recording is whole and current, else worked out as
    ``sqlmigrate`` does (each migration applied to the model state with ``collect_sql``)."""
    loader = MigrationLoader(connection, replace_migrations=False)
    nodes = _all_nodes(loader.graph)
    recording = recorded(loader, nodes)
    if recording is not None:
        return {f"{app}.{name}": recording[f"{app}.{name}"] for app, name in nodes}
    return collected_sql(loader, nodes)


def collected_sql(loader, nodes: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The statements of ``nodes`` (consecutive in graph order) as ``sqlmigrate`` works them out."""
    graph, state, found = loader.graph, None, {}
    for key in nodes:
        migration = graph.nodes[key]
        with connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
            if state is None:
                state = loader.project_state(key, at_end=False)
            state = migration.apply(state, editor, collect_sql=True)
        found[f"{key[0]}.{key[1]}"] = list(editor.collected_sql)
    return found


def _all_nodes(graph) -> list[tuple[str, str]]:
    nodes: list[tuple[str, str]] = []
    for leaf in sorted(graph.leaf_nodes()):
        nodes += [node for node in graph.forwards_plan(leaf) if node not in nodes]
    return nodes


def reviewed_locks(text: str) -> set[Lock]:
    """The rows of the reviewed table: ``| app.migration | table | LOCK | duration | why |``."""
    block = text.split("<!-- locks:start -->", 1)[1].split("<!-- locks:end -->", 1)[0]
    rows = set()
    for line in block.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and cells[3] in ORDER and cells[4]:
            row = Lock(cells[0], cells[1], cells[3])
            assert cells[2] == row.lock, f"{line}: {cells[3]} takes {row.lock}"
            rows.add(row)
    return rows


def test_the_classification_follows_the_postgresql_manual():
    created: set[str] = set()
    indexes: dict[str, str] = {}
    sql = (
        'CREATE TABLE "new" ("id" bigint); CREATE INDEX "new_idx" ON "new" ("id"); '
        'CREATE INDEX "old_idx" ON "old" ("id"); CREATE INDEX CONCURRENTLY "old_c" ON "old" ("x")'
    )
    assert statement_locks(sql, created, indexes) == [("old", "index")]
    assert created == {"new"} and indexes["old_idx"] == "old"
    assert statement_locks('DROP INDEX IF EXISTS "old_idx"', created, indexes) == [("old", "brief")]
    cases = {
        'ADD COLUMN "note" text NULL': "brief",
        "ADD COLUMN \"kind\" varchar(10) DEFAULT 'x' NOT NULL": "brief",
        'ADD COLUMN "at" timestamptz DEFAULT now() NOT NULL': "rewrite",
        'ADD COLUMN "u" uuid DEFAULT gen_random_uuid() NOT NULL': "rewrite",
        'ADD COLUMN "g" bigint NULL CONSTRAINT "fk" REFERENCES "g"("id") DEFERRABLE INITIALLY DEFERRED': "scan",
        'ALTER COLUMN "name" TYPE varchar(200)': "rewrite",
        'ALTER COLUMN "g" SET NOT NULL': "scan",
        'ALTER COLUMN "g" DROP NOT NULL': "brief",
        'ADD CONSTRAINT "c" CHECK ("amount" >= 0)': "scan",
        'ADD CONSTRAINT "c" CHECK ("amount" >= 0) NOT VALID': "brief",
        'ADD CONSTRAINT "fk" FOREIGN KEY ("g") REFERENCES "g" ("id") DEFERRABLE INITIALLY DEFERRED': "scan",
        'DROP COLUMN "old" CASCADE': "brief",
        'ALTER COLUMN "kind" DROP DEFAULT': "brief",
    }
    for action, duration in cases.items():
        assert alter_duration(action) == duration, action


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the locks are PostgreSQL's; SQLite has none")
@pytest.mark.django_db
def test_every_migration_that_locks_a_table_with_data_is_reviewed():
    from naleving.demo.load import demo_municipality_load

    demo_municipality_load(residents=60, seed=3)
    tables = {table for table, count in row_counts().items() if count}
    assert {"residents_resident", "signals_signal", "audit_auditevent"} <= tables
    found = migration_locks(tables, migration_sql())
    reviewed = reviewed_locks(REVIEWED.read_text(encoding="utf-8"))

    def rows(locks):
        return "\n".join(
            f"| {x.migration} | {x.table} | {x.lock} | {x.duration} |" for x in sorted(locks, key=str)
        )

    assert not found - reviewed, f"not reviewed in {REVIEWED.name}:\n{rows(found - reviewed)}"
    assert not reviewed - found, f"reviewed but no longer found (remove):\n{rows(reviewed - found)}"


_MOMENT = re.compile(r"'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00:00'")


def _statements(sql: list[str]) -> set[str]:
    """The statements without comments, whitespace normalised, the moment a migration ran masked (a default
    of ``timezone.now`` is written into the SQL)."""
    parts = (part.strip() for text in sql for part in text.split(";"))
    return {
        _MOMENT.sub("'<now>'", " ".join(part.split())) for part in parts if part and not part.startswith("--")
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="make test records the SQL on PostgreSQL only")
@pytest.mark.django_db
def test_the_recording_make_test_hands_over_holds_what_sqlmigrate_shows():
    """Under ``make test`` (``NALEVING_TEST_MIGRATION_SQL`` set) the lock check reads the SQL recorded while the
    template was migrated: it must be there, whole and current. For every migration the reviewed table names, and the
    first ten, it holds each statement ``sqlmigrate`` works out; it may hold more, the statements that
    ``sqlmigrate`` cannot know without the database as it was then (dropping a unique constraint or an index
    by the name the database gave it)."""
    loader = MigrationLoader(connection, replace_migrations=False)
    nodes = _all_nodes(loader.graph)
    recording = recorded(loader, nodes)
    if recording is None:
        assert not os.environ.get(RECORDING_ENV_VAR), (
            f"{os.environ.get(RECORDING_ENV_VAR)}: missing, or not of the migrations on disk (make testdb)"
        )
        pytest.skip("no recording: plain pytest works the SQL out itself")
    reviewed = {lock.migration for lock in reviewed_locks(REVIEWED.read_text(encoding="utf-8"))}
    sample = [node for node in nodes[:10]] + [node for node in nodes if f"{node[0]}.{node[1]}" in reviewed]
    assert len(sample) > 20
    for node in sample:
        name = f"{node[0]}.{node[1]}"
        shown = _statements(collected_sql(loader, [node])[name])
        assert shown <= _statements(recording[name]), f"{name}: {shown - _statements(recording[name])}"
