"""Theme controls on a CSV delivery: the product's full path against plain DuckDB SQL and pandas (#24).

Generates the synthetic municipality of `bench_analytics` (seed 2026: 1,000,000 BRP residents with valid
BSNs, 40,000 active clients, 600,000 vehicle registrations) as the CSV delivery of datasets.md, then times,
alternating in one process, three ways to get the five controls' hit sets and their bias counts:

- **product**: `naleving controls run all --data DIR --reference-date R --out FILE` in-process
  (`naleving.analytics.cli.main`, which the management command calls): header checks, every value
  validated, key/interval/address checks, selection, evidence, bias report, JSON written to a file;
- **plain SQL**: one DuckDB connection that reads each CSV once into a table (typed by `read_csv`, no
  validation) and computes the five hit sets plus the bias counts per attribute in SQL; also timed with
  the one DuckDB setting the product uses (no automatic checkpoint), the stricter baseline;
- **pandas**: `bench_analytics.pandas_run_all` over the CSV files (selection and bias, no validation).

Checks that the three give identical hit sets, and that the product's bias groups (n, s) equal the plain
query's. Prints per method the median wall and CPU time (CPU of this process, all threads) and the load
average before each round. Target (#24): product <= 1.3x the plain query.

    python -m bench controls_csv          # ROUNDS=3 by default; BENCH_ROUNDS=5 to change
"""

from __future__ import annotations

import io
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd

from bench.bench_analytics import SEED, R, generate, pandas_run_all
from naleving import rules
from naleving.analytics.cli import main as cli_main
from naleving.analytics.schema import FILES, HOUSEHOLD_TYPES

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
TARGET = 1.3
ATTRIBUTES = ("age_band", "sex", "household_type", "district")
CONTROLS = ("voertuigen", "vermogen", "adresbezetting", "kostendelers", "brp_adres")

HitSets = dict[str, set[str]]
Counts = dict[str, dict[str, dict[str, tuple[int, int]]]]  # control -> attribute -> group -> (n, s)


def write_csv_delivery(folder: Path) -> dict[str, int]:
    """The Parquet municipality of bench_analytics, rewritten as CSV (dates YYYY-MM-DD, empty = open,
    true/false, dot decimals), columns in schema order; the Parquet files are removed."""
    rows = generate(folder)
    con = duckdb.connect()
    for name in FILES:
        source, target = folder / f"{name}.parquet", folder / f"{name}.csv"
        columns = ", ".join(FILES[name].column_names)
        con.execute(
            f"COPY (SELECT {columns} FROM read_parquet('{source}')) TO '{target}' (HEADER, DELIMITER ',')"
        )
        source.unlink()
    con.close()
    return rows


# --- the product ---------------------------------------------------------------------------------------


def product(folder: Path, out: Path) -> None:
    status = cli_main(
        ["run", "all", "--data", str(folder), "--reference-date", R.isoformat(), "--out", str(out)],
        io.StringIO(),
        io.StringIO(),
    )
    if status:
        raise SystemExit(f"naleving controls run all failed with status {status}")


def product_results(out: Path) -> tuple[HitSets, Counts]:
    documents = json.loads(out.read_text(encoding="utf-8"))
    hits = {name: {h["client_id"] for h in d["hits"]} for name, d in documents.items()}
    counts = {
        name: {
            attribute: {g: (v["n"], v["s"]) for g, v in report["groups"].items() if v["n"] > 0}
            for attribute, report in d["bias"].items()
        }
        for name, d in documents.items()
    }
    return hits, counts


# --- plain DuckDB SQL ----------------------------------------------------------------------------------

_TYPES = {
    "clients": "{'client_id': 'VARCHAR', 'bsn': 'VARCHAR', 'birth_date': 'DATE', 'sex': 'VARCHAR', "
    "'household_type': 'VARCHAR', 'partner_bsn': 'VARCHAR', 'kostendelers_applied': 'INTEGER', "
    "'address_id': 'VARCHAR', 'district': 'VARCHAR', 'regulation': 'VARCHAR', 'benefit_start': 'DATE', "
    "'benefit_end': 'DATE'}",
    "brp": "{'bsn': 'VARCHAR', 'birth_date': 'DATE', 'address_id': 'VARCHAR', 'registered_from': 'DATE', "
    "'registered_to': 'DATE', 'study_finance': 'BOOLEAN', 'commercial_tenant': 'BOOLEAN'}",
    "addresses": "{'address_id': 'VARCHAR', 'postcode': 'VARCHAR', 'house_number': 'VARCHAR', "
    "'district': 'VARCHAR', 'floor_area_m2': 'DECIMAL(18, 2)', 'vacant': 'BOOLEAN'}",
    "vehicles": "{'bsn': 'VARCHAR', 'plate': 'VARCHAR', 'registered_from': 'DATE', 'registered_to': 'DATE'}",
    "balances": "{'bsn': 'VARCHAR', 'account_id': 'VARCHAR', 'reference_date': 'DATE', "
    "'balance': 'DECIMAL(18, 2)'}",
}


def _age(column: str) -> str:
    r = f"DATE '{R}'"
    return (
        f"(year({r}) - year({column}) - CASE WHEN month({r}) < month({column}) OR "
        f"(month({r}) = month({column}) AND day({r}) < day({column})) THEN 1 ELSE 0 END)"
    )


def plain_sql(folder: Path, no_checkpoint: bool = False) -> tuple[HitSets, Counts]:
    """The five hit sets and the bias counts, as a person would write them in DuckDB SQL. With
    `no_checkpoint`, with the one setting the product also uses: no automatic checkpoint of the in-memory
    database (which otherwise compresses all loaded tables once they pass 16 MiB)."""
    r, year_ago = f"DATE '{R}'", f"DATE '{R - timedelta(days=365)}'"
    limits = ", ".join(f"('{h}', {rules.asset_limit(h, R)})" for h in HOUSEHOLD_TYPES)
    con = duckdb.connect()
    if no_checkpoint:
        con.execute("SET checkpoint_threshold = '1TB'")
    for name, types in _TYPES.items():
        path = folder / f"{name}.csv"
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header = true, columns = {types})"
        )
    age = _age("birth_date")
    con.execute(
        f"""CREATE TABLE active AS SELECT *, CASE WHEN {age} < 18 THEN '<18' WHEN {age} < 27 THEN '18-26'
        WHEN {age} < 40 THEN '27-39' WHEN {age} < 55 THEN '40-54' ELSE '55+' END AS age_band
        FROM clients WHERE benefit_start <= {r} AND (benefit_end IS NULL OR benefit_end >= {r})"""
    )
    con.execute(
        f"CREATE TABLE here AS SELECT * FROM brp "
        f"WHERE registered_from <= {r} AND (registered_to IS NULL OR {r} < registered_to)"
    )
    queries = {
        "voertuigen": f"""SELECT a.client_id FROM active a JOIN vehicles v ON v.bsn = a.bsn
            WHERE v.registered_from <= {r} AND (v.registered_to IS NULL OR v.registered_to >= {year_ago})
            GROUP BY a.client_id HAVING count(DISTINCT v.plate) >= 3""",
        "vermogen": f"""WITH members AS (
                SELECT client_id, household_type, bsn AS member FROM active
                UNION SELECT client_id, household_type, partner_bsn FROM active WHERE partner_bsn IS NOT NULL),
            latest AS (SELECT m.client_id, m.household_type, b.balance FROM members m
                JOIN balances b ON b.bsn = m.member WHERE b.reference_date <= {r}
                QUALIFY row_number() OVER (PARTITION BY m.client_id, b.account_id
                                           ORDER BY b.reference_date DESC) = 1),
            limits(household_type, asset_limit) AS (VALUES {limits})
            SELECT client_id FROM latest JOIN limits USING (household_type)
            GROUP BY client_id HAVING sum(balance) > any_value(asset_limit)""",
        "adresbezetting": """WITH persons AS (SELECT address_id, count(DISTINCT bsn) AS n FROM here
                GROUP BY address_id)
            SELECT a.client_id FROM active a JOIN addresses ad USING (address_id)
            LEFT JOIN persons p USING (address_id)
            WHERE ad.vacant OR (ad.floor_area_m2 > 0 AND coalesce(p.n, 0) * 12 > ad.floor_area_m2)""",
        "kostendelers": f"""SELECT a.client_id FROM active a JOIN here b USING (address_id)
            GROUP BY a.client_id, a.kostendelers_applied
            HAVING count(*) FILTER (WHERE b.bsn = a.bsn
                OR (b.bsn = a.partner_bsn AND {_age("b.birth_date")} >= 21)
                OR (b.bsn IS DISTINCT FROM a.partner_bsn AND {_age("b.birth_date")} >= 27
                    AND NOT b.study_finance AND NOT b.commercial_tenant)) > a.kostendelers_applied""",
        "brp_adres": """SELECT a.client_id FROM active a LEFT JOIN here b ON b.bsn = a.bsn
            WHERE b.bsn IS NULL OR b.address_id <> a.address_id""",
    }
    hits: HitSets = {}
    counts: Counts = {}
    for name, query in queries.items():
        con.execute(f"CREATE OR REPLACE TABLE hit AS {query}")
        hits[name] = {row[0] for row in con.execute("SELECT client_id FROM hit").fetchall()}
        rows = con.execute(
            " UNION ALL ".join(
                f"SELECT '{a}', a.{a}, count(*), count(h.client_id) FROM active a "
                f"LEFT JOIN hit h USING (client_id) GROUP BY a.{a}"
                for a in ATTRIBUTES
            )
        ).fetchall()
        counts[name] = {a: {} for a in ATTRIBUTES}
        for attribute, group, n, s in rows:
            counts[name][attribute][str(group)] = (int(n), int(s))
    con.close()
    return hits, counts


# --- pandas over the same CSV files ------------------------------------------------------------------


def read_csv(folder: Path, name: str, dates: tuple[str, ...] = ()) -> pd.DataFrame:
    text = {"bsn": str, "partner_bsn": str, "address_id": str, "client_id": str, "plate": str}
    return pd.read_csv(folder / f"{name}.csv", dtype=text, parse_dates=list(dates), date_format="%Y-%m-%d")


def pandas_csv(folder: Path) -> HitSets:
    return pandas_run_all(folder, read_csv)


# --- the benchmark ------------------------------------------------------------------------------------


def timed(function: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="naleving-bench-csv-") as tmp:
        folder = Path(tmp) / "delivery"
        folder.mkdir()
        out = Path(tmp) / "run.json"
        rows, generated, _ = timed(lambda: write_csv_delivery(folder))
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        print(f"CSV delivery (seed {SEED}, {size:.0f} MiB) generated in {generated:.1f} s:")
        print("  " + ", ".join(f"{name} {count:,} rows" for name, count in rows.items()))  # type: ignore[attr-defined]
        methods: dict[str, Callable[[], object]] = {
            "product": lambda: product(folder, out),
            "plain SQL": lambda: plain_sql(folder),
            "plain SQL, no checkpoint": lambda: plain_sql(folder, no_checkpoint=True),
            "pandas": lambda: pandas_csv(folder),
        }
        times: dict[str, list[tuple[float, float]]] = {m: [] for m in methods}
        results: dict[str, object] = {}
        for i in range(ROUNDS):
            order = list(methods) if i % 2 == 0 else list(reversed(methods))
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            line = []
            for method in order:
                result, wall, cpu = timed(methods[method])
                times[method].append((wall, cpu))
                results[method] = result
                line.append(f"{method} {wall:.2f} s ({cpu:.2f} s CPU)")
            print(f"round {i + 1} (load average {load}): " + "; ".join(line))
        product_hits, product_counts = product_results(out)
        json_mib = out.stat().st_size / 2**20
    sql_hits, sql_counts = results["plain SQL"]  # type: ignore[misc]
    strict_hits, strict_counts = results["plain SQL, no checkpoint"]  # type: ignore[misc]
    pandas_hits = results["pandas"]
    print(f"reference date {R}; product JSON {json_mib:.0f} MiB")
    for name in CONTROLS:
        same = product_hits[name] == sql_hits[name] == strict_hits[name] == pandas_hits[name]  # type: ignore[index]
        bias = product_counts[name] == sql_counts[name] == strict_counts[name]
        print(
            f"  {name:15} {len(product_hits[name]):6,} hits; "
            f"{'same hits in all four' if same else 'HIT SETS DIFFER'}; "
            f"{'same bias counts as plain SQL' if bias else 'BIAS COUNTS DIFFER'}"
        )
    median = {
        m: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for m, t in times.items()
    }
    for method, (wall, cpu) in median.items():
        print(f"median {method:24} {wall:6.2f} s wall {cpu:6.2f} s CPU  ({ROUNDS} rounds)")
    for baseline in ("plain SQL", "plain SQL, no checkpoint"):
        ratio = median["product"][0] / median[baseline][0]
        cpu_ratio = median["product"][1] / median[baseline][1]
        rounds = ", ".join(
            f"{p[0] / b[0]:.2f}" for p, b in zip(times["product"], times[baseline], strict=True)
        )
        print(
            f"product / {baseline}: {ratio:.2f}x wall (per round {rounds}), {cpu_ratio:.2f}x CPU; "
            f"target <= {TARGET}x wall: {'met' if ratio <= TARGET else 'NOT met'}"
        )
    if any(
        product_hits[n] != sql_hits[n]
        or product_hits[n] != strict_hits[n]
        or product_hits[n] != pandas_hits[n]  # type: ignore[index]
        for n in CONTROLS
    ):
        raise SystemExit("the product, plain SQL and pandas disagree on the hits")
    if product_counts != sql_counts or product_counts != strict_counts:
        raise SystemExit("the product and plain SQL disagree on the bias counts")
