"""The proxy check equals scipy's chi2_contingency (no correction) and Cramér's V on the same table, built
independently with pandas and numpy from the delivered files; a planted proxy of district is flagged."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naleving.analytics import proxy
from naleving.analytics.tests.synthetic import write_delivery
from naleving.analytics.tests.test_bias import _active_with_attributes
from naleving.testing.lazy import lazy

pd = lazy("pandas")
stats = lazy("scipy.stats")

R = date(2026, 3, 1)
ATTRIBUTES = ("age_band", "sex", "household_type", "district")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    data = write_delivery(tmp_path_factory.mktemp("synthetic"))
    return data, proxy.proxy_check(["voertuigen", "vermogen", "adresbezetting"], data, R)


def _active(data: Path) -> pd.DataFrame:
    clients = pd.read_csv(data / "clients.csv", dtype=str, keep_default_na=False)
    return _active_with_attributes(clients).set_index("client_id", drop=False)


def _vehicles_in_year(data: Path, active: pd.DataFrame) -> pd.Series:
    vehicles = pd.read_csv(data / "vehicles.csv", dtype=str, keep_default_na=False)
    start, end = pd.Timestamp("2025-03-01"), pd.Timestamp(R)
    since = pd.to_datetime(vehicles["registered_from"])
    until = pd.to_datetime(vehicles["registered_to"].replace("", None))
    in_window = vehicles[(since <= end) & (until.isna() | (until >= start))]
    plates = in_window.groupby("bsn")["plate"].nunique()
    return active["bsn"].map(plates).fillna(0).astype(float)


def _household_balance(data: Path, active: pd.DataFrame) -> pd.Series:
    balances = pd.read_csv(data / "balances.csv", dtype=str, keep_default_na=False)
    balances = balances[pd.to_datetime(balances["reference_date"]) <= pd.Timestamp(R)]
    latest = balances.sort_values("reference_date").groupby("account_id").tail(1)
    per_bsn = latest.assign(balance=latest["balance"].astype(float)).groupby("bsn")["balance"].sum()
    return active["bsn"].map(per_bsn).fillna(0.0)  # nobody in the synthetic data has a partner


def _table(values: pd.Series, groups: pd.Series, kind: str) -> pd.DataFrame:
    """The contingency table as the docstring of analytics.proxy describes it, with numpy's quantiles."""
    if kind == "number":
        cuts = list(dict.fromkeys(np.quantile(values.to_numpy(), [0.25, 0.5, 0.75]).tolist()))
        rows = pd.Series(np.searchsorted(cuts, values.to_numpy(), side="left"), index=values.index)
    else:
        rows = values.map({True: "ja", False: "nee"})
    return pd.crosstab(rows, groups)


@pytest.mark.parametrize(
    ("control", "name", "kind"),
    [
        ("voertuigen", "vehicles_in_year", "number"),
        ("vermogen", "household_balance", "number"),
        ("adresbezetting", "address_vacant", "boolean"),
    ],
)
@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_association_equals_scipy_on_an_independent_table(
    synthetic: tuple[Path, dict[str, dict[str, Any]]], control: str, name: str, kind: str, attribute: str
) -> None:
    data, reports = synthetic
    active = _active(data)
    if name == "vehicles_in_year":
        values = _vehicles_in_year(data, active)
    elif name == "household_balance":
        values = _household_balance(data, active)
    else:
        addresses = pd.read_csv(data / "addresses.csv", dtype=str, keep_default_na=False)
        vacant = addresses.set_index("address_id")["vacant"].eq("true")
        values = active["address_id"].map(vacant)
    expected = _table(values, active[attribute], kind)
    section = next(i for i in reports[control]["inputs"] if i["name"] == name)
    found = section["attributes"][attribute]
    assert found["columns"] == [str(c) for c in expected.columns]
    assert sorted(map(sorted, found["counts"])) == sorted(map(sorted, expected.to_numpy().tolist()))
    statistic, p_value, dof, _ = stats.chi2_contingency(expected.to_numpy(), correction=False)
    assert found["chi2"] == pytest.approx(statistic, rel=1e-9)
    assert found["p_value"] == pytest.approx(p_value, rel=1e-9, abs=1e-290)
    assert found["dof"] == dof
    assert found["cramers_v"] == pytest.approx(
        stats.contingency.association(expected.to_numpy(), method="cramer")
    )
    assert found["n"] == len(active)


def test_the_synthetic_inputs_are_associated_where_they_were_made_to_be(
    synthetic: tuple[Path, dict[str, dict[str, Any]]],
) -> None:
    _, reports = synthetic
    vehicles = reports["voertuigen"]["inputs"][0]["attributes"]
    assert vehicles["sex"]["p_value"] < 0.05 and vehicles["household_type"]["p_value"] > 0.05
    # associated, but not strongly enough to need a justification
    assert reports["voertuigen"]["needs_justification"] is False
    assert 0.1 < reports["voertuigen"]["max_v"] < proxy.THRESHOLD
    # vermogen uses the household type itself (the asset limit depends on it): V = 1, a justification
    vermogen = reports["vermogen"]
    assert vermogen["needs_justification"] is True
    assert [(f["input"], f["attribute"]) for f in vermogen["flagged"]] == [
        ("household_type", "household_type")
    ]
    assert vermogen["flagged"][0]["cramers_v"] == pytest.approx(1.0)


def test_a_planted_proxy_of_district_is_flagged(tmp_path: Path) -> None:
    """The number of vehicles follows the district: 0 in Centrum, 1 in Noord, ..., 4 in West."""
    data = write_delivery(tmp_path / "planted", clients=600, seed=3)
    clients = pd.read_csv(data / "clients.csv", dtype=str, keep_default_na=False)
    districts = ["Centrum", "Noord", "Oost", "Zuid", "West"]
    rows = []
    for _, client in clients.iterrows():
        cars = districts.index(client["district"]) if client["district"] in districts else 0
        rows += [[client["bsn"], f"P{client['client_id']}-{c}", "2025-06-01", ""] for c in range(cars)]
    pd.DataFrame(rows, columns=["bsn", "plate", "registered_from", "registered_to"]).to_csv(
        data / "vehicles.csv", index=False
    )
    report = proxy.proxy_check(["voertuigen"], data, R)["voertuigen"]
    district = report["inputs"][0]["attributes"]["district"]
    assert district["cramers_v"] > 0.9 and district["p_value"] < 1e-10
    assert report["needs_justification"] is True
    assert (
        report["flagged"][0]["input"] == "vehicles_in_year"
        and report["flagged"][0]["attribute"] == "district"
    )
    assert proxy.reassess(report) == report


def test_excluded_clients_are_left_out(
    synthetic: tuple[Path, dict[str, dict[str, Any]]], tmp_path: Path
) -> None:
    data, reports = synthetic
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)
    bsns = pd.read_csv(copy / "clients.csv", dtype=str)["bsn"].tolist()[:10]
    report = proxy.proxy_check(["voertuigen"], copy, R, excluded_bsns=bsns)["voertuigen"]
    assert report["population"] < reports["voertuigen"]["population"]
    assert report["inputs"][0]["attributes"]["sex"]["n"] == report["population"]


def test_chance_on_a_small_delivery_does_not_need_a_justification() -> None:
    # 12 clients: V is large by chance, the test cannot tell it from independence
    report = proxy.input_report(
        "number",
        [0, 1, 2, 3, 0, 1, 2, 3, 1, 0, 3, 2],
        {"district": ["A", "A", "A", "B", "B", "B", "C", "C", "C", "D", "D", "D"]},
    )
    section = report["attributes"]["district"]
    assert section["cramers_v"] > proxy.THRESHOLD and section["p_value"] > 0.05
    assert report["needs_justification"] is False


def test_undefined_without_two_rows_or_columns() -> None:
    report = proxy.input_report("boolean", [False] * 5, {"sex": ["M", "V", "M", "V", "X"]})
    assert report["attributes"]["sex"]["cramers_v"] is None and report["max_v"] is None
    assert report["needs_justification"] is False
    empty = proxy.input_report("number", [None, 2, 2], {"sex": ["M", "M", "V"]})
    assert empty["attributes"]["sex"]["rows"] == ["≤ 2", "leeg"]


def test_quantile_bins_equal_numpy_and_keep_ties_together() -> None:
    values = [0, 0, 0, 0, 0, 0, 1, 1, 2, 7]
    assert proxy.quantile_cuts(values) == list(dict.fromkeys(np.quantile(values, [0.25, 0.5, 0.75])))
    assert proxy.quantile_cuts(values) == [0.0, 1.0]  # the cut at 0 is there once: the zeros stay together
    assert proxy.bin_labels([0.0, 0.75]) == ["≤ 0", "> 0 t/m 0,75", "> 0,75"]
    assert [proxy.bin_of(v, [0.0, 0.75]) for v in (0, 0.5, 0.75, 1)] == [0, 1, 1, 2]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-50, 50), min_size=1, max_size=60))
def test_quantile_cuts_of_counted_values_equal_numpy(values: list[int]) -> None:
    # the proxy check counts the clients per value in DuckDB; the cut points are those of the whole list
    expected = list(dict.fromkeys(np.quantile(values, [0.25, 0.5, 0.75]).tolist()))
    assert proxy.quantile_cuts(values) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 9)), st.sampled_from("ABC"), st.sampled_from("MV")),
        min_size=1,
        max_size=80,
    ),
    st.sampled_from(["number", "boolean", "category"]),
)
def test_a_report_from_counted_clients_equals_the_report_per_client(
    clients: list[tuple[int | None, str, str]], kind: str
) -> None:
    values = [value for value, _, _ in clients]
    groups = {"district": [d for _, d, _ in clients], "sex": [s for _, _, s in clients]}
    counted: dict[tuple[int | None, str, str], int] = {}
    for client in clients:
        counted[client] = counted.get(client, 0) + 1
    combinations = [(*key, count) for key, count in counted.items()]
    assert proxy.counted_input_report(kind, ("district", "sex"), combinations) == _per_client_report(
        kind, values, groups
    )


def _per_client_report(kind: str, values: list[int | None], groups: dict[str, list[str]]) -> dict[str, Any]:
    """The report built client by client, as the proxy check did before it counted in DuckDB."""
    numbers = [float(v) for v in values if v is not None]
    cuts = list(dict.fromkeys(np.quantile(numbers, [0.25, 0.5, 0.75]).tolist())) if numbers else []
    cuts = cuts if kind == "number" else []
    labels = proxy.bin_labels(cuts)

    def row_of(value: int | None) -> str:
        if value is None:
            return proxy.EMPTY
        if kind == "number":
            return labels[proxy.bin_of(float(value), cuts)]
        return ("ja" if value else "nee") if kind == "boolean" else str(value)

    keys = [row_of(v) for v in values]
    order = (
        labels if kind == "number" else ["ja", "nee"] if kind == "boolean" else sorted(set(keys) - {"leeg"})
    )
    rows = [r for r in order if r in keys] + (["leeg"] if "leeg" in keys else [])
    attributes = {}
    for name, per_client in groups.items():
        columns = sorted(set(per_client))
        table = [
            [sum(1 for k, g in zip(keys, per_client, strict=True) if (k, g) == (r, c)) for c in columns]
            for r in rows
        ]
        attributes[name] = {"rows": rows, "columns": columns, "counts": table, **proxy.association(table)}
    return {"kind": kind, "cuts": cuts, "attributes": attributes, **_verdict(attributes)}


def _verdict(attributes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    for section in attributes.values():
        v, p = section["cramers_v"], section["p_value"]
        section["needs_justification"] = v is not None and v > proxy.THRESHOLD and p < proxy.SIGNIFICANCE
    flagged = [name for name, section in attributes.items() if section["needs_justification"]]
    found = [s["cramers_v"] for s in attributes.values() if s["cramers_v"] is not None]
    return {"max_v": max(found) if found else None, "flagged": flagged, "needs_justification": bool(flagged)}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 400), min_size=2, max_size=6), min_size=2, max_size=6))
def test_association_equals_scipy_on_any_table(rows: list[list[int]]) -> None:
    width = min(len(r) for r in rows)
    table = [r[:width] for r in rows]
    found = proxy.association(table)
    kept = np.array([r for r in table if sum(r) > 0])
    if kept.size:
        kept = kept[:, kept.sum(axis=0) > 0]
    if kept.ndim < 2 or kept.shape[0] < 2 or kept.shape[1] < 2:
        assert found["cramers_v"] is None
        return
    statistic, p_value, dof, _ = stats.chi2_contingency(kept, correction=False)
    assert found["dof"] == dof
    assert found["chi2"] == pytest.approx(statistic, rel=1e-9, abs=1e-12)
    assert found["p_value"] == pytest.approx(p_value, rel=1e-9, abs=1e-290)
    assert found["cramers_v"] == pytest.approx(
        stats.contingency.association(kept, method="cramer"), rel=1e-9, abs=1e-12
    )


def test_every_declared_input_is_measured_on_the_golden_delivery(golden: Path) -> None:
    reports = proxy.proxy_check(list(proxy.REGISTRY), golden, R)
    for name, control in proxy.REGISTRY.items():
        report = reports[name]
        assert [i["name"] for i in report["inputs"]] == [i.name for i in control.info.inputs], name
        assert control.info.inputs, f"{name} declares no inputs"
        for section in report["inputs"]:
            assert set(section["attributes"]) == set(ATTRIBUTES)
            assert all(a["n"] == report["population"] == 23 for a in section["attributes"].values())
    # the golden delivery has addresses where more than one person counts for the kostendelersnorm
    counted = next(i for i in reports["kostendelers"]["inputs"] if i["name"] == "kostendelers_counted")
    table = counted["attributes"]["sex"]
    assert table["rows"] == ["≤ 1", "> 1"] and sum(table["counts"][1]) > 0
