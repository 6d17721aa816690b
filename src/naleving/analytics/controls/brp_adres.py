"""`brp_adres`: the client's BRP address is not the address in the benefit administration.

Hit when the client has no BRP registration that holds on R, or the one that holds is at another
address_id than the benefit administration's. Pw art. 40 lid 2: payment must then be suspended.
A registration ending on R does not hold on R (it holds while R < registered_to).
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
    holds,
    jsonable,
    run_parameters,
    sql_date,
)
from naleving.analytics.params import Value

INFO = ControlInfo(
    name="brp_adres",
    title_nl="BRP-adres wijkt af van het adres in de uitkeringsadministratie",
    description="Actieve cliënten die op de peildatum niet in de BRP staan ingeschreven, of van wie het "
    "BRP-adres op die datum afwijkt van het adres in de uitkeringsadministratie.",
    parameters=run_parameters(),
    data_used={
        "clients": (*POPULATION_COLUMNS, "bsn", "address_id"),
        "brp": ("bsn", "address_id", "registered_from", "registered_to"),
        "addresses": ("address_id",),
    },
    legal_basis=("Participatiewet art. 40 lid 2 (opschorting bij afwijkend BRP-adres)",),
    inputs=(
        Input(
            "brp_address_differs",
            "boolean",
            "BRP-adres op de peildatum ontbreekt of wijkt af",
            "SELECT a.client_id, NOT EXISTS (SELECT 1 FROM brp b WHERE b.bsn = a.bsn "
            "AND b.address_id = a.address_id AND (b.registered_from <= {r} AND (b.registered_to IS NULL OR {r} < b.registered_to))) FROM active a",
        ),
    ),
)


def find_hits(con: duckdb.DuckDBPyConnection, reference_date: date, params: Mapping[str, Value]) -> list[Hit]:
    r = sql_date(reference_date)
    rows = con.execute(
        f"""
        WITH hit AS (
            SELECT a.client_id, a.bsn, a.address_id AS benefit_address,
                   b.address_id, b.registered_from, b.registered_to, b.src_row
            FROM active a LEFT JOIN brp b ON b.bsn = a.bsn AND {holds("b", reference_date)}
            WHERE b.bsn IS NULL OR b.address_id <> a.address_id
        ),
        previous AS (
            SELECT b.bsn, b.address_id, b.registered_from, b.registered_to, b.src_row
            FROM brp b SEMI JOIN (SELECT bsn FROM hit WHERE src_row IS NULL) USING (bsn)
            WHERE b.registered_from <= {r}
            QUALIFY row_number() OVER (PARTITION BY b.bsn ORDER BY b.registered_from DESC) = 1
        )
        SELECT h.client_id, h.benefit_address, h.address_id, h.registered_from, h.registered_to, h.src_row,
               p.address_id, p.registered_from, p.registered_to, p.src_row
        FROM hit h LEFT JOIN previous p ON h.src_row IS NULL AND p.bsn = h.bsn
        ORDER BY h.client_id
        """
    ).fetchall()
    return [_hit(row) for row in rows]


def _registration(values: tuple[object, ...]) -> dict[str, object] | None:
    address_id, registered_from, registered_to, row = values
    if row is None:
        return None
    return {
        "row": row,
        "address_id": address_id,
        "registered_from": jsonable(registered_from),
        "registered_to": jsonable(registered_to),
    }


def _hit(row: tuple[object, ...]) -> Hit:
    client_id, benefit_address = str(row[0]), row[1]
    holding = _registration(row[2:6])
    if holding is None:
        reason = Reason("no_brp_registration", "de cliënt staat op de peildatum niet ingeschreven in de BRP")
        evidence: dict[str, object] = {
            "address_id": benefit_address,
            "brp": [],
            "last_registration_before": _registration(row[6:10]),
        }
    else:
        reason = Reason(
            "brp_address_differs",
            f"het BRP-adres {holding['address_id']} wijkt af van het adres {benefit_address} "
            "in de uitkeringsadministratie",
        )
        evidence = {"address_id": benefit_address, "brp": [holding]}
    return Hit(client_id, (reason,), evidence)


CONTROL = Control(INFO, find_hits)
