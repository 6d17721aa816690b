"""Evidence of hits and parameters of runs in Dutch (``presentation.evidence``)."""

from __future__ import annotations

import json
from typing import Any

from naleving.analytics import run_all
from naleving.analytics.tests.conftest import GOLDEN
from naleving.analytics.tests.conftest import R as GOLDEN_R
from naleving.controls.presentation.bias import bias_rows
from naleving.controls.presentation.evidence import evidence_sections, parameters_nl
from naleving.controls.tests.presentation.delivery import (
    B1,
    B2,
    B3,
    B3P,
    B4,
    B4A,
    B4B,
    B5,
    B5A,
    B5B,
    assert_readable,
    hit,
    section,
)

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
