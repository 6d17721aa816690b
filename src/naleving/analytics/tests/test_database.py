"""Each reading of a delivery has a private catalog in the process's one DuckDB database, freed when it ends."""

import os

import duckdb
import pytest

from naleving.analytics import database


def _catalogs() -> set[str]:
    con = database.cursor()
    try:
        return {name for (name,) in con.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    finally:
        con.close()


def test_two_readings_do_not_see_each_others_tables_and_both_are_freed():
    first, first_name = database.private_connection()
    second, second_name = database.private_connection()
    try:
        first.execute("CREATE TABLE clients AS SELECT 'a' AS client_id")
        second.execute("CREATE TABLE clients AS SELECT 'b' AS client_id UNION ALL SELECT 'c'")
        assert first.execute("SELECT client_id FROM clients").fetchall() == [("a",)]
        assert second.execute("SELECT count(*) FROM clients").fetchone() == (2,)
        assert {first_name, second_name} <= _catalogs()
    finally:
        database.release(first, first_name)
        database.release(second, second_name)
    assert not {first_name, second_name} & _catalogs()
    # the memory was handed back at the detach only: runs release theirs as DuckDB does by default
    con = database.cursor()
    try:
        sql = "SELECT value FROM duckdb_settings() WHERE name = 'allocator_bulk_deallocation_flush_threshold'"
        assert con.execute(sql).fetchone() == ("512.0 MiB",)
    finally:
        con.close()
    with pytest.raises(duckdb.ConnectionException):
        first.execute("SELECT 1")


def test_a_reading_that_failed_is_freed_too():
    con, name = database.private_connection()
    con.execute("CREATE TABLE brp AS SELECT 1 AS bsn")
    with pytest.raises(duckdb.Error):
        con.execute("SELECT no_such_column FROM brp")
    database.release(con, name)
    assert name not in _catalogs()


def test_a_forked_process_opens_a_database_of_its_own(monkeypatch):
    database.cursor().close()
    saved = database._database
    shared = database._shared()
    monkeypatch.setattr(os, "getpid", lambda: -1)  # what a child process sees after a fork
    assert database._shared() is not shared
    monkeypatch.undo()
    database._database = saved
    assert database._shared() is shared
