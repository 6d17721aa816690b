"""`adresbezetting`: the client's address is vacant, or more people are registered there than fit.

Hit when the client's address_id (benefit administration) is `vacant` in the BAG, or when the number of
persons whose BRP registration at that address holds on R, times `m2_per_person`, is greater than
`floor_area_m2` (only when the floor area is greater than 0). Seed 003, actielijn 3, theme huisvesting:
"of inwoners niet fictief zijn ingeschreven en ondertussen elders wonen ... bij leegstaande woningen".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

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
)
from naleving.analytics.params import ParameterInfo, Value

M2_PER_PERSON = ParameterInfo(
    name="m2_per_person",
    default=Decimal("12"),
    minimum=Decimal("0.01"),
    description="Vloeroppervlak (m2) dat een ingeschreven persoon minstens nodig heeft; meer personen dan de "
    "oppervlakte zo toelaat is een treffer.",
)

INFO = ControlInfo(
    name="adresbezetting",
    title_nl="Adresbezetting (leegstand en overbewoning)",
    description="Actieve cliënten van wie het adres in de uitkeringsadministratie volgens de BAG leegstaat, "
    "of waar het aantal op de peildatum in de BRP ingeschreven personen maal m2_per_person groter is dan het "
    "vloeroppervlak. Beide kunnen wijzen op een inschrijving op een adres waar de cliënt niet echt woont.",
    parameters=run_parameters(M2_PER_PERSON),
    data_used={
        "clients": (*POPULATION_COLUMNS, "address_id"),
        "addresses": ("address_id", "floor_area_m2", "vacant"),
        "brp": ("bsn", "address_id", "registered_from", "registered_to"),
    },
    legal_basis=(
        "Participatiewet art. 17 lid 1 (inlichtingenplicht)",
        "Participatiewet art. 40 lid 1 (woonplaats)",
    ),
    inputs=(
        Input(
            "address_vacant",
            "boolean",
            "adres staat leeg volgens de BAG",
            "SELECT a.client_id, ad.vacant FROM active a LEFT JOIN addresses ad USING (address_id)",
        ),
        Input(
            "floor_area_per_person",
            "number",
            "vloeroppervlak per ingeschreven persoon (m2)",
            "WITH persons AS (SELECT b.address_id, count(DISTINCT b.bsn) AS n FROM brp b "
            "WHERE (b.registered_from <= {r} AND (b.registered_to IS NULL OR {r} < b.registered_to)) GROUP BY b.address_id) "
            "SELECT a.client_id, ad.floor_area_m2 / nullif(p.n, 0) FROM active a "
            "LEFT JOIN addresses ad USING (address_id) LEFT JOIN persons p USING (address_id)",
        ),
    ),
)


def find_hits(con: duckdb.DuckDBPyConnection, reference_date: date, params: Mapping[str, Value]) -> list[Hit]:
    m2 = Decimal(params[M2_PER_PERSON.name])
    rows = con.execute(
        f"""
        WITH client_address AS (
            SELECT a.client_id, a.address_id, ad.vacant, ad.floor_area_m2, ad.src_row
            FROM active a JOIN addresses ad USING (address_id)
        ),
        registered AS (
            SELECT b.address_id, b.bsn, b.registered_from, b.registered_to, b.src_row
            FROM brp b SEMI JOIN client_address c USING (address_id)
            WHERE {holds("b", reference_date)}
        ),
        persons AS (SELECT address_id, count(DISTINCT bsn) AS n FROM registered GROUP BY address_id),
        hit AS (
            SELECT c.*, coalesce(p.n, 0) AS persons
            FROM client_address c LEFT JOIN persons p USING (address_id)
            WHERE c.vacant OR (c.floor_area_m2 > 0
                               AND coalesce(p.n, 0) * CAST('{m2:f}' AS DECIMAL(18, 2)) > c.floor_area_m2)
        )
        SELECT h.client_id, h.address_id, h.vacant, h.floor_area_m2, h.src_row, h.persons,
               r.bsn, r.registered_from, r.registered_to, r.src_row
        FROM hit h LEFT JOIN registered r USING (address_id)
        ORDER BY h.client_id, r.src_row
        """
    ).fetchall()
    return [_hit(client_id, group, m2) for client_id, group in group_rows(rows).items()]


def _hit(client_id: str, rows: list[tuple[object, ...]], m2: Decimal) -> Hit:
    _, address_id, vacant, floor_area, address_row, persons = rows[0][:6]
    reasons = []
    if vacant:
        reasons.append(Reason("address_vacant", f"adres {address_id} staat volgens de BAG leeg"))
    needed = int(str(persons)) * m2
    if floor_area and Decimal(str(floor_area)) > 0 and needed > Decimal(str(floor_area)):
        reasons.append(
            Reason(
                "address_overcrowded",
                f"op adres {address_id} staan {persons} personen ingeschreven; bij {m2} m2 per persoon is dat "
                f"{needed} m2, meer dan de oppervlakte van {floor_area} m2",
            )
        )
    evidence = {
        "address_id": address_id,
        "addresses": [{"row": address_row, "vacant": vacant, "floor_area_m2": jsonable(floor_area)}],
        "persons_registered": persons,
        "brp": [
            {
                "row": row[9],
                "bsn": row[6],
                "registered_from": jsonable(row[7]),
                "registered_to": jsonable(row[8]),
            }
            for row in rows
            if row[6] is not None
        ],
    }
    return Hit(client_id, tuple(reasons), evidence)


CONTROL = Control(INFO, find_hits)
