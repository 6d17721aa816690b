"""`vermogen`: the household's bank balances exceed the asset limit (Pw art. 34 lid 3).

Household = the client and `partner_bsn`. For each account of a member, the row with the latest
reference_date <= R counts; the household balance is the sum (negative balances count too). Hit when it
is strictly greater than the asset limit for the client's household_type in force on R. The limits come
from `naleving.rules` (the one source of truth for law parameters), never from this module.

An account listed under both partners (a joint account) counts once: accounts are taken per household by
account_id, and validation makes sure both listings agree on the balance.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import duckdb

from naleving import rules
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
from naleving.analytics.errors import RulesParameterError
from naleving.analytics.params import Value
from naleving.analytics.schema import HOUSEHOLD_TYPES

INFO = ControlInfo(
    name="vermogen",
    title_nl="Vermogen boven de vermogensgrens",
    description="Actieve cliënten van wie het huishouden (cliënt en partner) meer op de bankrekeningen heeft "
    "dan de vermogensgrens die op de peildatum voor zijn leefvorm geldt. Per rekening telt het laatste "
    "saldo op of vóór de peildatum (Belastingdienst of bank).",
    parameters=run_parameters(),
    data_used={
        "clients": (*POPULATION_COLUMNS, "bsn", "partner_bsn"),
        "balances": ("bsn", "account_id", "reference_date", "balance"),
    },
    legal_basis=(
        "Participatiewet art. 34 lid 3 (vermogensgrens)",
        "Participatiewet art. 17 lid 1 (inlichtingenplicht)",
    ),
    parameters_from_rules=("asset_limit",),
    inputs=(
        Input(
            "household_balance",
            "number",
            "banksaldo van het huishouden op de peildatum",
            "WITH members AS (SELECT client_id, bsn AS member FROM active "
            "UNION SELECT client_id, partner_bsn FROM active WHERE partner_bsn IS NOT NULL), "
            "latest AS (SELECT m.client_id, b.balance FROM members m JOIN balances b ON b.bsn = m.member "
            "WHERE b.reference_date <= {r} QUALIFY row_number() OVER ("
            "PARTITION BY m.client_id, b.account_id ORDER BY b.reference_date DESC, b.src_row) = 1) "
            "SELECT a.client_id, coalesce(sum(l.balance), 0) AS value "
            "FROM active a LEFT JOIN latest l USING (client_id) GROUP BY a.client_id",
        ),
        Input(
            "has_partner",
            "boolean",
            "heeft een partner",
            "SELECT client_id, partner_bsn IS NOT NULL FROM active",
        ),
        Input(
            "household_type",
            "category",
            "leefvorm (bepaalt de vermogensgrens)",
            "SELECT client_id, household_type FROM active",
        ),
    ),
)

CENT = Decimal("0.01")


def asset_limits(on: date) -> dict[str, Decimal]:
    """The asset limit per household type in force on `on`, from naleving.rules."""
    try:
        return {household: rules.asset_limit(household, on) for household in HOUSEHOLD_TYPES}
    except rules.ParameterNotInForce as e:
        raise RulesParameterError(
            f"geen vermogensgrens geldig op {on.isoformat()} in naleving.rules ({e})"
        ) from e


def rules_parameters(on: date) -> dict[str, object]:
    return {"asset_limits": {household: money(limit) for household, limit in asset_limits(on).items()}}


def money(amount: object) -> str:
    return str(Decimal(str(amount)).quantize(CENT))


def find_hits(con: duckdb.DuckDBPyConnection, reference_date: date, params: Mapping[str, Value]) -> list[Hit]:
    limits = ", ".join(
        f"('{household}', CAST('{limit:f}' AS DECIMAL(18, 2)))"
        for household, limit in asset_limits(reference_date).items()
    )
    rows = con.execute(
        f"""
        WITH members AS (
            SELECT client_id, household_type, bsn AS member FROM active
            UNION SELECT client_id, household_type, partner_bsn FROM active WHERE partner_bsn IS NOT NULL
        ),
        latest AS (
            SELECT m.client_id, m.household_type, b.bsn, b.account_id, b.reference_date, b.balance, b.src_row
            FROM members m JOIN balances b ON b.bsn = m.member
            WHERE b.reference_date <= {sql_date(reference_date)}
            QUALIFY row_number() OVER (
                PARTITION BY m.client_id, b.account_id ORDER BY b.reference_date DESC, b.src_row) = 1
        ),
        limits(household_type, asset_limit) AS (VALUES {limits}),
        hit AS (
            SELECT client_id, sum(balance) AS total, any_value(asset_limit) AS asset_limit
            FROM latest JOIN limits USING (household_type)
            GROUP BY client_id HAVING sum(balance) > any_value(asset_limit)
        )
        SELECT h.client_id, h.total, h.asset_limit, a.household_type, a.bsn, a.partner_bsn,
               x.bsn, x.account_id, x.reference_date, x.balance, x.src_row
        FROM hit h JOIN active a USING (client_id) JOIN latest x USING (client_id)
        ORDER BY h.client_id, x.account_id, x.bsn
        """
    ).fetchall()
    return [_hit(client_id, group) for client_id, group in group_rows(rows).items()]


def _hit(client_id: str, rows: list[tuple[object, ...]]) -> Hit:
    _, total, limit, household_type, bsn, partner_bsn = rows[0][:6]
    reason = Reason(
        "balance_above_asset_limit",
        f"het saldo van het huishouden, EUR {money(total)}, is meer dan de vermogensgrens van "
        f"EUR {money(limit)} voor leefvorm {household_type}",
    )
    evidence = {
        "household": {"bsn": bsn, "partner_bsn": partner_bsn, "household_type": household_type},
        "household_balance": money(total),
        "asset_limit": money(limit),
        "balances": [
            {
                "row": row[10],
                "bsn": row[6],
                "account_id": row[7],
                "reference_date": jsonable(row[8]),
                "balance": money(row[9]),
            }
            for row in rows
        ],
    }
    return Hit(client_id, (reason,), evidence)


CONTROL = Control(INFO, find_hits, rules_parameters)
