"""Checks across rows and files, on the typed tables: duplicate keys, an end before its start, overlapping
BRP registrations of one person, joint accounts reported with two balances, and unknown addresses.

Each check reports its earliest offending row. They run after every value of the file has passed its value
check, so the SQL here can rely on types and on key columns never being empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

import duckdb

from naleving.analytics.checks import quote
from naleving.analytics.errors import DeliveryError
from naleving.analytics.schema import FILES, FileSchema


def check_tables(con: duckdb.DuckDBPyConnection, files: Mapping[str, tuple[str, Set[str]]]) -> None:
    """`files` maps a loaded table to (its file name, the columns read)."""
    for name, (file, columns) in files.items():
        schema = FILES[name]
        if name != "brp":  # for brp, the overlap check finds duplicate keys too (one sort instead of two)
            _check_key(con, schema, file)
        if schema.interval is not None:
            _check_interval(con, schema, file, *schema.interval)
        if name == "brp":
            _check_brp_overlap(con, file)
        if name == "balances" and "balance" in columns:
            _check_joint_accounts(con, file)
    if "addresses" in files:
        for name, (file, columns) in files.items():
            for column in FILES[name].address_columns:
                if column in columns:
                    _check_address(con, name, file, column, files["addresses"][0])


def _error(file: str, row: int, column: str, en: str, nl: str) -> DeliveryError:
    line = row + 1 if file.endswith(".csv") else None
    return DeliveryError(file, row, column, en, message_nl=nl, line=line)


def _check_key(con: duckdb.DuckDBPyConnection, schema: FileSchema, file: str) -> None:
    keys = ", ".join(quote(k) for k in schema.key)
    found = con.execute(
        f"""
        WITH dup AS (
            SELECT {keys}, min(src_row) AS first_row FROM {schema.name} GROUP BY {keys} HAVING count(*) > 1
        )
        SELECT t.src_row, dup.first_row FROM {schema.name} t JOIN dup USING ({keys})
        WHERE t.src_row > dup.first_row ORDER BY t.src_row LIMIT 1
        """
    ).fetchone()
    if found:
        names = " and ".join(schema.key)
        names_nl = " en ".join(schema.key)
        raise _error(
            file,
            int(found[0]),
            ", ".join(schema.key),
            f"duplicate key: the same {names} as row {found[1]}",
            f"dubbele sleutel: dezelfde {names_nl} als rij {found[1]}",
        )


def _check_interval(
    con: duckdb.DuckDBPyConnection, schema: FileSchema, file: str, start: str, end: str
) -> None:
    found = con.execute(
        f"SELECT src_row, {quote(start)}, {quote(end)} FROM {schema.name} "
        f"WHERE {quote(end)} < {quote(start)} ORDER BY src_row LIMIT 1"
    ).fetchone()
    if found:
        raise _error(
            file,
            int(found[0]),
            end,
            f"{end} {found[2]} is before {start} {found[1]}",
            f"{end} {found[2]} ligt vóór {start} {found[1]}",
        )


# Sorted by start, two registrations of one person overlap exactly when some consecutive pair does.
# One aggregation settles the common cases (one registration; two that do not overlap); only the
# persons it cannot clear (more than two, or a suspect pair) are sorted.
_BRP_OVERLAP = """
        WITH suspect AS (
            SELECT bsn FROM brp GROUP BY bsn
            HAVING count(*) > 2 OR (count(*) = 2 AND (
                min(registered_from) = max(registered_from)
                OR arg_min(coalesce(registered_to, DATE '9999-12-31'), registered_from) > max(registered_from)))
        ),
        ordered AS (
            SELECT b.src_row, b.registered_from, lag(b.registered_from) OVER w AS previous_from,
                   lag(b.registered_to) OVER w AS previous_to, lag(b.src_row) OVER w AS previous_row,
                   row_number() OVER w AS n
            FROM brp b SEMI JOIN suspect USING (bsn)
            WINDOW w AS (PARTITION BY b.bsn ORDER BY b.registered_from, b.src_row)
        )
        SELECT src_row, previous_row, previous_from = registered_from FROM ordered
        WHERE n > 1 AND (previous_from = registered_from OR previous_to IS NULL OR previous_to > registered_from)
        ORDER BY src_row LIMIT 1
        """


def _check_brp_overlap(con: duckdb.DuckDBPyConnection, file: str) -> None:
    found = con.execute(_BRP_OVERLAP).fetchone()
    if found and found[2]:
        raise _error(
            file,
            int(found[0]),
            "bsn, registered_from",
            f"duplicate key: the same bsn and registered_from as row {found[1]}",
            f"dubbele sleutel: dezelfde bsn en registered_from als rij {found[1]}",
        )
    if found:
        raise _error(
            file,
            int(found[0]),
            "registered_from",
            f"this registration overlaps the registration in row {found[1]} of the same BSN "
            "(a person has one BRP address at a time)",
            f"deze inschrijving overlapt met de inschrijving in rij {found[1]} van hetzelfde BSN "
            "(iemand heeft één BRP-adres tegelijk)",
        )


def _check_joint_accounts(con: duckdb.DuckDBPyConnection, file: str) -> None:
    found = con.execute(
        """
        WITH conflict AS (
            SELECT account_id, reference_date FROM balances
            GROUP BY account_id, reference_date HAVING count(DISTINCT balance) > 1
        ),
        rows AS (
            SELECT b.src_row, b.balance,
                   first_value(b.balance) OVER w AS first_balance, first_value(b.src_row) OVER w AS first_row
            FROM balances b JOIN conflict USING (account_id, reference_date)
            WINDOW w AS (PARTITION BY b.account_id, b.reference_date ORDER BY b.src_row)
        )
        SELECT src_row, first_row FROM rows WHERE balance <> first_balance ORDER BY src_row LIMIT 1
        """
    ).fetchone()
    if found:
        raise _error(
            file,
            int(found[0]),
            "balance",
            f"the same account_id and reference_date as row {found[1]} with another balance",
            f"hetzelfde account_id en reference_date als rij {found[1]} met een ander saldo",
        )


def _check_address(
    con: duckdb.DuckDBPyConnection, table: str, file: str, column: str, addresses: str
) -> None:
    q = quote(column)
    found = con.execute(
        f"""
        WITH unknown AS (
            SELECT t.src_row, t.{q} AS value FROM {table} t ANTI JOIN addresses a ON t.{q} = a.address_id
        )
        SELECT arg_min(src_row, src_row), arg_min(value, src_row), count(*) FROM unknown
        """
    ).fetchone()
    if found and found[0] is not None:
        more = f" ({found[2]} rows have an unknown address)" if found[2] > 1 else ""
        more_nl = f" ({found[2]} rijen hebben een onbekend adres)" if found[2] > 1 else ""
        raise _error(
            file,
            int(found[0]),
            column,
            f"address {found[1]!r} is not in {addresses}{more}",
            f"adres {found[1]!r} staat niet in {addresses}{more_nl}",
        )
