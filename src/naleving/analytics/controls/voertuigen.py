"""`voertuigen`: several vehicles registered to the client in the year up to R (RDW).

Hit when the number of distinct plates registered to the client's BSN whose registration overlaps the
window [R - 365 days, R] is at least `min_vehicles`. A registration overlaps when registered_from <= R and
(registered_to is empty or registered_to >= R - 365 days). Seed 003, actielijn 3: many cars in a period
"kan duiden op handel en dat moet worden opgegeven als inkomen".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import duckdb

from naleving.analytics.controls.base import (
    POPULATION_COLUMNS,
    Control,
    ControlInfo,
    Hit,
    Input,
    Reason,
    group_rows,
    jsonable,
    run_parameters,
    sql_date,
)
from naleving.analytics.params import ParameterInfo, Value

WINDOW_DAYS = 365

MIN_VEHICLES = ParameterInfo(
    name="min_vehicles",
    default=3,
    minimum=1,
    description="Een cliënt is een treffer met minstens zoveel verschillende kentekens in de periode "
    "[R - 365 dagen, R].",
)

INFO = ControlInfo(
    name="voertuigen",
    title_nl="Meerdere voertuigen op naam",
    description="Actieve cliënten op wier BSN in de 365 dagen tot de peildatum minstens min_vehicles "
    "verschillende kentekens stonden (RDW). Veel kopen en verkopen van voertuigen kan wijzen op inkomsten "
    "of vermogen die gemeld moeten worden.",
    parameters=run_parameters(MIN_VEHICLES),
    data_used={
        "clients": (*POPULATION_COLUMNS, "bsn"),
        "vehicles": ("bsn", "plate", "registered_from", "registered_to"),
    },
    legal_basis=(
        "Participatiewet art. 17 lid 1 (inlichtingenplicht)",
        "Participatiewet art. 31 lid 1 (middelen: inkomsten)",
        "Participatiewet art. 34 lid 1 (middelen: vermogen)",
    ),
    inputs=(
        Input(
            "vehicles_in_year",
            "number",
            "aantal voertuigen op naam in het jaar tot de peildatum",
            "SELECT a.client_id, count(DISTINCT v.plate) AS value FROM active a LEFT JOIN vehicles v "
            "ON v.bsn = a.bsn AND v.registered_from <= {r} "
            "AND (v.registered_to IS NULL OR v.registered_to >= {year_ago}) GROUP BY a.client_id",
        ),
    ),
)


def find_hits(con: duckdb.DuckDBPyConnection, reference_date: date, params: Mapping[str, Value]) -> list[Hit]:
    minimum = int(params[MIN_VEHICLES.name])
    start = reference_date - timedelta(days=WINDOW_DAYS)
    rows = con.execute(
        f"""
        WITH in_window AS (
            SELECT a.client_id, v.bsn, v.plate, v.registered_from, v.registered_to, v.src_row
            FROM active a JOIN vehicles v ON v.bsn = a.bsn
            WHERE v.registered_from <= {sql_date(reference_date)}
              AND (v.registered_to IS NULL OR v.registered_to >= {sql_date(start)})
        ),
        hit AS (SELECT client_id FROM in_window GROUP BY client_id HAVING count(DISTINCT plate) >= {minimum})
        SELECT w.* FROM in_window w SEMI JOIN hit USING (client_id)
        ORDER BY w.client_id, w.plate, w.registered_from, w.src_row
        """
    ).fetchall()
    return [
        _hit(client_id, group, start, reference_date, minimum)
        for client_id, group in group_rows(rows).items()
    ]


def _hit(client_id: str, rows: list[tuple[object, ...]], start: date, end: date, minimum: int) -> Hit:
    plates = len({row[2] for row in rows})
    reason = Reason(
        "vehicles_in_window",
        f"tussen {start} en {end} stonden {plates} verschillende voertuigen op het BSN van de cliënt "
        f"(min_vehicles = {minimum})",
    )
    evidence = {
        "bsn": rows[0][1],
        "window": {"from": start.isoformat(), "to": end.isoformat()},
        "distinct_plates": plates,
        "vehicles": [
            {
                "row": row[5],
                "plate": row[2],
                "registered_from": jsonable(row[3]),
                "registered_to": jsonable(row[4]),
            }
            for row in rows
        ],
    }
    return Hit(client_id, (reason,), evidence)


CONTROL = Control(INFO, find_hits)
