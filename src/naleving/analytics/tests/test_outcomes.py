"""The outcome-fairness numbers equal fairlearn's MetricFrame and scipy's fisher_exact / chi2_contingency on a
seeded per-person dataset with a planted disparity (group B is investigated for nothing far more often)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from naleving.analytics.outcomes import (
    CHI_SQUARE,
    FISHER,
    GroupCounts,
    attribute_outcomes,
    compare,
    outcome_report,
    wilson,
)
from naleving.testing.lazy import lazy

pd = lazy("pandas")
fairlearn = lazy("fairlearn.metrics")
stats = lazy("scipy.stats")
sklearn_metrics = lazy("sklearn.metrics")

SEED = 20260301


def _people(seed: int = SEED) -> pd.DataFrame:
    """One row per client: group, whether the filter selected them, whether they breached (the truth),
    whether an investigation gave an outcome (all selected; the non-selected only when drawn for the
    control group) and whether a sanction followed."""
    rng = np.random.default_rng(seed)
    rows = []
    for group, n, select_p, precision, base in (("A", 600, 0.20, 0.70, 0.05), ("B", 400, 0.25, 0.30, 0.05)):
        selected = rng.random(n) < select_p
        breach = np.where(selected, rng.random(n) < precision, rng.random(n) < base)
        control = ~selected & (rng.random(n) < 0.5)
        sanctioned = selected & breach & (rng.random(n) < 0.6)
        for i in range(n):
            rows.append((group, bool(selected[i]), bool(breach[i]), bool(control[i]), bool(sanctioned[i])))
    return pd.DataFrame(rows, columns=["group", "selected", "breach", "control", "sanctioned"])


def _counts(people: pd.DataFrame) -> dict[str, GroupCounts]:
    counts = {}
    for group, g in people.groupby("group"):
        sel, ctl = g[g.selected], g[g.control]
        counts[str(group)] = GroupCounts(
            population=len(g),
            selected=len(sel),
            with_outcome=len(sel),
            no_breach=int((~sel.breach).sum()),
            sanctioned=int(sel.sanctioned.sum()),
            control_with_outcome=len(ctl),
            control_breaches=int(ctl.breach.sum()),
        )
    return counts


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    return _people()


def _fdr(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return 1.0 - float(sklearn_metrics.precision_score(y_true, y_pred, zero_division=0))


def test_shares_equal_fairlearn(people: pd.DataFrame) -> None:
    report = attribute_outcomes(_counts(people), 10)
    selected = people[people.selected]
    frame = fairlearn.MetricFrame(
        metrics={"fdr": _fdr, "sanctioned": fairlearn.selection_rate},
        y_true=selected.breach.to_numpy().astype(int),
        y_pred=np.ones(len(selected), dtype=int),
        sensitive_features=selected.group.to_numpy(),
    )
    sanctioned = fairlearn.MetricFrame(
        metrics=fairlearn.selection_rate,
        y_true=selected.sanctioned.to_numpy().astype(int),
        y_pred=selected.sanctioned.to_numpy().astype(int),
        sensitive_features=selected.group.to_numpy(),
    )
    control = people[people.control]
    base = fairlearn.MetricFrame(
        metrics=fairlearn.selection_rate,
        y_true=control.breach.to_numpy().astype(int),
        y_pred=control.breach.to_numpy().astype(int),
        sensitive_features=control.group.to_numpy(),
    )
    for group in ("A", "B"):
        row = report["groups"][group]
        assert row["fdr"] == pytest.approx(frame.by_group.loc[group, "fdr"], rel=1e-12)
        assert row["sanctioned_share"] == pytest.approx(sanctioned.by_group[group], rel=1e-12)
        assert row["base_rate"] == pytest.approx(base.by_group[group], rel=1e-12)
    assert report["best_group"] == "A"
    b = report["groups"]["B"]
    assert b["fdr_ratio"] == pytest.approx(b["fdr"] / report["groups"]["A"]["fdr"])
    table = [
        [b["no_breach"], b["n_outcome"] - b["no_breach"]],
        [
            report["groups"]["A"]["no_breach"],
            report["groups"]["A"]["n_outcome"] - report["groups"]["A"]["no_breach"],
        ],
    ]
    assert b["test"] == CHI_SQUARE
    assert b["p_value"] == pytest.approx(stats.chi2_contingency(table, correction=False).pvalue, rel=1e-9)
    assert b["p_value"] < 0.05 and b["fdr_ratio"] > 1.25
    assert report["verdict"] == "flag"
    assert report["groups"]["A"]["test"] is None  # the best-off group is not tested against itself


def test_error_rates_equal_fairlearn_when_everyone_is_assessed(people: pd.DataFrame) -> None:
    """With every selected person assessed and the whole non-selected population as the control group,
    the estimate is exact: it equals fairlearn's TPR and FPR over the population."""
    census = people.assign(control=~people.selected)
    report = attribute_outcomes(_counts(census), 10)
    y_true = census.breach.to_numpy().astype(int)
    y_pred = census.selected.to_numpy().astype(int)
    frame = fairlearn.MetricFrame(
        metrics={"tpr": fairlearn.true_positive_rate, "fpr": fairlearn.false_positive_rate},
        y_true=y_true,
        y_pred=y_pred,
        sensitive_features=census.group.to_numpy(),
    )
    for group in ("A", "B"):
        row = report["groups"][group]
        assert row["tpr"] == pytest.approx(frame.by_group.loc[group, "tpr"], rel=1e-9)
        assert row["fpr"] == pytest.approx(frame.by_group.loc[group, "fpr"], rel=1e-9)
        assert row["tpr_ci"][0] <= row["tpr"] <= row["tpr_ci"][1]
        assert row["fpr_ci"][0] <= row["fpr"] <= row["fpr_ci"][1]
    a, b = report["groups"]["A"], report["groups"]["B"]
    assert b["fpr"] > a["fpr"]  # B's selected are mostly without a breach
    assert b["fpr_ratio"] == pytest.approx(b["fpr"] / a["fpr"]) and a["fpr_ratio"] == 1.0


def test_small_cells_use_fisher() -> None:
    counts = {
        "A": GroupCounts(population=200, selected=12, with_outcome=12, no_breach=1),
        "B": GroupCounts(population=150, selected=11, with_outcome=11, no_breach=8),
    }
    report = attribute_outcomes(counts, 10)
    b = report["groups"]["B"]
    assert b["test"] == FISHER
    assert b["p_value"] == pytest.approx(stats.fisher_exact([[8, 3], [1, 11]]).pvalue, rel=1e-12)
    assert report["verdict"] == "flag" and b["p_value"] < 0.05
    # the same shares with a group below the minimum: shown, not compared
    small = attribute_outcomes(
        {**counts, "B": GroupCounts(population=150, selected=9, with_outcome=9, no_breach=7)}, 10
    )
    assert small["verdict"] == "insufficient_data" and small["groups"]["B"]["fdr_ratio"] is None
    assert small["groups"]["B"]["fdr"] == pytest.approx(7 / 9)


def test_compare_equals_scipy_on_many_tables() -> None:
    rng = np.random.default_rng(SEED)
    for _ in range(200):
        n1, n2 = int(rng.integers(1, 80)), int(rng.integers(1, 80))
        a, c = int(rng.integers(0, n1 + 1)), int(rng.integers(0, n2 + 1))
        table = [[a, n1 - a], [c, n2 - c]]
        result = compare((a, n1), (c, n2))
        if a + c in (0, n1 + n2):
            assert result is None
            continue
        assert result is not None
        expected = stats.chi2_contingency(table, correction=False).expected_freq
        if expected.min() < 5:
            assert result.method == FISHER
            assert result.p_value == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-9)
        else:
            assert result.method == CHI_SQUARE
            assert result.p_value == pytest.approx(
                stats.chi2_contingency(table, correction=False).pvalue, rel=1e-9
            )


def test_even_outcomes_are_not_flagged_and_undefined_values_stay_empty() -> None:
    even = {
        "A": GroupCounts(population=500, selected=100, with_outcome=100, no_breach=40),
        "B": GroupCounts(population=500, selected=100, with_outcome=100, no_breach=44),
        "C": GroupCounts(population=10),
    }
    report = outcome_report({"sex": even}, 10)
    assert report["flagged"] is False
    sex = report["attributes"]["sex"]
    assert sex["verdict"] == "ok"
    c = sex["groups"]["C"]
    assert (c["fdr"], c["base_rate"], c["tpr"], c["fpr"], c["fdr_ci"]) == (None, None, None, None, None)
    # no control group with an outcome: no error rates, the FDR still counts
    assert sex["groups"]["A"]["tpr"] is None and sex["groups"]["A"]["fdr"] == 0.4


def test_a_perfect_best_group_makes_any_significant_error_a_flag() -> None:
    counts = {
        "A": GroupCounts(population=300, selected=40, with_outcome=40, no_breach=0),
        "B": GroupCounts(population=300, selected=40, with_outcome=40, no_breach=15),
    }
    report = attribute_outcomes(counts, 10)
    assert report["groups"]["B"]["fdr_ratio"] is None and report["verdict"] == "flag"


def test_wilson_interval() -> None:
    low, high = wilson(7, 10)  # type: ignore[misc]
    # the Wilson interval of 7 of 10 at 95 %: 0.3968 to 0.8922
    assert low == pytest.approx(0.3968, abs=5e-5) and high == pytest.approx(0.8922, abs=5e-5)
    assert wilson(0, 0) is None
    assert wilson(0, 5)[0] == pytest.approx(0.0, abs=1e-12) and math.isclose(wilson(5, 5)[1], 1.0)  # type: ignore[index]
