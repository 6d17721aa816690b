"""`kostendelers`: more cost sharers live at the client's address than the norm applied assumes.

Computed A counts the persons whose BRP registration at the client's address_id holds on R and who are:
the client; the partner (`partner_bsn`) if aged 21 or more; anyone else aged 27 or more who has neither
`study_finance` nor `commercial_tenant`. Hit when computed A is greater than `kostendelers_applied`, the A
used in the norm (Pw art. 22a). Ages are whole years on R; a birthday on R counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import duckdb

from naleving.analytics.controls.base import (
    POPULATION_COLUMNS,
    Control,
    ControlInfo,
    Hit,
    Input,
    Reason,
    group_rows,
    holds,
    jsonable,
    run_parameters,
    sql_date,
)
from naleving.analytics.params import Value

PARTNER_MIN_AGE = 21
KOSTENDELER_MIN_AGE = 27
COUNTED_ROLES = ("client", "partner", "kostendeler")

INFO = ControlInfo(
    name="kostendelers",
    title_nl="Kostendelers op het adres",
    description="Actieve cliënten op wier adres (uitkeringsadministratie) op de peildatum meer personen in de "
    "BRP staan ingeschreven die meetellen voor de kostendelersnorm (de cliënt, een partner van 21 jaar of "
    "ouder, anderen van 27 jaar of ouder zonder studiefinanciering en zonder commerciële huur) dan het "
    "aantal kostendelers (A) waarmee de uitkering is berekend.",
    parameters=run_parameters(),
    data_used={
        "clients": (*POPULATION_COLUMNS, "bsn", "partner_bsn", "kostendelers_applied", "address_id"),
        "brp": (
            "bsn",
            "birth_date",
            "address_id",
            "registered_from",
            "registered_to",
            "study_finance",
            "commercial_tenant",
        ),
        "addresses": ("address_id",),
    },
    legal_basis=(
        "Participatiewet art. 22a lid 1 (kostendelersnorm)",
        "Participatiewet art. 19a (begrip kostendeler)",
        "Participatiewet art. 17 lid 1 (inlichtingenplicht)",
    ),
    inputs=(
        Input(
            "kostendelers_applied",
            "number",
            "aantal kostendelers waarmee de uitkering rekent (A)",
            "SELECT client_id, kostendelers_applied FROM active",
        ),
        Input(
            "kostendelers_counted",
            "number",
            "aantal kostendelers op het adres volgens de BRP",
            "SELECT a.client_id, count(b.bsn) FILTER (WHERE b.bsn = a.bsn "
            f"OR (b.bsn = a.partner_bsn AND age_on(b.birth_date, {{r}}) >= {PARTNER_MIN_AGE}) "
            f"OR (b.bsn IS DISTINCT FROM a.partner_bsn AND age_on(b.birth_date, {{r}}) >= {KOSTENDELER_MIN_AGE} "
            "AND NOT coalesce(b.study_finance, false) AND NOT coalesce(b.commercial_tenant, false))) "
            "FROM active a LEFT JOIN brp b ON b.address_id = a.address_id "
            "AND (b.registered_from <= {r} AND (b.registered_to IS NULL OR {r} < b.registered_to)) GROUP BY a.client_id",
        ),
    ),
)


def find_hits(con: duckdb.DuckDBPyConnection, reference_date: date, params: Mapping[str, Value]) -> list[Hit]:
    rows = con.execute(
        f"""
        WITH here AS (
            SELECT a.client_id, a.bsn AS client_bsn, a.partner_bsn, a.kostendelers_applied, a.address_id,
                   b.bsn, b.birth_date, age_on(b.birth_date, {sql_date(reference_date)}) AS age,
                   b.study_finance, b.commercial_tenant, b.src_row
            FROM active a JOIN brp b ON b.address_id = a.address_id AND {holds("b", reference_date)}
        ),
        roles AS (
            SELECT *, CASE
                WHEN bsn = client_bsn THEN 'client'
                WHEN bsn = partner_bsn THEN
                    CASE WHEN age >= {PARTNER_MIN_AGE} THEN 'partner' ELSE 'partner_under_21' END
                WHEN age < {KOSTENDELER_MIN_AGE} THEN 'under_27'
                WHEN study_finance THEN 'study_finance'
                WHEN commercial_tenant THEN 'commercial_tenant'
                ELSE 'kostendeler' END AS role
            FROM here
        ),
        hit AS (
            SELECT client_id, count(*) FILTER (WHERE role IN {COUNTED_ROLES}) AS computed
            FROM roles GROUP BY client_id, kostendelers_applied
            HAVING count(*) FILTER (WHERE role IN {COUNTED_ROLES}) > kostendelers_applied
        )
        SELECT r.client_id, r.address_id, r.kostendelers_applied, h.computed,
               r.src_row, r.bsn, r.birth_date, r.age, r.study_finance, r.commercial_tenant, r.role
        FROM roles r JOIN hit h USING (client_id)
        ORDER BY r.client_id, r.src_row
        """
    ).fetchall()
    return [_hit(client_id, group) for client_id, group in group_rows(rows).items()]


def _hit(client_id: str, rows: list[tuple[object, ...]]) -> Hit:
    _, address_id, applied, computed = rows[0][:4]
    reason = Reason(
        "kostendelers_above_applied",
        f"op adres {address_id} tellen {computed} ingeschreven personen mee voor de kostendelersnorm, "
        f"terwijl de uitkering is berekend met A = {applied}",
    )
    evidence = {
        "address_id": address_id,
        "kostendelers_applied": applied,
        "computed_a": computed,
        "brp": [
            {
                "row": row[4],
                "bsn": row[5],
                "birth_date": jsonable(row[6]),
                "age": row[7],
                "study_finance": row[8],
                "commercial_tenant": row[9],
                "role": row[10],
                "counted": row[10] in COUNTED_ROLES,
            }
            for row in rows
        ],
    }
    return Hit(client_id, (reason,), evidence)


CONTROL = Control(INFO, find_hits)
