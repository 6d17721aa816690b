"""The population of a run (the clients active on R) and the attributes of the bias check.

A client is active on R when benefit_start <= R and (benefit_end is empty or benefit_end >= R). Age is in
whole years on R: a birthday on R counts, and someone born on 29 February turns a year older on 1 March
in a year without 29 February. The attributes are used only to check the selection, never to select.
"""

from __future__ import annotations

from datetime import date

import duckdb

from naleving.analytics.controls.base import sql_date
from naleving.analytics.schema import HOUSEHOLD_TYPES, SEXES

AGE_BANDS = ("18-26", "27-39", "40-54", "55+")
UNDER_18 = "<18"  # not a band of datasets.md; a Pw client is 18 or older, but a delivery may say otherwise
ATTRIBUTES = ("age_band", "sex", "household_type", "district")

_AGE_ON = """
CREATE OR REPLACE MACRO age_on(birth, ref) AS
    year(ref) - year(birth)
    - CASE WHEN month(ref) < month(birth) OR (month(ref) = month(birth) AND day(ref) < day(birth))
           THEN 1 ELSE 0 END
"""


def create_active(con: duckdb.DuckDBPyConnection, reference_date: date) -> int:
    """Create the `active` table (clients active on R, with age and age_band); return its size."""
    r = sql_date(reference_date)
    con.execute(_AGE_ON)
    con.execute(
        f"""
        CREATE OR REPLACE TABLE active AS
        SELECT c.*, age_on(c.birth_date, {r}) AS age,
               CASE WHEN age_on(c.birth_date, {r}) < 18 THEN '{UNDER_18}'
                    WHEN age_on(c.birth_date, {r}) < 27 THEN '18-26'
                    WHEN age_on(c.birth_date, {r}) < 40 THEN '27-39'
                    WHEN age_on(c.birth_date, {r}) < 55 THEN '40-54'
                    ELSE '55+' END AS age_band
        FROM clients c
        WHERE c.benefit_start <= {r} AND (c.benefit_end IS NULL OR c.benefit_end >= {r})
        """
    )
    count = con.execute("SELECT count(*) FROM active").fetchone()
    return int(count[0]) if count else 0


def exclude_active(con: duckdb.DuckDBPyConnection, bsns: list[str]) -> int:
    """Take the clients with one of `bsns` out of the `active` table (they objected to the processing,
    AVG art. 21), so no control selects them, the bias check does not count them and the control group is
    not drawn from them; return how many active clients were taken out."""
    if not bsns:
        return 0
    removed = con.execute(
        "DELETE FROM active WHERE CAST(bsn AS VARCHAR) IN (SELECT unnest(?::VARCHAR[])) RETURNING client_id",
        [bsns],
    ).fetchall()
    return len(removed)


def keep_active(con: duckdb.DuckDBPyConnection, bsns: list[str]) -> int:
    """Keep only the clients with one of `bsns` in the `active` table (a run for one municipality: its
    residents), so selection, bias check and control group see that population only; return how many
    active clients were taken out."""
    removed = con.execute(
        "DELETE FROM active WHERE CAST(bsn AS VARCHAR) NOT IN (SELECT unnest(?::VARCHAR[])) "
        "OR bsn IS NULL RETURNING client_id",
        [bsns],
    ).fetchall()
    return len(removed)


def set_hits(con: duckdb.DuckDBPyConnection, client_ids: list[str]) -> None:
    """Put the selected clients in the `hit_ids` table the bias check and the control group read."""
    con.execute(
        "CREATE OR REPLACE TABLE hit_ids AS SELECT DISTINCT unnest(?::VARCHAR[]) AS client_id", [client_ids]
    )


def group_counts(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, tuple[int, int]]]:
    """{attribute: {group: (n, s)}} over the active clients, s counting those in `hit_ids`."""
    rows = con.execute(
        " UNION ALL ".join(
            f"SELECT '{attribute}', a.{attribute}, count(*), count(h.client_id) "
            f"FROM active a LEFT JOIN hit_ids h USING (client_id) GROUP BY a.{attribute}"
            for attribute in ATTRIBUTES
        )
    ).fetchall()
    found: dict[str, dict[str, tuple[int, int]]] = {attribute: {} for attribute in ATTRIBUTES}
    for attribute, group, n, s in rows:
        found[str(attribute)][str(group)] = (int(n), int(s))
    return {attribute: _ordered(attribute, groups) for attribute, groups in found.items()}


def client_groups(con: duckdb.DuckDBPyConnection, client_ids: list[str]) -> dict[str, dict[str, str]]:
    """{client_id: {attribute: group}} for ``client_ids`` among the active clients: the groups of the bias
    check kept with each hit and control-group member, so the outcomes can be compared per group after the
    delivery's files are deleted (issue #23)."""
    if not client_ids:
        return {}
    columns = ", ".join(ATTRIBUTES)
    rows = con.execute(
        f"SELECT client_id, {columns} FROM active WHERE client_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY client_id",
        [client_ids],
    ).fetchall()
    return {str(row[0]): {a: str(v) for a, v in zip(ATTRIBUTES, row[1:], strict=True)} for row in rows}


def _ordered(attribute: str, groups: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Fixed domains in their natural order, with empty groups shown as (0, 0); districts sorted."""
    domain: tuple[str, ...] = {
        "age_band": ((UNDER_18,) if UNDER_18 in groups else ()) + AGE_BANDS,
        "sex": SEXES,
        "household_type": HOUSEHOLD_TYPES,
    }.get(attribute, tuple(sorted(groups)))
    return {group: groups.get(group, (0, 0)) for group in domain}
