"""The hand-made delivery that the tests of the Dutch presentation of control results run the analytics
engine over, and the helpers they share.

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

import re
from datetime import date
from pathlib import Path
from typing import Any

from naleving.analytics.schema import FILES
from naleving.analytics.tests.synthetic import bsn_numbers
from naleving.controls.presentation.reasons import reasons_nl

R = date(2026, 12, 1)
ANALYTICS_CONTROLS = Path(__file__).resolve().parents[3] / "analytics" / "controls"

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
