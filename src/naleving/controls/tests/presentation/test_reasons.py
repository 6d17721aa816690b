"""Reasons of hits as Dutch sentences (``presentation.reasons``), on hits the analytics engine really produces."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from naleving.analytics import run_all, run_control
from naleving.analytics.tests.conftest import GOLDEN
from naleving.analytics.tests.conftest import R as GOLDEN_R
from naleving.controls.presentation.reasons import REASON_CODES, reason_nl, reasons_nl
from naleving.controls.tests.presentation.delivery import ANALYTICS_CONTROLS, REPR, R, hit, sentences

# --- The delivery hits what it is made for ---------------------------------------------------------------


def test_the_delivery_hits_one_client_per_case(documents: dict[str, dict[str, Any]]) -> None:
    assert {name: [h["client_id"] for h in d["hits"]] for name, d in documents.items()} == {
        "voertuigen": ["K1"],
        "vermogen": ["K2", "K3"],
        "adresbezetting": ["K4"],
        "kostendelers": ["K5"],
        "brp_adres": ["K6", "K7", "K8"],
    }


def test_every_reason_code_of_the_controls_is_covered_and_produced(
    documents: dict[str, dict[str, Any]],
) -> None:
    in_source = {
        code
        for path in ANALYTICS_CONTROLS.glob("*.py")
        for code in re.findall(r"Reason\(\s*\"([a-z_0-9]+)\"", path.read_text(encoding="utf-8"))
    }
    produced = {r["code"] for d in documents.values() for h in d["hits"] for r in h["reasons"]}
    assert in_source == REASON_CODES
    assert produced == REASON_CODES


# --- Reasons ---------------------------------------------------------------------------------------------


def test_vehicles_in_window(documents: dict[str, dict[str, Any]]) -> None:
    assert sentences(documents["voertuigen"], "K1") == [
        "3 verschillende voertuigen stonden op naam van de cliënt tussen 01-12-2025 en 01-12-2026 "
        "(drempel: 3)."
    ]


def test_vehicles_in_window_singular(delivery: Path) -> None:
    document = run_control("voertuigen", delivery, R, {"min_vehicles": "1"})
    assert sentences(document, "K2") == [
        "1 voertuig stond op naam van de cliënt tussen 01-12-2025 en 01-12-2026 (drempel: 1)."
    ]


def test_balance_above_asset_limit(documents: dict[str, dict[str, Any]]) -> None:
    assert sentences(documents["vermogen"], "K2") == [
        "Het totale saldo op de rekeningen van het huishouden is € 8.000,01; dat is meer dan de "
        "vermogensgrens van € 8.000,00 voor een alleenstaande."
    ]
    assert sentences(documents["vermogen"], "K3") == [
        "Het totale saldo op de rekeningen van het huishouden is € 16.000,01; dat is meer dan de "
        "vermogensgrens van € 16.000,00 voor gehuwden of samenwonenden."
    ]


def test_address_vacant_and_overcrowded(documents: dict[str, dict[str, Any]]) -> None:
    assert [r["code"] for r in hit(documents["adresbezetting"], "K4")["reasons"]] == [
        "address_vacant",
        "address_overcrowded",
    ]
    assert sentences(documents["adresbezetting"], "K4") == [
        "Het adres van de cliënt (A4) staat volgens de BAG leeg.",
        "Op adres A4 staan 3 personen ingeschreven; bij 12 m² per persoon is dat 36 m², meer dan de "
        "oppervlakte van 30,5 m².",
    ]


def test_address_overcrowded_with_a_decimal_parameter(delivery: Path) -> None:
    document = run_control("adresbezetting", delivery, R, {"m2_per_person": "10.5"})
    assert sentences(document, "K4")[1] == (
        "Op adres A4 staan 3 personen ingeschreven; bij 10,5 m² per persoon is dat 31,5 m², meer dan de "
        "oppervlakte van 30,5 m²."
    )


def test_kostendelers_above_applied(documents: dict[str, dict[str, Any]]) -> None:
    assert sentences(documents["kostendelers"], "K5") == [
        "Op adres A5 tellen volgens de BRP 2 personen mee voor de kostendelersnorm (A = 2), maar de "
        "uitkering is berekend met A = 1."
    ]


def test_no_brp_registration(documents: dict[str, dict[str, Any]]) -> None:
    assert sentences(documents["brp_adres"], "K6") == [
        "De cliënt staat op de peildatum niet ingeschreven in de BRP. Er staat ook geen eerdere "
        "inschrijving in de levering."
    ]
    assert sentences(documents["brp_adres"], "K7") == [
        "De cliënt staat op de peildatum niet ingeschreven in de BRP. De laatste inschrijving was op "
        "adres A7, van 01-01-2019 tot 30-06-2026."
    ]


def test_brp_address_differs(documents: dict[str, dict[str, Any]]) -> None:
    assert sentences(documents["brp_adres"], "K8") == [
        "De cliënt staat in de BRP ingeschreven op adres A9 (sinds 15-05-2024), niet op het adres in de "
        "uitkeringsadministratie (A8)."
    ]


def test_every_golden_hit_gets_a_dutch_sentence_without_english() -> None:
    for document in run_all(GOLDEN, GOLDEN_R).values():
        for found in document["hits"]:
            for reason, text in zip(
                found["reasons"],
                reasons_nl(found["reasons"], found["evidence"], document["parameters"]),
                strict=True,
            ):
                assert reason["code"] not in text and reason["text"] not in text
                assert text.endswith(".") and (text[0].isupper() or text[0].isdigit())
                assert not REPR.search(text) and "EUR" not in text


def test_unknown_code_falls_back_to_the_english_text_with_its_code() -> None:
    reason = {"code": "new_check", "text": "something new was found"}
    assert reason_nl(reason, {}, {}) == "new_check: something new was found"
    assert reason_nl({"code": "new_check"}, None, None) == "new_check"
    assert reason_nl({"text": "only text"}, {}, {}) == "only text"
    assert reason_nl({}, {}, {}) == "Onbekende reden."
    assert reason_nl(None) == "Onbekende reden."


@pytest.mark.parametrize("code", sorted(REASON_CODES))
@pytest.mark.parametrize(
    "evidence",
    [
        None,
        {},
        {"persons_registered": "veel", "household_balance": "n.v.t.", "computed_a": None, "brp": "x"},
        {"addresses": [None, 3], "vehicles": [1, 2], "window": "2025", "household": [], "brp": [{}]},
    ],
)
def test_a_known_code_with_missing_or_odd_evidence_still_gives_dutch(code: str, evidence: Any) -> None:
    text = reason_nl({"code": code, "text": "english"}, evidence, {"min_vehicles": None})
    assert text and "english" not in text and code not in text
    assert text.endswith(".") and not REPR.search(text)


def test_missing_evidence_gives_the_general_sentence_or_a_shorter_one() -> None:
    assert reason_nl({"code": "balance_above_asset_limit"}, {}, {}) == (
        "Het saldo van het huishouden is hoger dan de vermogensgrens."
    )
    # the limit comes from the run parameters when the evidence lacks it
    assert reason_nl(
        {"code": "balance_above_asset_limit"},
        {"household": {"household_type": "alleenstaande_ouder"}, "household_balance": "16000.5"},
        {"asset_limits": {"alleenstaande_ouder": "16000.00"}},
    ) == (
        "Het totale saldo op de rekeningen van het huishouden is € 16.000,50; dat is meer dan de "
        "vermogensgrens van € 16.000,00 voor een alleenstaande ouder."
    )
    assert reason_nl(
        {"code": "vehicles_in_window"}, {"vehicles": [{"plate": "A"}, {"plate": "B"}, {"plate": "A"}]}, {}
    ) == ("2 verschillende voertuigen stonden op naam van de cliënt in het jaar tot en met de peildatum.")
    assert reason_nl({"code": "address_overcrowded"}, {"persons_registered": 1}, {}) == (
        "Op het adres van de cliënt staat 1 persoon ingeschreven, meer dan de oppervlakte van de woning "
        "toelaat."
    )
    assert (
        reason_nl({"code": "address_vacant"}, {}, {}) == "Het adres van de cliënt staat volgens de BAG leeg."
    )
    assert reason_nl({"code": "no_brp_registration"}, {"brp": []}, {}) == (
        "De cliënt staat op de peildatum niet ingeschreven in de BRP."
    )


def test_reasons_nl_keeps_order_and_tolerates_odd_input() -> None:
    reasons = [{"code": "address_vacant", "text": "x"}, {"code": "other", "text": "y"}, "plain"]
    assert reasons_nl(reasons, {"address_id": "A1"}, {}) == [
        "Het adres van de cliënt (A1) staat volgens de BAG leeg.",
        "other: y",
        "plain",
    ]
    assert reasons_nl(None, None, None) == []
