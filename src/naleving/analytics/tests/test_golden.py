"""The five controls on the hand-made golden delivery, one client per boundary of datasets.md (R = 2026-03-01).

| client | what it tests | expected |
|---|---|---|
| C01 | 3 plates (= min_vehicles), one registration ending exactly R - 365 days | voertuigen hit |
| C02 | 3 plates, but one ended R - 366 days | no hit |
| C03 | 3 registrations of 2 distinct plates | no hit |
| C04 | a plate registered from R counts, one from R + 1 does not | voertuigen hit (3 plates) |
| C05 | balance exactly at the limit (EUR 8,000, alleenstaande 2026) | no hit |
| C06 | EUR 8,000.01 on a row dated R, an older row superseded | vermogen hit |
| C07 | couple: client 10,000.00 (latest <= R) + partner 6,000.01 (a row after R ignored) | vermogen hit |
| C08 | couple with one joint account of 9,000 listed under both | no hit (counted once) |
| C09 | single parent: 17,000 and -1,500 | no hit (negative counts) |
| C10 | vacant address | adresbezetting hit |
| C11 | 3 persons x 12 m2 = 36 m2 = floor area | no hit (not greater) |
| C12 | 3 persons x 12 m2 = 36 m2 > 35 m2 | adresbezetting hit |
| C13 | 5 persons, floor area 0 | no hit (only when floor area > 0) |
| C14 | housemate with 27th birthday on R | kostendelers hit |
| C15 | housemate with 27th birthday on R + 1 | no hit |
| C16 | housemate of 30, a student (study finance) | no hit |
| C17 | housemate of 40, a commercial tenant | no hit |
| C18 | partner with 21st birthday on R, plus a housemate of 45; A applied 2 | kostendelers hit (A = 3) |
| C19 | partner aged 20 | no hit |
| C20 | benefit ended R - 1 (5 plates) | not in the population |
| C21 | only BRP registration ends on R | brp_adres hit (no registration) |
| C22 | BRP registration at another address | brp_adres hit |
| C23 | old registration ends on R, new one at the benefit address starts on R | no hit |
| C24 | benefit starts and ends on R | in the population |
| C25 | benefit starts R + 1 | not in the population |
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from naleving.analytics import CONTROLS, run_all, run_control
from naleving.analytics.tests.conftest import R

EXPECTED_HITS = {
    "voertuigen": ["C01", "C04"],
    "vermogen": ["C06", "C07"],
    "adresbezetting": ["C10", "C12"],
    "kostendelers": ["C14", "C18"],
    "brp_adres": ["C21", "C22"],
}


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    return run_all(Path(__file__).parent / "data" / "golden", R)


def hit(document: dict[str, Any], client_id: str) -> dict[str, Any]:
    return next(h for h in document["hits"] if h["client_id"] == client_id)


def test_each_control_hits_exactly_the_expected_clients(documents: dict[str, dict[str, Any]]) -> None:
    assert {name: [h["client_id"] for h in d["hits"]] for name, d in documents.items()} == EXPECTED_HITS


def test_population_is_the_clients_active_on_r(documents: dict[str, dict[str, Any]]) -> None:
    # 25 clients; C20 (ended R - 1) and C25 (starts R + 1) are not active, C24 (starts and ends on R) is.
    assert {d["population"] for d in documents.values()} == {23}
    counts = documents["voertuigen"]["bias"]["sex"]["groups"]
    assert sum(g["n"] for g in counts.values()) == 23


def test_document_has_exactly_the_fields_of_datasets_md(documents: dict[str, dict[str, Any]]) -> None:
    fields = [
        "control",
        "reference_date",
        "parameters",
        "population",
        "hits",
        "bias",
        "control_group",
        "data_used",
    ]
    for name, document in documents.items():
        assert list(document) == fields
        assert document["control"] == name
        assert document["reference_date"] == "2026-03-01"
        assert list(document["bias"]) == ["age_band", "sex", "household_type", "district"]
        for hit_ in document["hits"]:
            assert list(hit_) == ["client_id", "reasons", "evidence"]
            assert hit_["reasons"] and all(r["code"] and r["text"] for r in hit_["reasons"])


def test_voertuigen_window_boundaries(documents: dict[str, dict[str, Any]]) -> None:
    c01 = hit(documents["voertuigen"], "C01")["evidence"]
    assert c01["window"] == {"from": "2025-03-01", "to": "2026-03-01"}
    assert c01["distinct_plates"] == 3
    assert {
        "row": 1,
        "plate": "AB-01-CD",
        "registered_from": "2024-01-01",
        "registered_to": "2025-03-01",
    } in c01["vehicles"]
    c04 = hit(documents["voertuigen"], "C04")["evidence"]
    assert [v["plate"] for v in c04["vehicles"]] == [
        "GH-09-IJ",
        "KL-10-MN",
        "OP-11-QR",
    ]  # not ST-12-UV (R + 1)


def test_min_vehicles_parameter_changes_the_selection(golden: Path) -> None:
    four = run_control("voertuigen", golden, R, {"min_vehicles": "4"})
    assert four["hits"] == [] and four["parameters"]["min_vehicles"] == 4
    two = run_control("voertuigen", golden, R, {"min_vehicles": 2})
    assert [h["client_id"] for h in two["hits"]] == ["C01", "C02", "C03", "C04"]


def test_vermogen_evidence_and_limits_from_rules(documents: dict[str, dict[str, Any]]) -> None:
    document = documents["vermogen"]
    assert document["parameters"]["asset_limits"] == {
        "alleenstaande": "8000.00",
        "alleenstaande_ouder": "16000.00",
        "gehuwden": "16000.00",
    }
    c06 = hit(document, "C06")["evidence"]
    assert (c06["household_balance"], c06["asset_limit"]) == ("8000.01", "8000.00")
    assert c06["balances"] == [
        {
            "row": 3,
            "bsn": "100000356",
            "account_id": "NL02",
            "reference_date": "2026-03-01",
            "balance": "8000.01",
        }
    ]
    c07 = hit(document, "C07")["evidence"]
    assert c07["household_balance"] == "16000.01"
    assert [(b["account_id"], b["reference_date"]) for b in c07["balances"]] == [
        ("NL03", "2026-02-01"),
        ("NL04", "2026-02-15"),
    ]


def test_vermogen_uses_the_2025_limits_in_2025(golden: Path) -> None:
    # On 2025-12-31 only the rows dated up to then count: C07 had 20,000.00 on 2025-12-31 (> 15,540).
    document = run_control("vermogen", golden, date(2025, 12, 31))
    assert document["parameters"]["asset_limits"]["alleenstaande"] == "7770.00"
    assert "C07" in [h["client_id"] for h in document["hits"]]


def test_adresbezetting_reasons(documents: dict[str, dict[str, Any]]) -> None:
    c10 = hit(documents["adresbezetting"], "C10")
    assert [r["code"] for r in c10["reasons"]] == ["address_vacant"]
    c12 = hit(documents["adresbezetting"], "C12")
    assert [r["code"] for r in c12["reasons"]] == ["address_overcrowded"]
    assert c12["evidence"]["persons_registered"] == 3
    assert c12["evidence"]["addresses"] == [{"row": 12, "vacant": False, "floor_area_m2": "35.00"}]


def test_m2_per_person_parameter(golden: Path) -> None:
    # At 11.99 m2 per person, 3 persons need 35.97 m2: A12 (35 m2) is still a hit, A11 (36 m2) is not.
    document = run_control("adresbezetting", golden, R, {"m2_per_person": "11.99"})
    assert [h["client_id"] for h in document["hits"]] == ["C10", "C12"]
    # At 12.01, A11 (3 x 12.01 = 36.03 > 36) becomes a hit as well.
    document = run_control("adresbezetting", golden, R, {"m2_per_person": "12.01"})
    assert [h["client_id"] for h in document["hits"]] == ["C10", "C11", "C12"]
    assert document["parameters"]["m2_per_person"] == "12.01"


def test_kostendelers_roles(documents: dict[str, dict[str, Any]]) -> None:
    c14 = hit(documents["kostendelers"], "C14")["evidence"]
    assert [(p["age"], p["role"], p["counted"]) for p in c14["brp"]] == [
        (48, "client", True),
        (27, "kostendeler", True),
    ]
    c18 = hit(documents["kostendelers"], "C18")["evidence"]
    assert (c18["kostendelers_applied"], c18["computed_a"]) == (2, 3)
    assert [p["role"] for p in c18["brp"]] == ["client", "partner", "kostendeler"]


def test_kostendelers_not_counted_one_day_earlier(golden: Path) -> None:
    # On R - 1 the housemate of C14 is 26 and the partner of C18 is 20: neither counts.
    document = run_control("kostendelers", golden, date(2026, 2, 28))
    assert [h["client_id"] for h in document["hits"]] == []


def test_brp_adres_evidence(documents: dict[str, dict[str, Any]]) -> None:
    c21 = hit(documents["brp_adres"], "C21")
    assert [r["code"] for r in c21["reasons"]] == ["no_brp_registration"]
    assert c21["evidence"]["last_registration_before"]["registered_to"] == "2026-03-01"
    c22 = hit(documents["brp_adres"], "C22")
    assert [r["code"] for r in c22["reasons"]] == ["brp_address_differs"]
    assert c22["evidence"]["brp"][0]["address_id"] == "A24"


def test_data_used_lists_only_what_the_control_reads(documents: dict[str, dict[str, Any]]) -> None:
    for name, document in documents.items():
        files = {f["file"].split(".")[0]: f for f in document["data_used"]}
        assert set(files) == set(CONTROLS[name].data_used)
        assert "regulation" not in files["clients"]["columns"]  # no control needs it, so none reads it
        assert all(len(f["sha256"]) == 64 and f["rows"] > 0 for f in files.values())
    assert documents["voertuigen"]["data_used"][1]["columns"] == [
        "bsn",
        "plate",
        "registered_from",
        "registered_to",
    ]


def test_run_control_equals_the_same_control_in_run_all(
    golden: Path, documents: dict[str, dict[str, Any]]
) -> None:
    for name in ("vermogen", "kostendelers"):
        assert run_control(name, golden, R) == documents[name]


def test_golden_json(documents: dict[str, dict[str, Any]]) -> None:
    """The whole output, checked by hand once (data/expected_all.json). After an intended change, rewrite it:
    python -c "import json,datetime;from naleving.analytics import run_all;print(json.dumps(run_all(
    'src/naleving/analytics/tests/data/golden',datetime.date(2026,3,1)),indent=2,ensure_ascii=False))"
    """
    expected = json.loads((Path(__file__).parent / "data" / "expected_all.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(documents)) == expected
