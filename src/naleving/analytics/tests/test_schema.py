"""The delivery schema and the SQL value checks against plain-Python references."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naleving.analytics.checks import bsn_number, elfproef_fails, format_fails, helper_columns
from naleving.analytics.population import create_active
from naleving.analytics.schema import FILES, Column, Kind, is_special_category


def test_no_column_of_the_schema_counts_as_special_category() -> None:
    assert not [c for f in FILES.values() for c in f.column_names if is_special_category(c)]


@pytest.mark.parametrize(
    "name",
    ["nationality", "Nationaliteit", "ethnicity", "country_of_birth", "GeboorteLand", "religion", "health"],
)
def test_special_category_names(name: str) -> None:
    assert is_special_category(name)


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE clients (client_id VARCHAR, birth_date DATE, benefit_start DATE, benefit_end DATE)"
    )
    create_active(connection, date(2026, 1, 1))  # defines the age_on macro
    return connection


def check_bsns(con: duckdb.DuckDBPyConnection, bsns: list[str]) -> list[tuple[str, bool]]:
    fails = elfproef_fails(bsn_number("v"))
    query = f"SELECT v, {fails} FROM (SELECT v, {helper_columns((Column('v', Kind.BSN),))[0]} FROM unnest(?::VARCHAR[]) t(v))"
    return con.execute(query, [bsns]).fetchall()


def elfproef(bsn: str) -> bool:
    return (sum((9 - i) * int(d) for i, d in enumerate(bsn[:8])) - int(bsn[8])) % 11 == 0


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 999_999_999).map(lambda n: f"{n:09d}"), min_size=1, max_size=500))
def test_elfproef_sql_equals_python(con: duckdb.DuckDBPyConnection, bsns: list[str]) -> None:
    assert all(fails is not elfproef(v) for v, fails in check_bsns(con, bsns))


def test_elfproef_examples(con: duckdb.DuckDBPyConnection) -> None:
    valid, invalid = ["111222333", "100000009", "000000000"], ["123456789", "111222334"]
    rows = dict(check_bsns(con, valid + invalid))
    assert [rows[v] for v in valid + invalid] == [False, False, False, True, True]


def date_fails(con: duckdb.DuckDBPyConnection, values: list[str]) -> list[bool]:
    sql = format_fails(Column("v", Kind.DATE), native=False)
    return [
        row[0] for row in con.execute(f"SELECT {sql} FROM unnest(?::VARCHAR[]) t(v)", [values]).fetchall()
    ]


def is_iso_date(value: str) -> bool:
    """YYYY-MM-DD exactly (ASCII digits) and a day of the calendar."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    if not all(c in "0123456789" for c in value[:4] + value[5:7] + value[8:]):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def test_date_check_examples(con: duckdb.DuckDBPyConnection) -> None:
    good = ["2026-01-05", "2024-02-29", "0044-03-15", "9999-12-31"]
    bad = [
        "2026-1-05",
        "2026-01-5",
        " 2026-01-05",
        "2026-01-05 ",
        "12026-01-01",
        "2026-01-05 (BC)",
        "2026-02-30",
        "2026-13-01",
        "2026/01/05",
        "20260105",
        "+2026-01-05",
        "2026-01-05T00:00",
        "0000-01-01",
    ]
    assert date_fails(con, good + bad) == [False] * len(good) + [True] * len(bad)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.dates().map(date.isoformat),
            st.text(alphabet="0123456789-/ T+", min_size=8, max_size=12),
        ),
        min_size=1,
        max_size=200,
    )
)
def test_date_check_equals_python(con: duckdb.DuckDBPyConnection, values: list[str]) -> None:
    assert date_fails(con, values) == [not is_iso_date(v) for v in values]


def age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.dates(date(1920, 1, 1), date(2026, 12, 31)), min_size=1, max_size=200),
    st.dates(date(2000, 1, 1)),
)
def test_age_on_equals_python(con: duckdb.DuckDBPyConnection, births: list[date], on: date) -> None:
    rows = con.execute("SELECT b, age_on(b, ?) FROM unnest(?::DATE[]) t(b)", [on, births]).fetchall()
    assert all(years == age(birth, on) for birth, years in rows)


def test_leap_day_birthday(con: duckdb.DuckDBPyConnection) -> None:
    born = date(2000, 2, 29)
    assert con.execute("SELECT age_on(?, ?)", [born, date(2027, 2, 28)]).fetchone() == (26,)
    assert con.execute("SELECT age_on(?, ?)", [born, date(2027, 3, 1)]).fetchone() == (27,)
    assert con.execute("SELECT age_on(?, ?)", [born, date(2028, 2, 29)]).fetchone() == (28,)
