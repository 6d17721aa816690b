"""Clients who objected to the processing (AVG art. 21) are left out of a run: not selected, not in the
bias check, not drawn for the control group; the document says how many were left out."""

from __future__ import annotations

from pathlib import Path

from naleving.analytics import run_all, run_control
from naleving.analytics.tests.conftest import R, read_rows


def bsn_of(golden: Path, client_id: str) -> str:
    header, rows = read_rows(golden / "clients.csv")
    return next(r[header.index("bsn")] for r in rows if r[header.index("client_id")] == client_id)


def test_an_objecting_hit_is_not_selected_and_is_counted(golden: Path) -> None:
    document = run_control("voertuigen", golden, R, excluded_bsns={bsn_of(golden, "C01")})
    assert [h["client_id"] for h in document["hits"]] == ["C04"]
    assert document["population"] == 22 and document["excluded"] == 1
    assert sum(g["n"] for g in document["bias"]["sex"]["groups"].values()) == 22


def test_an_objecting_client_is_not_drawn_for_the_control_group(golden: Path) -> None:
    drawn = run_control("voertuigen", golden, R, control_sample=3, seed=1)["control_group"]
    assert isinstance(drawn, dict)
    first = drawn["client_ids"][0]
    document = run_control(
        "voertuigen", golden, R, control_sample=3, seed=1, excluded_bsns=[bsn_of(golden, first)]
    )
    group = document["control_group"]
    assert isinstance(group, dict)
    assert first not in group["client_ids"] and len(group["client_ids"]) == 3
    assert group["candidates"] == drawn["candidates"] - 1


def test_an_objector_outside_the_population_counts_nothing(golden: Path) -> None:
    # C20's benefit ended the day before R: not active, so not excluded either; an unknown BSN neither.
    documents = run_all(golden, R, excluded_bsns={bsn_of(golden, "C20"), "999999990"})
    assert {d["excluded"] for d in documents.values()} == {0}
    assert {d["population"] for d in documents.values()} == {23}


def test_without_exclusions_the_document_keeps_the_fields_of_datasets_md(golden: Path) -> None:
    assert "excluded" not in run_control("voertuigen", golden, R)
    assert run_control("adresbezetting", golden, R, excluded_bsns=set())["excluded"] == 0
