"""The bias numbers equal fairlearn's MetricFrame selection rates and scipy's chi2_contingency (no correction)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naleving.analytics import run_all
from naleving.analytics.bias import attribute_report, chi2_sf, chi_square
from naleving.analytics.tests.synthetic import write_delivery
from naleving.testing.lazy import lazy

pd = lazy("pandas")
fairlearn = lazy("fairlearn.metrics")
stats = lazy("scipy.stats")

R = date(2026, 3, 1)
MIN_GROUP_SIZE = 30


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, dict[str, dict[str, Any]]]:
    data = write_delivery(tmp_path_factory.mktemp("synthetic"))
    documents = run_all(data, R)
    clients = pd.read_csv(data / "clients.csv", dtype=str, keep_default_na=False)
    return _active_with_attributes(clients), documents


def _active_with_attributes(clients: pd.DataFrame) -> pd.DataFrame:
    """An independent computation of the population and its attributes (pandas, not the engine)."""
    start = pd.to_datetime(clients["benefit_start"])
    end = pd.to_datetime(clients["benefit_end"].replace("", None))
    r = pd.Timestamp(R)
    active = clients[(start <= r) & (end.isna() | (end >= r))].copy()
    birth = pd.to_datetime(active["birth_date"])
    before_birthday = (birth.dt.month > R.month) | ((birth.dt.month == R.month) & (birth.dt.day > R.day))
    age = R.year - birth.dt.year - before_birthday.astype(int)
    active["age_band"] = pd.cut(
        age, [-1, 17, 26, 39, 54, 200], labels=["<18", "18-26", "27-39", "40-54", "55+"]
    )
    active["age_band"] = active["age_band"].astype(str)
    return active


@pytest.mark.parametrize("control", ["voertuigen", "vermogen", "adresbezetting", "brp_adres"])
@pytest.mark.parametrize("attribute", ["age_band", "sex", "household_type", "district"])
def test_bias_equals_fairlearn_and_scipy(
    synthetic: tuple[pd.DataFrame, dict[str, dict[str, Any]]], control: str, attribute: str
) -> None:
    active, documents = synthetic
    document = documents[control]
    report = document["bias"][attribute]
    hits = {h["client_id"] for h in document["hits"]}
    selected = active["client_id"].isin(hits).astype(int).to_numpy()
    groups = active[attribute].to_numpy()
    assert 0 < selected.sum() < len(selected)
    assert document["population"] == len(active)

    frame = fairlearn.MetricFrame(
        metrics=fairlearn.selection_rate, y_true=selected, y_pred=selected, sensitive_features=groups
    )
    observed = {g: v for g, v in report["groups"].items() if v["n"] > 0}
    assert set(observed) == set(frame.by_group.index)
    for group, rate in frame.by_group.items():
        assert observed[group]["rate"] == pytest.approx(rate, rel=1e-12)
        assert observed[group]["n"] == int((groups == group).sum())
        assert observed[group]["s"] == int(selected[groups == group].sum())

    eligible = np.isin(groups, [g for g, v in observed.items() if v["n"] >= MIN_GROUP_SIZE])
    y, g = selected[eligible], groups[eligible]
    assert report["parity_ratio"] == pytest.approx(
        fairlearn.demographic_parity_ratio(y, y, sensitive_features=g), rel=1e-12
    )
    assert report["parity_difference"] == pytest.approx(
        fairlearn.demographic_parity_difference(y, y, sensitive_features=g), rel=1e-12, abs=1e-15
    )

    table = np.array([[v["s"] for v in observed.values()], [v["n"] - v["s"] for v in observed.values()]])
    statistic, p_value, dof, _ = stats.chi2_contingency(table, correction=False)
    assert dof == len(observed) - 1
    assert report["chi2"] == pytest.approx(statistic, rel=1e-9)
    assert report["p_value"] == pytest.approx(p_value, rel=1e-9, abs=1e-300)
    assert report["cramers_v"] == pytest.approx(
        stats.contingency.association(table, method="cramer", correction=False), rel=1e-9
    )
    assert report["cramers_v"] == pytest.approx(math.sqrt(statistic / table.sum()), rel=1e-12)


def test_the_synthetic_selection_is_flagged_where_it_is_skewed(
    synthetic: tuple[pd.DataFrame, dict[str, dict[str, Any]]],
) -> None:
    _, documents = synthetic
    vehicles = documents["voertuigen"]["bias"]
    assert vehicles["sex"]["verdict"] == "flag"  # men get more cars in the synthetic data
    assert vehicles["household_type"]["verdict"] == "ok"  # cars do not depend on the household
    # Haren has fewer than 30 clients: shown, but not used for the parity ratio.
    haren = vehicles["district"]["groups"]["Haren"]
    assert 0 < haren["n"] < MIN_GROUP_SIZE


def test_verdicts_and_undefined_values() -> None:
    nobody = attribute_report({"a": (50, 0), "b": (40, 0)}, 30)
    assert (nobody["parity_ratio"], nobody["chi2"], nobody["p_value"], nobody["verdict"]) == (
        None,
        None,
        None,
        "ok",
    )
    assert nobody["parity_difference"] == 0.0
    small = attribute_report({"a": (20, 10), "b": (29, 1)}, 30)
    assert small["verdict"] == "insufficient_data" and small["parity_ratio"] is None
    assert small["chi2"] is not None  # the test itself uses every group with n > 0
    one_group = attribute_report({"a": (100, 10), "b": (0, 0)}, 30)
    assert (one_group["chi2"], one_group["p_value"], one_group["cramers_v"]) == (0.0, 1.0, 0.0)
    assert one_group["groups"]["b"] == {"n": 0, "s": 0, "rate": None}
    skewed = attribute_report({"a": (100, 30), "b": (100, 10)}, 30)
    assert skewed["verdict"] == "flag" and skewed["parity_ratio"] == pytest.approx(1 / 3)
    significant_but_fair = attribute_report({"a": (100_000, 10_000), "b": (100_000, 10_500)}, 30)
    assert significant_but_fair["p_value"] < 0.05 and significant_but_fair["verdict"] == "ok"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 5000), st.floats(0, 1)).map(lambda t: (t[0], round(t[0] * t[1]))),
        min_size=2,
        max_size=12,
    )
)
def test_chi_square_equals_scipy_on_any_table(groups: list[tuple[int, int]]) -> None:
    selected = sum(s for _, s in groups)
    total = sum(n for n, _ in groups)
    result = chi_square(groups)
    if selected in (0, total):
        assert result is None
        return
    assert result is not None
    table = np.array([[s for _, s in groups], [n - s for n, s in groups]])
    statistic, p_value, dof, _ = stats.chi2_contingency(table, correction=False)
    assert result.dof == dof
    assert result.chi2 == pytest.approx(statistic, rel=1e-9, abs=1e-12)
    assert result.p_value == pytest.approx(p_value, rel=1e-9, abs=1e-290)


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 2000, allow_nan=False), st.integers(1, 300))
def test_chi2_survival_function_equals_scipy(x: float, dof: int) -> None:
    assert chi2_sf(x, dof) == pytest.approx(stats.chi2.sf(x, dof), rel=1e-10, abs=1e-300)
