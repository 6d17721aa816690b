"""The Dutch presentation of control results, on hits the analytics engine really produces.

A tiny hand-made delivery (written to tmp_path) has one client per reason code; R = 2026-12-01, so the
vehicle window is 01-12-2025 t/m 01-12-2026 and the asset limits of 2026 (EUR 8,000 / 16,000) apply.

| client | what it is for | reason(s) |
|---|---|---|
| K1 | 3 plates in the window (one ends on R - 365 days) | vehicles_in_window |
| K2 | alleenstaande, EUR 8,000.01 (an older row superseded); 1 plate | balance_above_asset_limit |
| K3 | gehuwden: 10,000.00 + 7,500.01 - 1,500.00 over client and partner | balance_above_asset_limit |
| K4 | vacant, 30.5 m2, 3 persons (2 housemates who do not count) | address_vacant, address_overcrowded |
| K5 | housemate turning 27 on R and one of 19 | kostendelers_above_applied |
| K6 | never registered in the BRP | no_brp_registration |
| K7 | BRP registration ended before R | no_brp_registration |
| K8 | BRP registration at another address | brp_address_differs |
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from naleving.analytics import run_all, run_control
from naleving.analytics.population import AGE_BANDS, UNDER_18
from naleving.analytics.schema import FILES, HOUSEHOLD_TYPES, SEXES
from naleving.analytics.tests.conftest import GOLDEN
from naleving.analytics.tests.conftest import R as GOLDEN_R
from naleving.analytics.tests.synthetic import bsn_numbers
from naleving.controls.presentation.bias import ATTRIBUTE_NL, VERDICT_NL, bias_rows, group_nl
from naleving.controls.presentation.evidence import evidence_sections, parameters_nl
from naleving.controls.presentation.reasons import REASON_CODES, reason_nl, reasons_nl
from naleving.controls.presentation.values import (
    format_date,
    format_money,
    format_number,
    format_p_value,
    format_rate,
)

R = date(2026, 12, 1)
ANALYTICS_CONTROLS = Path(__file__).resolve().parents[2] / "analytics" / "controls"

(B1, B2, B3, B3P, B4, B4A, B4B, B5, B5A, B5B, B6, B7, B8) = bsn_numbers(20_000_000, 13)
OPEN = ""


def client(
    client_id: str,
    bsn: str,
    address: str,
    *,
    household: str = "alleenstaande",
    partner: str = "",
    applied: int = 1,
    sex: str = "M",
    birth: str = "1980-05-05",
    district: str = "Noord",
) -> dict[str, str]:
    return {
        "client_id": client_id,
        "bsn": bsn,
        "birth_date": birth,
        "sex": sex,
        "household_type": household,
        "partner_bsn": partner,
        "kostendelers_applied": str(applied),
        "address_id": address,
        "district": district,
        "regulation": "Pw",
        "benefit_start": "2020-01-01",
        "benefit_end": OPEN,
    }


def brp(
    bsn: str,
    address: str,
    *,
    birth: str = "1980-05-05",
    start: str = "2010-01-01",
    end: str = OPEN,
    study: bool = False,
    commercial: bool = False,
) -> dict[str, str]:
    return {
        "bsn": bsn,
        "birth_date": birth,
        "address_id": address,
        "registered_from": start,
        "registered_to": end,
        "study_finance": str(study).lower(),
        "commercial_tenant": str(commercial).lower(),
    }


def address(address_id: str, area: str = "100", *, vacant: bool = False) -> dict[str, str]:
    return {
        "address_id": address_id,
        "postcode": "9711AA",
        "house_number": address_id[1:],
        "district": "Noord",
        "floor_area_m2": area,
        "vacant": str(vacant).lower(),
    }


def vehicle(bsn: str, plate: str, start: str, end: str = OPEN) -> dict[str, str]:
    return {"bsn": bsn, "plate": plate, "registered_from": start, "registered_to": end}


def balance(bsn: str, account: str, day: str, amount: str) -> dict[str, str]:
    return {"bsn": bsn, "account_id": account, "reference_date": day, "balance": amount}


DELIVERY: dict[str, list[dict[str, str]]] = {
    "clients": [
        client("K1", B1, "A1"),
        client("K2", B2, "A2", sex="V", district="Zuid"),
        client("K3", B3, "A3", household="gehuwden", partner=B3P, applied=2, birth="1960-01-01"),
        client("K4", B4, "A4", sex="X", birth="2000-02-02"),
        client("K5", B5, "A5", household="alleenstaande_ouder", sex="V"),
        client("K6", B6, "A6", district="Zuid"),
        client("K7", B7, "A7"),
        client("K8", B8, "A8", sex="V"),
    ],
    "brp": [
        brp(B1, "A1"),
        brp(B2, "A2"),
        brp(B3, "A3", birth="1960-01-01"),
        brp(B3P, "A3", birth="1962-01-01"),
        brp(B4, "A4", birth="2000-02-02"),
        brp(B4A, "A4", birth="1990-01-01", start="2020-01-01", study=True),
        brp(B4B, "A4", birth="1985-01-01", start="2021-01-01", commercial=True),
        brp(B5, "A5"),
        brp(B5A, "A5", birth="1999-12-01", start="2018-01-01"),
        brp(B5B, "A5", birth="2007-06-01", start="2018-01-01"),
        brp(B7, "A7", start="2019-01-01", end="2026-06-30"),
        brp(B8, "A8", start="2015-01-01", end="2024-05-15"),
        brp(B8, "A9", start="2024-05-15"),
    ],
    "addresses": [
        address("A1"),
        address("A2"),
        address("A3"),
        address("A4", "30.50", vacant=True),
        address("A5"),
        address("A6"),
        address("A7"),
        address("A8"),
        address("A9"),
    ],
    "vehicles": [
        vehicle(B1, "AA-11-BB", "2025-01-01", "2025-12-01"),
        vehicle(B1, "CC-22-DD", "2026-02-01"),
        vehicle(B1, "EE-33-FF", "2026-06-01", "2026-09-01"),
        vehicle(B2, "GG-44-HH", "2026-03-01"),
    ],
    "balances": [
        balance(B2, "NL01", "2026-01-31", "120.00"),
        balance(B2, "NL01", "2026-11-30", "8000.01"),
        balance(B3, "NL02", "2026-11-01", "10000.00"),
        balance(B3P, "NL03", "2026-10-15", "7500.01"),
        balance(B3P, "NL04", "2026-10-15", "-1500.00"),
    ],
}


def write_delivery(target: Path, files: dict[str, list[dict[str, str]]]) -> Path:
    """Write the five delivery files (CSV, header row) to `target`."""
    target.mkdir()
    for name, schema in FILES.items():
        header = list(schema.column_names)
        lines = [",".join(header)] + [",".join(row.get(c, "") for c in header) for row in files.get(name, [])]
        (target / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def delivery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_delivery(tmp_path_factory.mktemp("presentation") / "delivery", DELIVERY)


@pytest.fixture(scope="module")
def documents(delivery: Path) -> dict[str, dict[str, Any]]:
    return run_all(delivery, R)


def hit(document: dict[str, Any], client_id: str) -> dict[str, Any]:
    return next(h for h in document["hits"] if h["client_id"] == client_id)


def sentences(document: dict[str, Any], client_id: str) -> list[str]:
    found = hit(document, client_id)
    return reasons_nl(found["reasons"], found["evidence"], document["parameters"])


def section(sections: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(s for s in sections if s["key"] == key)


def texts_of(sections: list[dict[str, Any]]) -> list[str]:
    """Every piece of text a template would show: labels, texts, headers and cells."""
    found = []
    for s in sections:
        found.append(s["label"])
        found.extend([s["text"]] if "text" in s else [*s["columns"], *(c for row in s["rows"] for c in row)])
    return found


REPR = re.compile(r"[{}\[\]]|\bTrue\b|\bFalse\b|\bNone\b|\bnull\b")


def assert_readable(sections: list[dict[str, Any]]) -> None:
    for s in sections:
        assert set(s) in ({"key", "label", "text"}, {"key", "label", "columns", "rows"}), s
        if "rows" in s:
            assert all(len(row) == len(s["columns"]) for row in s["rows"]), s
    for text in texts_of(sections):
        assert isinstance(text, str) and text, sections
        assert not REPR.search(text), text


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


# --- Evidence --------------------------------------------------------------------------------------------


def test_vehicle_evidence(documents: dict[str, dict[str, Any]]) -> None:
    sections = evidence_sections(hit(documents["voertuigen"], "K1")["evidence"])
    assert [(s["label"], s.get("text")) for s in sections] == [
        ("BSN", B1),
        ("Venster", "01-12-2025 t/m 01-12-2026"),
        ("Aantal verschillende kentekens", "3"),
        ("Voertuigen op naam (RDW)", None),
    ]
    vehicles = section(sections, "vehicles")
    assert vehicles["columns"] == ["Regel in bestand", "Kenteken", "Ingeschreven vanaf", "Ingeschreven tot"]
    assert vehicles["rows"] == [
        ["1", "AA-11-BB", "01-01-2025", "01-12-2025"],
        ["2", "CC-22-DD", "01-02-2026", "–"],
        ["3", "EE-33-FF", "01-06-2026", "01-09-2026"],
    ]


def test_asset_evidence(documents: dict[str, dict[str, Any]]) -> None:
    sections = evidence_sections(hit(documents["vermogen"], "K3")["evidence"])
    assert [s["key"] for s in sections] == ["household", "household_balance", "asset_limit", "balances"]
    household = section(sections, "household")
    assert household["label"] == "Huishouden"
    assert household["columns"] == ["BSN", "BSN partner", "Huishoudtype"]
    assert household["rows"] == [[B3, B3P, "Gehuwden / samenwonenden"]]
    assert section(sections, "household_balance") == {
        "key": "household_balance",
        "label": "Saldo huishouden",
        "text": "€ 16.000,01",
    }
    assert section(sections, "asset_limit")["text"] == "€ 16.000,00"
    balances = section(sections, "balances")
    assert balances["columns"] == ["Regel in bestand", "BSN", "Rekening", "Peildatum saldo", "Saldo"]
    assert balances["rows"] == [
        ["3", B3, "NL02", "01-11-2026", "€ 10.000,00"],
        ["4", B3P, "NL03", "15-10-2026", "€ 7.500,01"],
        ["5", B3P, "NL04", "15-10-2026", "€ -1.500,00"],
    ]
    single = evidence_sections(hit(documents["vermogen"], "K2")["evidence"])
    assert section(single, "household")["rows"] == [[B2, "–", "Alleenstaande"]]


def test_address_evidence(documents: dict[str, dict[str, Any]]) -> None:
    sections = evidence_sections(hit(documents["adresbezetting"], "K4")["evidence"])
    assert [s["key"] for s in sections] == ["address_id", "addresses", "persons_registered", "brp"]
    assert section(sections, "address_id") == {
        "key": "address_id",
        "label": "Adres in uitkeringsadministratie (id)",
        "text": "A4",
    }
    addresses = section(sections, "addresses")
    assert addresses["columns"] == ["Regel in bestand", "Oppervlakte (m²)", "Leegstand"]
    assert addresses["rows"] == [["4", "30,5", "ja"]]
    assert section(sections, "persons_registered")["text"] == "3"
    registrations = section(sections, "brp")
    assert registrations["columns"] == ["Regel in bestand", "BSN", "Ingeschreven vanaf", "Ingeschreven tot"]
    assert [row[1] for row in registrations["rows"]] == [B4, B4A, B4B]


def test_kostendelers_evidence(documents: dict[str, dict[str, Any]]) -> None:
    sections = evidence_sections(hit(documents["kostendelers"], "K5")["evidence"])
    assert [(s["label"], s.get("text")) for s in sections] == [
        ("Adres in uitkeringsadministratie (id)", "A5"),
        ("Toegepast aantal kostendelers (A)", "1"),
        ("Berekend aantal kostendelers (A)", "2"),
        ("Inschrijvingen op de peildatum (BRP)", None),
    ]
    registrations = section(sections, "brp")
    assert registrations["columns"] == [
        "Regel in bestand",
        "BSN",
        "Geboortedatum",
        "Leeftijd op peildatum",
        "Studiefinanciering",
        "Commerciële huurder",
        "Rol",
        "Telt mee",
    ]
    assert registrations["rows"] == [
        ["8", B5, "05-05-1980", "46", "nee", "nee", "Cliënt", "ja"],
        ["9", B5A, "01-12-1999", "27", "nee", "nee", "Kostendeler", "ja"],
        ["10", B5B, "01-06-2007", "19", "nee", "nee", "Huisgenoot jonger dan 27", "nee"],
    ]


def test_brp_evidence(documents: dict[str, dict[str, Any]]) -> None:
    never = evidence_sections(hit(documents["brp_adres"], "K6")["evidence"])
    assert [(s["label"], s.get("text")) for s in never] == [
        ("Adres in uitkeringsadministratie (id)", "A6"),
        ("Inschrijvingen op de peildatum (BRP)", "geen"),
        ("Laatste eerdere inschrijving (BRP)", "geen"),
    ]
    ended = section(
        evidence_sections(hit(documents["brp_adres"], "K7")["evidence"]), "last_registration_before"
    )
    assert ended["columns"] == ["Regel in bestand", "Adres (id)", "Ingeschreven vanaf", "Ingeschreven tot"]
    assert ended["rows"] == [["11", "A7", "01-01-2019", "30-06-2026"]]
    differs = section(evidence_sections(hit(documents["brp_adres"], "K8")["evidence"]), "brp")
    assert differs["rows"] == [["13", "A9", "15-05-2024", "–"]]


def test_no_raw_values_in_any_section(documents: dict[str, dict[str, Any]]) -> None:
    golden = run_all(GOLDEN, GOLDEN_R)
    for document in [*documents.values(), *golden.values()]:
        for found in document["hits"]:
            assert_readable(evidence_sections(found["evidence"]))


def test_order_does_not_depend_on_the_key_order_of_the_json(documents: dict[str, dict[str, Any]]) -> None:
    # PostgreSQL jsonb does not keep key order; reversed keys must give the same sections
    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse(value[k]) for k in reversed(list(value))}
        if isinstance(value, list):
            return [reverse(v) for v in value]
        return value

    for document in documents.values():
        for found in document["hits"]:
            evidence = found["evidence"]
            assert evidence_sections(reverse(evidence)) == evidence_sections(evidence)
            assert evidence_sections(json.loads(json.dumps(evidence, sort_keys=True))) == evidence_sections(
                evidence
            )
        assert bias_rows(reverse(document["bias"])) == bias_rows(document["bias"])
        assert parameters_nl(reverse(document["parameters"])) == parameters_nl(document["parameters"])


def test_unknown_and_odd_evidence_is_still_readable() -> None:
    sections = evidence_sections(
        {
            "new_key": True,
            "address_id": None,
            "notes": ["a", "b"],
            "nested": {"inner": {"bsn": "1", "vacant": False}, "list": [1, 2]},
            "items": [{"plate": "X", "extra": None}, {"plate": "Y", "extra": {"deep": [True]}}],
            "empty_list": [],
        }
    )
    assert_readable(sections)
    assert section(sections, "new_key") == {"key": "new_key", "label": "new_key", "text": "ja"}
    assert section(sections, "address_id")["text"] == "–"
    assert section(sections, "notes")["text"] == "a, b"
    assert section(sections, "nested")["text"] == "inner: BSN: 1; Leegstand: nee; list: 1, 2"
    assert section(sections, "items")["columns"] == ["Kenteken", "extra"]
    assert section(sections, "items")["rows"] == [["X", "–"], ["Y", "deep: ja"]]
    assert section(sections, "empty_list")["text"] == "geen"
    assert evidence_sections(None) == []
    assert evidence_sections({}) == []


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


# --- Parameters and formats ------------------------------------------------------------------------------


def test_parameters_of_real_runs(documents: dict[str, dict[str, Any]]) -> None:
    assert parameters_nl(documents["voertuigen"]["parameters"]) == [
        ("Minimum aantal voertuigen", "3"),
        ("Minimale groepsgrootte biascheck", "30"),
    ]
    assert parameters_nl(documents["adresbezetting"]["parameters"]) == [
        ("m² per persoon", "12"),
        ("Minimale groepsgrootte biascheck", "30"),
    ]
    assert parameters_nl(documents["vermogen"]["parameters"]) == [
        (
            "Vermogensgrenzen",
            "Alleenstaande: € 8.000,00; Alleenstaande ouder: € 16.000,00; "
            "Gehuwden / samenwonenden: € 16.000,00",
        ),
        ("Minimale groepsgrootte biascheck", "30"),
    ]


def test_parameters_odd_input() -> None:
    assert parameters_nl({"zeta": [1, 2], "m2_per_person": "12.50", "alpha": None, "flag": True}) == [
        ("m² per persoon", "12,5"),
        ("alpha", "–"),
        ("flag", "ja"),
        ("zeta", "1, 2"),
    ]
    assert parameters_nl({"asset_limits": "n.v.t."}) == [("Vermogensgrenzen", "n.v.t.")]
    assert parameters_nl(None) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("8000.01", "€ 8.000,01"),
        ("16000", "€ 16.000,00"),
        ("-1500.00", "€ -1.500,00"),
        ("1234567.895", "€ 1.234.567,90"),
        ("0", "€ 0,00"),
        (None, "–"),
        ("n.v.t.", "n.v.t."),
    ],
)
def test_format_money(value: object, expected: str) -> None:
    assert format_money(value) == expected


def test_other_formats() -> None:
    assert format_date("2026-03-01") == "01-03-2026"
    assert format_date(date(2025, 12, 1)) == "01-12-2025"
    assert format_date(None) == format_date("") == "–"
    assert format_date("later") == "later"
    assert [format_number(v) for v in ("100.00", "35.5", "1250", 12, "0.01")] == [
        "100",
        "35,5",
        "1.250",
        "12",
        "0,01",
    ]
    assert format_rate(1 / 3) == "33,3%" and format_rate(None) == "–"
    assert format_p_value(0.04999) == "0,0500" and format_p_value(None) == "–"
