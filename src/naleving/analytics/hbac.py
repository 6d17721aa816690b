"""Hierarchical Bias-Aware Clustering (HBAC): an unsupervised bias scan that needs no protected attribute.

The method of Misztal-Radecka and Indurkhya (2021, "Bias-Aware Hierarchical Clustering for detecting the
discriminated groups of users in recommendation systems", Information Processing & Management 58(3)), as
Algorithm Audit applies it in its unsupervised bias detection tool (the `unsupervised-bias-detection`
package, which pins numpy < 2 and so cannot be installed beside pandas 3; this is an equivalent
implementation on scikit-learn).

The units are the selected residents of one theme-control run that have an outcome; the error of a unit
is "selected, but no breach found" (investigated for nothing). The features are only the filter's own
inputs (never age, sex, household type or district), standardised when numeric, one-hot when categorical.

1. Start with all units as one cluster.
2. Take the cluster with the highest bias, where bias = its error rate minus the error rate of all other
   units, and split it in two with k-means (scikit-learn `KMeans`, fixed `random_state`).
3. Keep the split when both parts have at least `min_cluster_size` units and the larger of the two parts'
   biases is higher than the bias of the cluster split; otherwise the cluster stays whole and is not tried
   again. Repeat up to `max_iterations` splits.

Each final cluster is compared with the rest: error rates, their difference, and a test of equal
proportions (`p_value`): Fisher's exact test when an expected cell count is below 5, else the
two-proportion z-test (pooled, two-sided). The clusters are found on the same data that is tested, and the
search picks the most deviating ones, so that p-value is too optimistic on its own (on data without any
planted group, about one scan in eight finds a "significant" cluster by it). Hence a second,
search-adjusted p-value (`p_adjusted`): a permutation test that shuffles the errors over the units
`permutations` times, runs the whole search again each time and counts how often chance alone gives a
cluster bias at least as large: (1 + that count) / (1 + permutations). It holds for every cluster of the
scan at once (the maximum over the clusters is the statistic). k-means does not look at the errors, so the
splits are computed once and reused. A cluster is `significant` when its share investigated for nothing
is higher than the rest's and both p-values are below 0.05. Still a reason to look at the filter and its
inputs, not proof of discrimination.

The profile says, per feature, how a cluster differs from the rest (means, shares, the most common value),
with a plain Dutch sentence for each clear difference. The same data and seed give the same result.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np

NUMERIC, BOOLEAN, CATEGORICAL = "numeric", "boolean", "categorical"
SIGNIFICANCE = 0.05
STATUS_OK = "ok"
STATUS_TOO_FEW = "too_few_outcomes"
#: a clear difference worth a sentence: a standardised mean difference (numeric), a share difference
#: (boolean, categorical value)
NUMERIC_EFFECT = 0.5
SHARE_EFFECT = 0.15
UNKNOWN = "onbekend"


@dataclass(frozen=True)
class Feature:
    """One input of the filter. `label` is a Dutch noun phrase that fits the profile sentences: numeric
    "het aantal kentekens" ("... is gemiddeld hoger"), boolean "een auto op naam" ("meer mensen hebben
    ..."), categorical "de reden" ("... is vaker 'leegstand'"); `values` names categorical values in Dutch."""

    name: str
    label: str
    kind: str
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Parameters:
    min_cluster_size: int = 10
    max_iterations: int = 10
    seed: int = 0
    #: shuffles of the errors for the search-adjusted p-value
    permutations: int = 199

    def as_dict(self) -> dict[str, int]:
        return {
            "min_cluster_size": self.min_cluster_size,
            "max_iterations": self.max_iterations,
            "seed": self.seed,
            "permutations": self.permutations,
        }


def scan(
    records: Sequence[Mapping[str, object]],
    outcomes: Sequence[bool | None],
    features: Sequence[Feature],
    parameters: Parameters | None = None,
) -> dict[str, object]:
    """The bias scan of `records` (one mapping of feature values per unit) with `outcomes` (per unit: True
    when investigated for nothing, False when a breach was found, None without an outcome yet), as a
    JSON-ready document. With fewer than 2 × min_cluster_size outcomes the status is "too_few_outcomes"
    and there are no clusters."""
    if len(records) != len(outcomes):
        raise ValueError("records and outcomes differ in length")
    params = parameters or Parameters()
    kept = [i for i, outcome in enumerate(outcomes) if outcome is not None]
    rows = [records[i] for i in kept]
    errors = np.array([bool(outcomes[i]) for i in kept], dtype=float)
    document: dict[str, object] = {
        "method": "hbac",
        "parameters": params.as_dict(),
        "features": [{"name": f.name, "label": f.label, "kind": f.kind} for f in features],
        "units": len(records),
        "with_outcome": len(kept),
        "errors": int(errors.sum()),
        "error_rate": float(errors.mean()) if len(kept) else None,
        "clusters": [],
    }
    if len(kept) < 2 * params.min_cluster_size or not features:
        return document | {"status": STATUS_TOO_FEW}
    x = matrix(rows, features)
    splits: Splits = {}
    labels = cluster(x, errors, params, splits)
    found = [
        _describe(members, errors, rows, features)
        for members in (np.flatnonzero(labels == label) for label in np.unique(labels))
    ]
    null = search_null(x, errors, params, splits)
    for item in found:
        difference = cast(float, item["difference"])
        adjusted = (1 + int(np.sum(null >= difference - 1e-12))) / (1 + len(null))
        item["p_adjusted"] = adjusted
        item["significant"] = bool(
            difference > 0 and cast(float, item["p_value"]) < SIGNIFICANCE and adjusted < SIGNIFICANCE
        )
    found.sort(key=lambda c: (-cast(float, c["difference"]), -cast(int, c["size"])))
    for number, item in enumerate(found, start=1):
        item["number"] = number
    return document | {"status": STATUS_OK, "clusters": found}


def matrix(rows: Sequence[Mapping[str, object]], features: Sequence[Feature]) -> np.ndarray:
    """The feature matrix: numeric columns standardised (missing: the mean), booleans 0/1, categoricals
    one-hot (missing: "onbekend")."""
    columns: list[np.ndarray] = []
    for feature in features:
        values = [row.get(feature.name) for row in rows]
        if feature.kind == NUMERIC:
            numbers = np.array([np.nan if v is None else float(str(v)) for v in values])
            mean = float(np.nanmean(numbers)) if not np.all(np.isnan(numbers)) else 0.0
            numbers = np.where(np.isnan(numbers), mean, numbers)
            spread = float(numbers.std())
            columns.append((numbers - mean) / spread if spread > 0 else np.zeros(len(rows)))
        elif feature.kind == BOOLEAN:
            columns.append(np.array([1.0 if v else 0.0 for v in values]))
        else:
            texts = [_category(v) for v in values]
            for level in sorted(set(texts)):
                columns.append(np.array([1.0 if t == level else 0.0 for t in texts]))
    return np.column_stack(columns) if columns else np.zeros((len(rows), 0))


#: cached k-means splits of a cluster (keyed by its members): the two parts, or None when it cannot split
Splits = dict[bytes, tuple[np.ndarray, np.ndarray] | None]


def cluster(
    x: np.ndarray, errors: np.ndarray, params: Parameters, splits: Splits | None = None
) -> np.ndarray:
    """The HBAC labels (0..k-1) of the rows of `x`, splitting on the bias in `errors` (1 = error). k-means
    does not look at the errors, so `splits` may carry the splits over between calls on the same `x`."""
    cache: Splits = {} if splits is None else splits
    labels = np.zeros(len(x), dtype=int)
    heap: list[tuple[float, int]] = [(-0.0, 0)]  # (-bias, label); the whole set has no rest: bias 0
    for _ in range(params.max_iterations):
        if not heap:
            break
        negative_bias, label = heapq.heappop(heap)
        parts = _split(x, np.flatnonzero(labels == label), params, cache)
        if parts is None:
            continue
        left, right = parts
        biases = [bias(left, errors), bias(right, errors)]
        if max(biases) <= -negative_bias:
            continue  # the split does not raise the bias: the cluster stays whole
        new_label = int(labels.max()) + 1
        labels[right] = new_label
        heapq.heappush(heap, (-biases[0], label))
        heapq.heappush(heap, (-biases[1], new_label))
    # number the clusters 0..k-1 in order of first appearance, so the output does not depend on history
    _, first = np.unique(labels, return_index=True)
    order = {int(labels[i]): n for n, i in enumerate(sorted(first))}
    return np.array([order[int(v)] for v in labels], dtype=int)


def _split(
    x: np.ndarray, members: np.ndarray, params: Parameters, cache: Splits
) -> tuple[np.ndarray, np.ndarray] | None:
    """The two k-means parts of `members`, or None when a part would be smaller than min_cluster_size."""
    key = members.tobytes()
    if key not in cache:
        parts = None
        if len(members) >= 2 * params.min_cluster_size and len(np.unique(x[members], axis=0)) >= 2:
            # scikit-learn here and SciPy in proportion_test, loaded only when a scan runs: this module's
            # Feature is also read where no scan runs (``scan_inputs``), and the two are some 900 modules
            from sklearn.cluster import KMeans

            found = KMeans(n_clusters=2, random_state=params.seed, n_init=10).fit_predict(x[members])
            left, right = members[found == 0], members[found == 1]
            if min(len(left), len(right)) >= params.min_cluster_size:
                parts = (left, right)
        cache[key] = parts
    return cache[key]


def search_null(x: np.ndarray, errors: np.ndarray, params: Parameters, splits: Splits) -> np.ndarray:
    """The largest cluster bias HBAC finds when the errors are shuffled over the units (no relation with
    the features), once per permutation: the distribution the search itself produces by chance."""
    rng = np.random.default_rng(params.seed)
    found = np.empty(params.permutations)
    for i in range(params.permutations):
        shuffled = rng.permutation(errors)
        labels = cluster(x, shuffled, params, splits)
        found[i] = max(bias(np.flatnonzero(labels == label), shuffled) for label in np.unique(labels))
    return found


def bias(members: np.ndarray, errors: np.ndarray) -> float:
    """Error rate of `members` minus the error rate of all other units (0 when there are none)."""
    inside = np.zeros(len(errors), dtype=bool)
    inside[members] = True
    if inside.all() or not inside.any():
        return 0.0
    return float(errors[inside].mean() - errors[~inside].mean())


def proportion_test(errors_a: int, n_a: int, errors_b: int, n_b: int) -> tuple[str, float]:
    """(test name, two-sided p) for equal error rates in two groups: Fisher's exact test when an expected
    cell count is below 5, else the pooled two-proportion z-test."""
    total, wrong = n_a + n_b, errors_a + errors_b
    from scipy import stats

    if wrong in (0, total):
        return "z", 1.0
    expected = [n * share for n in (n_a, n_b) for share in (wrong / total, 1 - wrong / total)]
    if min(expected) < 5:
        table = [[errors_a, n_a - errors_a], [errors_b, n_b - errors_b]]
        return "fisher", float(stats.fisher_exact(table).pvalue)
    pooled = wrong / total
    z = (errors_a / n_a - errors_b / n_b) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return "z", float(2 * stats.norm.sf(abs(z)))


def _describe(
    members: np.ndarray, errors: np.ndarray, rows: Sequence[Mapping[str, object]], features: Sequence[Feature]
) -> dict[str, object]:
    inside = np.zeros(len(errors), dtype=bool)
    inside[members] = True
    n_in, n_out = int(inside.sum()), int((~inside).sum())
    e_in, e_out = int(errors[inside].sum()), int(errors[~inside].sum())
    rate_in = e_in / n_in
    rate_out = e_out / n_out if n_out else None
    test, p_value = proportion_test(e_in, n_in, e_out, n_out) if n_out else ("", 1.0)
    group = [rows[int(i)] for i in np.flatnonzero(inside)]
    rest = [rows[int(i)] for i in np.flatnonzero(~inside)]
    profile = [_compare(feature, group, rest) for feature in features]
    clear = sorted((p for p in profile if p["clear"]), key=lambda p: -cast(float, p["effect"]))
    sentences = [str(p["sentence"]) for p in clear] or [
        "Deze groep verschilt op geen van de invoergegevens duidelijk van de rest."
    ]
    return {
        "size": n_in,
        "errors": e_in,
        "error_rate": rate_in,
        "rest_size": n_out,
        "rest_errors": e_out,
        "rest_error_rate": rate_out,
        "difference": rate_in - rate_out if rate_out is not None else 0.0,
        "test": test,
        "p_value": p_value,
        "profile": profile,
        "sentences": sentences,
    }


def _compare(
    feature: Feature, group: Sequence[Mapping[str, object]], rest: Sequence[Mapping[str, object]]
) -> dict[str, object]:
    if feature.kind == NUMERIC:
        return _compare_numeric(feature, group, rest)
    if feature.kind == BOOLEAN:
        a, b = _share(group, feature.name, True), _share(rest, feature.name, True)
        more = "meer" if a >= b else "minder"
        sentence = f"In deze groep hebben {more} mensen {feature.label} ({pct(a)} tegen {pct(b)})."
        return _item(feature, a, b, abs(a - b), abs(a - b) >= SHARE_EFFECT, sentence)
    counts = Counter(_category(row.get(feature.name)) for row in group)
    rest_counts = Counter(_category(row.get(feature.name)) for row in rest)
    levels = sorted(set(counts) | set(rest_counts))
    differences = {
        level: counts[level] / max(len(group), 1) - rest_counts[level] / max(len(rest), 1) for level in levels
    }
    level = max(levels, key=lambda v: (differences[v], v))
    a, b = counts[level] / max(len(group), 1), rest_counts[level] / max(len(rest), 1)
    name = feature.values.get(level, level)
    sentence = f"In deze groep is {feature.label} vaker ‘{name}’ ({pct(a)} tegen {pct(b)})."
    item = _item(feature, a, b, abs(a - b), abs(a - b) >= SHARE_EFFECT, sentence)
    most_common = counts.most_common(1)[0][0] if counts else UNKNOWN
    return item | {"value": level, "most_common": feature.values.get(most_common, most_common)}


def _compare_numeric(
    feature: Feature, group: Sequence[Mapping[str, object]], rest: Sequence[Mapping[str, object]]
) -> dict[str, object]:
    a_values, b_values = _numbers(group, feature.name), _numbers(rest, feature.name)
    if not a_values or not b_values:
        return _item(feature, None, None, 0.0, False, "")
    a, b = float(np.mean(a_values)), float(np.mean(b_values))
    spread = float(np.std(a_values + b_values))
    effect = abs(a - b) / spread if spread > 0 else 0.0
    higher = "hoger" if a >= b else "lager"
    sentence = f"In deze groep is {feature.label} gemiddeld {higher} ({number(a)} tegen {number(b)})."
    return _item(feature, a, b, effect, effect >= NUMERIC_EFFECT, sentence)


def _item(
    feature: Feature,
    cluster_value: float | None,
    rest_value: float | None,
    effect: float,
    clear: bool,
    sentence: str,
) -> dict[str, object]:
    return {
        "feature": feature.name,
        "label": feature.label,
        "kind": feature.kind,
        "cluster": cluster_value,
        "rest": rest_value,
        "effect": effect,
        "clear": clear,
        "sentence": sentence,
    }


def _share(rows: Sequence[Mapping[str, object]], name: str, value: object) -> float:
    return sum(1 for row in rows if bool(row.get(name)) == value) / len(rows) if rows else 0.0


def _numbers(rows: Sequence[Mapping[str, object]], name: str) -> list[float]:
    return [float(str(v)) for v in (row.get(name) for row in rows) if v is not None]


def _category(value: object) -> str:
    return UNKNOWN if value is None or value == "" else str(value)


def pct(share: float) -> str:
    """0.72 → "72 %" (Dutch: a space before the sign)."""
    return f"{round(share * 100)} %"


def number(value: float) -> str:
    """2.45 → "2,5"; 3.0 → "3"; thousands with a dot."""
    text = f"{value:,.0f}" if abs(value - round(value)) < 0.05 else f"{value:,.1f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
