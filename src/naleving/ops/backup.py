"""Backup and restore (issue #25): the database, the files beside it and the audit checkpoints, with a manifest.

A backup is a folder::

    manifest.json         what is in it: version, migrations, row counts per table, every file's SHA-256
    database.dump         PostgreSQL: ``pg_dump --format=custom`` (or database.sqlite3: SQLite's online backup)
    files/media/...       uploads (change-report attachments, investigation documents, municipality logos)
    files/leveringen/...  theme-control deliveries still being processed
    files/audit-anchor/   the signed checkpoints of the audit chain and their public key

The audit chain's HMAC key and the checkpoint signing key are secrets and are never in a backup: keep them in
the key store (docs/deployment.md). ``restore`` first checks every checksum and refuses a damaged backup
before it touches anything; it restores into an empty database (or, with ``replace``, drops what is there).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "naleving-backup-1"
MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """The backup or restore cannot go on; the message (Dutch) names what and where."""


@dataclass(frozen=True)
class Source:
    name: str
    path: Path


def sources() -> list[Source]:
    """The folders outside the database that a restore needs."""
    return [
        Source("media", Path(settings.MEDIA_ROOT)),
        Source("leveringen", Path(settings.NALEVING_DELIVERY_DIR)),
        Source("audit-anchor", Path(settings.NALEVING_AUDIT_ANCHOR_DIR)),
    ]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows per table of every installed model (the restore drill compares them)."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    args += ["-U", str(db.get("USER") or "postgres"), "-d", str(db["NAME"])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is niet geïnstalleerd (Debian: postgresql-client).")
    done = subprocess.run([tool, *command[1:]], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} faalde (exit {done.returncode}): {done.stderr.strip()[:500]}")


def _dump_database(folder: Path) -> str:
    if connection.vendor == "postgresql":
        env, args = _pg_env()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(folder / "database.dump"), *args], env
        )
        return "database.dump"
    if connection.vendor == "sqlite":
        target = sqlite3.connect(folder / "database.sqlite3")
        connection.ensure_connection()
        with target:
            connection.connection.backup(target)
        target.close()
        return "database.sqlite3"
    raise BackupError(f"Database {connection.vendor} wordt niet ondersteund.")


def _copy_files(folder: Path) -> list[dict]:
    files = []
    for source in sources():
        if not source.path.exists():
            continue
        for path in sorted(p for p in source.path.rglob("*") if p.is_file()):
            relative = Path("files") / source.name / path.relative_to(source.path)
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, folder / relative)
            files.append(
                {"path": str(relative), "size": path.stat().st_size, "sha256": sha256(folder / relative)}
            )
    return files


def backup_create(out: Path, *, now: datetime | None = None) -> dict:
    """Write a backup into the new folder ``out``; returns its manifest."""
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} bestaat al en is niet leeg; kies een nieuwe map.")
    out.mkdir(parents=True, exist_ok=True)
    database = _dump_database(out)
    files = _copy_files(out)
    files.insert(
        0, {"path": database, "size": (out / database).stat().st_size, "sha256": sha256(out / database)}
    )
    applied = MigrationRecorder(connection).applied_migrations()
    manifest = {
        "format": FORMAT,
        "created_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "database": {"vendor": connection.vendor, "file": database},
        "migrations": sorted(f"{app}.{name}" for app, name in applied),
        "row_counts": row_counts(),
        "files": files,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def manifest_check(folder: Path) -> dict:
    """The manifest of a backup whose every file is present with its checksum; else ``BackupError``."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder / MANIFEST} is niet te lezen: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{folder / MANIFEST}: onbekend formaat {manifest.get('format')!r}, verwacht {FORMAT}."
        )
    for entry in manifest["files"]:
        path = folder / entry["path"]
        if not path.is_file():
            raise BackupError(f"{entry['path']} ontbreekt in de backup.")
        if sha256(path) != entry["sha256"]:
            raise BackupError(f"{entry['path']}: de controlesom klopt niet; de backup is beschadigd.")
    return manifest


def _database_empty() -> bool:
    return "django_migrations" not in connection.introspection.table_names()


def _drop_everything() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        else:
            for table in connection.introspection.table_names():
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')


def _restore_database(folder: Path, manifest: dict) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"De backup is van {vendor}, deze installatie gebruikt {connection.vendor}.")
    source = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        env, args = _pg_env()
        connection.close()
        _run(["pg_restore", "--no-owner", "--exit-on-error", *args, str(source)], env)
        return
    backup = sqlite3.connect(source)
    connection.ensure_connection()
    with backup:
        backup.backup(connection.connection)
    backup.close()


def _restore_files(folder: Path, manifest: dict) -> None:
    places = {source.name: source.path for source in sources()}
    for entry in manifest["files"][1:]:
        _files, name, *rest = Path(entry["path"]).parts
        target = places[name].joinpath(*rest)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / entry["path"], target)


def backup_restore(folder: Path, *, replace: bool = False) -> dict:
    """Check the backup, then restore the database and the files. Returns the manifest."""
    manifest = manifest_check(folder)
    if not _database_empty():
        if not replace:
            raise BackupError(
                "De database is niet leeg; herstel alleen in een lege database (of gebruik --replace)."
            )
        _drop_everything()
    for source in sources():
        if replace and source.path.exists():
            shutil.rmtree(source.path)
    _restore_database(folder, manifest)
    _restore_files(folder, manifest)
    return manifest


def compare_counts(manifest: dict) -> list[str]:
    """The tables whose row count differs from the manifest's, as Dutch lines (empty: all equal)."""
    now = row_counts()
    return [
        f"{table}: {expected} in de backup, {now.get(table)} hersteld"
        for table, expected in manifest["row_counts"].items()
        if now.get(table) != expected
    ]
