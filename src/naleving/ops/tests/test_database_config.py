"""The database settings: PostgreSQL keeps a page's queries as prepared statements unless told not to."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from naleving.settings import base, env


def test_postgresql_binds_on_the_server_and_prepares_after_two_runs(monkeypatch):
    monkeypatch.delenv("NALEVING_DB_PREPARE_THRESHOLD", raising=False)
    assert _threshold(None).stdout.strip() == "2"  # the default
    monkeypatch.setattr(env, "DB_PREPARE_THRESHOLD", 2)
    config = base.database_config("postgres://naleving@db.example:5432/naleving")
    assert config["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 2}
    assert config["CONN_MAX_AGE"] == 60


def test_off_sends_every_query_whole(monkeypatch):
    monkeypatch.setattr(env, "DB_PREPARE_THRESHOLD", None)
    assert "OPTIONS" not in base.database_config("postgres://naleving@db.example:5432/naleving")


def test_sqlite_is_left_as_it_was(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "DATA_DIR", tmp_path)
    assert "server_side_binding" not in base.database_config("")["OPTIONS"]


@pytest.mark.parametrize(("value", "expected"), [("", "None"), ("off", "None"), (" 5 ", "5"), ("0", "0")])
def test_the_variable_is_read_as_runs_or_off(value, expected):
    assert _threshold(value).stdout.strip() == expected


def test_a_value_that_is_no_number_is_refused_with_its_name():
    result = _threshold("twee")
    assert result.returncode != 0
    assert "NALEVING_DB_PREPARE_THRESHOLD='twee': give a whole number (runs) or 'off'" in result.stderr


def _threshold(value: str | None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "NALEVING_DB_PREPARE_THRESHOLD"}
    if value is not None:
        environment["NALEVING_DB_PREPARE_THRESHOLD"] = value
    return subprocess.run(
        [sys.executable, "-c", "from naleving.settings import env; print(env.DB_PREPARE_THRESHOLD)"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.django_db
def test_the_test_database_runs_with_the_production_binding():
    """The suite runs on the same binding as production, so a query the server cannot bind fails here."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::int + 1", [41])
        assert cursor.fetchone() == (42,)
