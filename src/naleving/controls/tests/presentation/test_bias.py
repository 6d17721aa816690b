"""The bias report in Dutch (``presentation.bias``)."""

from __future__ import annotations

from pathlib import Path

from naleving.analytics import run_control
from naleving.analytics.population import AGE_BANDS, UNDER_18
from naleving.analytics.schema import HOUSEHOLD_TYPES, SEXES
from naleving.controls.presentation.bias import ATTRIBUTE_NL, VERDICT_NL, bias_rows, group_nl
from naleving.controls.tests.presentation.delivery import REPR, R

# --- Bias report -----------------------------------------------------------------------------------------


def test_every_group_of_the_engine_has_a_dutch_name() -> None:
    assert ATTRIBUTE_NL == {
        "age_band": "Leeftijdsgroep",
        "sex": "Geslacht",
        "household_type": "Huishoudtype",
        "district": "Wijk",
    }
    assert [group_nl("age_band", g) for g in (UNDER_18, *AGE_BANDS)] == [
        "Jonger dan 18 jaar",
        "18–26 jaar",
        "27–39 jaar",
        "40–54 jaar",
        "55 jaar en ouder",
    ]
    assert [group_nl("sex", g) for g in SEXES] == ["Man", "Vrouw", "X (anders/onbekend)"]
    assert [group_nl("household_type", g) for g in HOUSEHOLD_TYPES] == [
        "Alleenstaande",
        "Alleenstaande ouder",
        "Gehuwden / samenwonenden",
    ]
    assert group_nl("district", "Oude Wijken") == "Oude Wijken"
    assert group_nl("district", "") == group_nl("district", None) == group_nl("sex", "None") == "Onbekend"
    assert group_nl("other", "Q") == "Q"


def test_bias_rows_of_a_real_run(delivery: Path) -> None:
    document = run_control("voertuigen", delivery, R, {"min_group_size": "1"})
    rows = bias_rows(document["bias"])
    assert [r["attribute"] for r in rows] == ["age_band", "sex", "household_type", "district"]
    assert [r["label"] for r in rows] == ["Leeftijdsgroep", "Geslacht", "Huishoudtype", "Wijk"]
    sex = rows[1]
    assert sex["verdict"] == "ok" and sex["verdict_label"] == "Geen aanwijzing voor vertekening"
    assert sex["groups"] == [
        {"code": "M", "label": "Man", "n": 4, "s": 1, "rate": 0.25, "rate_text": "25,0%"},
        {"code": "V", "label": "Vrouw", "n": 3, "s": 0, "rate": 0.0, "rate_text": "0,0%"},
        {"code": "X", "label": "X (anders/onbekend)", "n": 1, "s": 0, "rate": 0.0, "rate_text": "0,0%"},
    ]
    assert sex["parity_ratio"] == 0.0 and sex["chi2"] == document["bias"]["sex"]["chi2"]
    assert [s["label"] for s in sex["stats"]] == [
        "Pariteitsratio",
        "Pariteitsverschil",
        "χ²",
        "p-waarde",
        "Cramérs V",
    ]
    assert sex["stats"][0]["text"] == "0,000" and sex["stats"][1]["text"] == "0,250"
    assert [g["label"] for g in rows[0]["groups"]] == [
        "18–26 jaar",
        "27–39 jaar",
        "40–54 jaar",
        "55 jaar en ouder",
    ]
    assert [g["label"] for g in rows[3]["groups"]] == ["Noord", "Zuid"]
    for row in rows:
        for stat in row["stats"]:
            assert not REPR.search(stat["text"])


def test_bias_rows_verdicts_and_odd_input() -> None:
    bias = {
        "district": {
            "groups": {"Zuid": {"n": 40, "s": 20, "rate": 0.5}, "Centrum": {"n": 40, "s": 2, "rate": 0.05}},
            "parity_ratio": 0.1,
            "parity_difference": 0.45,
            "chi2": 19.6,
            "p_value": 0.00000951,
            "cramers_v": 0.495,
            "verdict": "flag",
        },
        "sex": {"groups": {}, "verdict": "insufficient_data"},
        "religion": "not a section",
    }
    rows = bias_rows(bias)
    assert [r["attribute"] for r in rows] == ["sex", "district", "religion"]
    assert rows[0]["verdict_label"] == "Te weinig gegevens" and rows[0]["groups"] == []
    assert rows[1]["verdict_label"] == "Gemarkeerd: mogelijke vertekening"
    assert [g["code"] for g in rows[1]["groups"]] == ["Centrum", "Zuid"]
    assert [s["text"] for s in rows[1]["stats"]] == ["0,100", "0,450", "19,600", "< 0,0001", "0,495"]
    assert rows[2]["label"] == "religion" and rows[2]["verdict_label"] == "–"
    assert [s["text"] for s in rows[2]["stats"]] == ["–"] * 5
    assert VERDICT_NL == {
        "ok": "Geen aanwijzing voor vertekening",
        "flag": "Gemarkeerd: mogelijke vertekening",
        "insufficient_data": "Te weinig gegevens",
    }
    assert bias_rows(None) == [] and bias_rows({}) == []
