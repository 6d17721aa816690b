"""The proxy check of a control: is an input the selection uses a stand-in for district, age band, sex or
household type? (Issue #23; the Rekenkamer Rotterdam found language proficiency and neighbourhood acting as
proxies among the selection criteria of a welfare risk model.)

For each input of the control (`ControlInfo.inputs`: a value per active client on R) and each attribute of
the bias check, over the active clients (the population of a run, after the same exclusions):

- the contingency table of the input's values (rows) against the attribute's groups (columns). Boolean and
  categorical inputs are taken as they are; a missing value is its own row ("leeg"). A number is binned into
  `BINS` quantile bins: the cut points are the 25th, 50th and 75th percentiles of its values (linear
  interpolation, numpy's default), a value goes into the first bin whose upper cut is at least the value, and
  equal cut points merge, so a value many clients share (0 vehicles) never splits over two bins;
- Pearson's chi-square test of independence on that table without continuity correction, with
  (r - 1)(c - 1) degrees of freedom over the r rows and c columns that hold any client, and Cramér's
  V = sqrt(chi2 / (N * min(r - 1, c - 1))), from 0 (no association) to 1 (the input determines the group
  or the group the input). These equal scipy's `chi2_contingency(table, correction=False)` and
  `scipy.stats.contingency.association(table, method="cramer")`. With fewer than two rows or two columns
  the association is undefined: null.

An input needs a justification when V > `THRESHOLD` (0.3) for some attribute and that association is
significant (p < 0.05): on a small delivery V is inflated by chance (with N clients, r rows and c columns,
V is about sqrt((r - 1)(c - 1) / (N min(r - 1, c - 1))) under independence), and an association the test
cannot tell from chance does not stop a release. The report keeps the tables (counts only), so the check can
be assessed again from them (`reassess`) after the delivered files are deleted.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence, Set
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from naleving.analytics.bias import SIGNIFICANCE, chi2_sf
from naleving.analytics.controls import REGISTRY
from naleving.analytics.controls.base import Input, sql_date
from naleving.analytics.errors import ParameterError
from naleving.analytics.loading import load_delivery, needs
from naleving.analytics.population import ATTRIBUTES, create_active, exclude_active, keep_active

THRESHOLD = 0.3
BINS = 4
EMPTY = "leeg"


def association(table: Sequence[Sequence[int]]) -> dict[str, float | int | None]:
    """chi2, p_value, dof, cramers_v and n of the contingency table (rows and columns that hold nobody
    dropped); the statistics are null when fewer than two rows or columns remain."""
    rows = [list(row) for row in table if sum(row) > 0]
    keep = [j for j in range(len(rows[0]) if rows else 0) if any(row[j] for row in rows)]
    rows = [[row[j] for j in keep] for row in rows]
    n = sum(sum(row) for row in rows)
    if len(rows) < 2 or len(keep) < 2:
        return {"chi2": None, "p_value": None, "dof": 0, "cramers_v": None, "n": n}
    row_totals = [sum(row) for row in rows]
    column_totals = [sum(column) for column in zip(*rows, strict=True)]
    chi2 = 0.0
    for row, row_total in zip(rows, row_totals, strict=True):
        for observed, column_total in zip(row, column_totals, strict=True):
            expected = row_total * column_total / n
            chi2 += (observed - expected) ** 2 / expected
    dof = (len(rows) - 1) * (len(keep) - 1)
    v = math.sqrt(chi2 / (n * min(len(rows) - 1, len(keep) - 1)))
    return {"chi2": chi2, "p_value": chi2_sf(chi2, dof), "dof": dof, "cramers_v": min(v, 1.0), "n": n}


def quantile_cuts(values: Sequence[float], bins: int = BINS) -> list[float]:
    """The distinct inner cut points (the 1/bins .. (bins-1)/bins quantiles, linear interpolation)."""
    return counted_quantile_cuts(Counter(values), bins)


def counted_quantile_cuts(counts: Mapping[float, int], bins: int = BINS) -> list[float]:
    """`quantile_cuts` of the values `counts` holds, each as often as its count (the same cut points as over
    the list with every value repeated: the same two neighbours and the same interpolation)."""
    distinct = sorted(counts)
    size = sum(counts.values())
    if not size:
        return []
    ends = list(itertools.accumulate(counts[v] for v in distinct))  # the last position of each value, + 1

    def at(index: int) -> float:
        return distinct[bisect.bisect_right(ends, index)]

    cuts: list[float] = []
    for k in range(1, bins):
        position = (size - 1) * k / bins
        low = math.floor(position)
        high = min(low + 1, size - 1)
        cut = at(low) + (at(high) - at(low)) * (position - low)
        if not cuts or cut > cuts[-1]:
            cuts.append(cut)
    return cuts


def bin_labels(cuts: Sequence[float]) -> list[str]:
    """A label per bin: "≤ c1", "> c1 t/m c2", ..., "> ck" (a single bin when there are no cuts: "alle")."""
    if not cuts:
        return ["alle"]
    shown = [_number(c) for c in cuts]
    middle = [f"> {a} t/m {b}" for a, b in itertools.pairwise(shown)]
    return [f"≤ {shown[0]}", *middle, f"> {shown[-1]}"]


def bin_of(value: float, cuts: Sequence[float]) -> int:
    for i, cut in enumerate(cuts):
        if value <= cut:
            return i
    return len(cuts)


def input_report(kind: str, values: Sequence[object], groups: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The proxy report of one input from its value per client and each attribute's group per client (in
    the same order): the rows (bins or categories), per attribute the table and its association."""
    names = tuple(groups)
    combinations = Counter(zip(values, *(groups[name] for name in names), strict=True))
    return counted_input_report(kind, names, [(*key, count) for key, count in combinations.items()])


def counted_input_report(
    kind: str, attributes: Sequence[str], combinations: Iterable[Sequence[Any]]
) -> dict[str, Any]:
    """`input_report` from the clients counted by combination: rows of (value, the group of each of
    `attributes`, the number of clients with that value and those groups)."""
    combinations = list(combinations)
    cuts = _counted_cuts(combinations) if kind == "number" else []
    labels = bin_labels(cuts) if kind == "number" else []

    def row_of(value: object) -> str:
        if value is None:
            return EMPTY
        if kind == "number":
            return labels[bin_of(float(value), cuts)]  # type: ignore[arg-type]
        if kind == "boolean":
            return "ja" if value else "nee"
        return str(value)

    row_keys = [row_of(combination[0]) for combination in combinations]
    rows = _rows(kind, labels, set(row_keys))
    tables = {}
    for k, attribute in enumerate(attributes, start=1):
        counts: Counter[tuple[str, str]] = Counter()
        for row, combination in zip(row_keys, combinations, strict=True):
            counts[(row, combination[k])] += combination[-1]
        columns = sorted({column for _, column in counts})
        table = [[counts[(r, c)] for c in columns] for r in rows]
        tables[attribute] = {"rows": rows, "columns": columns, "counts": table}
    return _assessed({"kind": kind, "cuts": cuts, "attributes": tables})


def _counted_cuts(combinations: Sequence[Sequence[Any]]) -> list[float]:
    numbers: Counter[float] = Counter()
    for value, *_, count in combinations:
        if value is not None:
            numbers[float(value)] += count
    return counted_quantile_cuts(numbers)


def _rows(kind: str, labels: Sequence[str], present: Set[str]) -> list[str]:
    """The table's rows in their order: the bins (numbers), ja and nee, or the categories; "leeg" last."""
    if kind == "number":
        rows = [label for label in labels if label in present]
    elif kind == "boolean":
        rows = [label for label in ("ja", "nee") if label in present]
    else:
        rows = sorted(present - {EMPTY})
    return rows + ([EMPTY] if EMPTY in present else [])


def _assessed(report: dict[str, Any]) -> dict[str, Any]:
    """`report` with each attribute's association and the input's verdict, from its tables."""
    max_v = None
    flagged = []
    for attribute, section in report["attributes"].items():
        section.update(association(section["counts"]))
        v, p = section["cramers_v"], section["p_value"]
        section["needs_justification"] = v is not None and v > THRESHOLD and p < SIGNIFICANCE
        if section["needs_justification"]:
            flagged.append(attribute)
        if v is not None and (max_v is None or v > max_v):
            max_v = v
    return {**report, "max_v": max_v, "flagged": flagged, "needs_justification": bool(flagged)}


def reassess(report: Mapping[str, Any]) -> dict[str, Any]:
    """The proxy report recomputed from its stored tables (the delivered files are gone by then)."""
    inputs = [
        {**section, **_assessed(copy.deepcopy({k: section[k] for k in ("kind", "cuts", "attributes")}))}
        for section in report.get("inputs", [])
    ]
    return _control_report(dict(report), inputs)


def _control_report(head: dict[str, Any], inputs: list[dict[str, Any]]) -> dict[str, Any]:
    values = [i["max_v"] for i in inputs if i["max_v"] is not None]
    return {
        **head,
        "threshold": THRESHOLD,
        "significance": SIGNIFICANCE,
        "bins": BINS,
        "inputs": inputs,
        "max_v": max(values) if values else None,
        "needs_justification": any(i["needs_justification"] for i in inputs),
        "flagged": [
            {
                "input": i["name"],
                "label_nl": i["label_nl"],
                "attribute": attribute,
                "cramers_v": i["attributes"][attribute]["cramers_v"],
                "p_value": i["attributes"][attribute]["p_value"],
            }
            for i in inputs
            for attribute in i["flagged"]
        ],
    }


def control_report(
    con: duckdb.DuckDBPyConnection, inputs: Iterable[Input], reference_date: date
) -> dict[str, Any]:
    """The proxy report of a control's inputs over the `active` table of a loaded delivery."""
    population = _scalar(con, "SELECT count(*) FROM active")
    sections = []
    for item in inputs:
        sql = item.sql.format(
            r=sql_date(reference_date), year_ago=sql_date(reference_date - timedelta(days=365))
        )
        # counted in DuckDB: one row per combination of value and groups, not one per client
        rows = con.execute(
            f"SELECT i.value, {', '.join(f'CAST(a.{x} AS VARCHAR)' for x in ATTRIBUTES)}, count(*) "
            f"FROM active a LEFT JOIN (SELECT * FROM ({sql}) AS t(client_id, value)) i USING (client_id) "
            "GROUP BY ALL"
        ).fetchall()
        combinations = [(_plain(row[0]), *(str(group) for group in row[1:-1]), row[-1]) for row in rows]
        report = counted_input_report(item.kind, ATTRIBUTES, combinations)
        sections.append({"name": item.name, "label_nl": item.label_nl, **report})
    return _control_report({"population": population}, sections)


def proxy_check(
    names: Sequence[str],
    data_dir: Path | str,
    reference_date: date,
    excluded_bsns: Collection[str] | None = None,
    population_bsns: Collection[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """{control name: proxy report} over the delivery in `data_dir`, on the population a run of the same
    controls would have (`excluded_bsns` and `population_bsns` as in `run_controls`)."""
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise ParameterError(f"onbekende controle {unknown[0]!r}; bekend: {', '.join(REGISTRY)}")
    wanted: dict[str, set[str]] = {}
    for name in names:
        for file, columns in needs(REGISTRY[name]).items():
            wanted.setdefault(file, set()).update(columns)
    wanted.setdefault("clients", set()).add("bsn")
    with load_delivery(data_dir, wanted) as delivery:
        create_active(delivery.con, reference_date)
        if population_bsns is not None:
            keep_active(delivery.con, sorted(set(population_bsns)))
        if excluded_bsns:
            exclude_active(delivery.con, sorted(set(excluded_bsns)))
        return {
            name: control_report(delivery.con, REGISTRY[name].info.inputs, reference_date) for name in names
        }


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _plain(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def _number(value: float) -> str:
    """A cut point as Dutch text: whole numbers without decimals, others with two and a decimal comma."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".replace(".", ",")
