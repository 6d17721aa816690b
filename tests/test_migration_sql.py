"""The recorded SQL of the migrations (``naleving.testing.migration_sql``) is used only when whole and current."""

import json

from django.db.migrations.loader import MigrationLoader

from naleving.testing import migration_sql


def _recording(tmp_path, monkeypatch, fingerprint: str, names: list[str]):
    path = tmp_path / "sql.json"
    path.write_text(json.dumps({"fingerprint": fingerprint, "sql": {name: [] for name in names}}))
    monkeypatch.setenv(migration_sql.ENV_VAR, str(path))


def test_a_recording_is_used_only_when_whole_and_of_the_migrations_on_disk(tmp_path, monkeypatch):
    loader = MigrationLoader(None, replace_migrations=False)
    nodes = sorted(loader.graph.nodes)
    names = [f"{app}.{name}" for app, name in nodes]
    current = migration_sql.fingerprint(loader)
    monkeypatch.delenv(migration_sql.ENV_VAR, raising=False)
    assert migration_sql.recorded(loader, nodes) is None  # none asked for
    monkeypatch.setenv(migration_sql.ENV_VAR, str(tmp_path / "missing.json"))
    assert migration_sql.recorded(loader, nodes) is None
    _recording(tmp_path, monkeypatch, current, names)
    assert set(migration_sql.recorded(loader, nodes) or {}) == set(names)
    _recording(tmp_path, monkeypatch, "0" * 64, names)  # a migration file changed since
    assert migration_sql.recorded(loader, nodes) is None
    _recording(tmp_path, monkeypatch, current, names[:-1])  # a migration not recorded
    assert migration_sql.recorded(loader, nodes) is None


def test_the_fingerprint_covers_each_migration_file(monkeypatch):
    loader = MigrationLoader(None, replace_migrations=False)
    before = migration_sql.fingerprint(loader)
    key = sorted(loader.disk_migrations)[0]
    module = __import__(loader.disk_migrations[key].__module__, fromlist=["_"])
    real_read = type(migration_sql.Path(module.__file__)).read_bytes

    def read_bytes(path):
        data = real_read(path)
        return data + b"\n# changed" if str(path) == module.__file__ else data

    monkeypatch.setattr(type(migration_sql.Path(module.__file__)), "read_bytes", read_bytes)
    assert migration_sql.fingerprint(loader) != before
