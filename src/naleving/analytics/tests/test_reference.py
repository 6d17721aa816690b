"""Random small deliveries, with dates and amounts crowded around every boundary, give the same hits in
the engine as in a plain-Python reading of datasets.md (written here independently, for clarity not speed)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naleving import rules
from naleving.analytics import run_all
from naleving.analytics.schema import FILES
from naleving.analytics.tests.conftest import write_rows
from naleving.analytics.tests.synthetic import bsn_numbers

R = date(2026, 3, 1)
HOUSEHOLDS = ("alleenstaande", "alleenstaande_ouder", "gehuwden")


@dataclass
class Delivery:
    clients: list[dict[str, str]]
    brp: list[dict[str, str]]
    addresses: list[dict[str, str]]
    vehicles: list[dict[str, str]]
    balances: list[dict[str, str]]


def near(rng: random.Random, day: date, spread: int = 2) -> date:
    return day + timedelta(days=rng.randint(-spread, spread))


def years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years)


def brp_rows(rng: random.Random, bsn: str, birth: date, addresses: list[str]) -> list[dict[str, str]]:
    """0 to 3 consecutive, non-overlapping registrations, their boundaries near R."""
    rows, start = [], date(2010, 1, 1)
    for _ in range(rng.randint(0, 3)):
        end = rng.choice([None, near(rng, R), near(rng, R - timedelta(days=40))])
        if end is not None and end <= start:
            end = start + timedelta(days=1)
        flags = {"study_finance": rng.random() < 0.2, "commercial_tenant": rng.random() < 0.2}
        rows.append(
            {"bsn": bsn, "birth_date": birth.isoformat(), "address_id": rng.choice(addresses),
             "registered_from": start.isoformat(), "registered_to": end.isoformat() if end else ""}
            | {k: str(v).lower() for k, v in flags.items()}
        )  # fmt: skip
        if end is None:
            break
        start = end
    return rows


def generate(seed: int) -> Delivery:
    rng = random.Random(seed)
    people = bsn_numbers(20_000_000 + seed % 1000 * 1000, 24)
    births = {
        b: years_before(R, rng.choice([20, 21, 26, 27, 40])) + timedelta(days=rng.randint(-1, 1))
        for b in people
    }
    addresses = [f"A{i}" for i in range(6)]
    delivery = Delivery([], [], [], [], [])
    for a in addresses:
        area = rng.choice(["0", "24", "35", "36", "48", "100"])
        delivery.addresses.append(
            {"address_id": a, "postcode": "9700AA", "house_number": "1", "district": "x", "floor_area_m2": area,
             "vacant": str(rng.random() < 0.15).lower()}
        )  # fmt: skip
    for bsn in people:
        delivery.brp += brp_rows(rng, bsn, births[bsn], addresses)
        for _ in range(rng.randint(0, 4)):
            end = rng.choice([None, near(rng, R - timedelta(days=365)), near(rng, R)])
            start = min(end, near(rng, R - timedelta(days=300), 400)) if end else near(rng, R, 3)
            delivery.vehicles.append(
                {"bsn": bsn, "plate": f"P{rng.randint(0, 3)}", "registered_from": start.isoformat(),
                 "registered_to": end.isoformat() if end else ""}
            )  # fmt: skip
    delivery.vehicles = list(
        {(v["bsn"], v["plate"], v["registered_from"]): v for v in delivery.vehicles}.values()
    )
    for i, bsn in enumerate(people[:12]):
        household = rng.choice(HOUSEHOLDS)
        partner = rng.choice(people[12:]) if household == "gehuwden" else ""
        start = near(rng, R, 1) if rng.random() < 0.3 else date(2020, 1, 1)
        end = rng.choice(["", max(start, near(rng, R, 1)).isoformat()])
        delivery.clients.append(
            {"client_id": f"C{i:02d}", "bsn": bsn, "birth_date": births[bsn].isoformat(), "sex": "V",
             "household_type": household, "partner_bsn": partner, "kostendelers_applied": str(rng.randint(1, 2)),
             "address_id": rng.choice(addresses), "district": "x", "regulation": "Pw",
             "benefit_start": start.isoformat(),
             "benefit_end": end}
        )  # fmt: skip
        for account in range(rng.randint(0, 2)):
            for holder in {bsn, partner} - {""}:
                for day in (near(rng, R, 1), date(2025, 12, 31)):
                    delivery.balances.append(
                        {"bsn": holder, "account_id": f"NL{i}{account}", "reference_date": day.isoformat(),
                         "balance": rng.choice(["-100.00", "3999.99", "4000.00", "8000.00", "8000.01", "16000.01"])}
                    )  # fmt: skip
    # A joint account must have one balance per date: keep the first listing's balance for both holders.
    first: dict[tuple[str, str], str] = {}
    unique = {(b["bsn"], b["account_id"], b["reference_date"]): b for b in delivery.balances}
    delivery.balances = list(unique.values())
    for b in delivery.balances:
        b["balance"] = first.setdefault((b["account_id"], b["reference_date"]), b["balance"])
    return delivery


def day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def age(birth: str, on: date) -> int:
    born = date.fromisoformat(birth)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def holds(registration: dict[str, str]) -> bool:
    end = day(registration["registered_to"])
    return date.fromisoformat(registration["registered_from"]) <= R and (end is None or end > R)


def reference(d: Delivery) -> dict[str, set[str]]:
    active = [
        c for c in d.clients
        if date.fromisoformat(c["benefit_start"]) <= R and (not c["benefit_end"] or day(c["benefit_end"]) >= R)
    ]  # fmt: skip
    return {
        "voertuigen": {c["client_id"] for c in active if vehicles(d, c) >= 3},
        "vermogen": {
            c["client_id"] for c in active if balance(d, c) > rules.asset_limit(c["household_type"], R)
        },
        "adresbezetting": {c["client_id"] for c in active if occupied(d, c)},
        "kostendelers": {
            c["client_id"] for c in active if cost_sharers(d, c) > int(c["kostendelers_applied"])
        },
        "brp_adres": {c["client_id"] for c in active if brp_differs(d, c)},
    }


def vehicles(d: Delivery, c: dict[str, str]) -> int:
    start = R - timedelta(days=365)
    return len({
        v["plate"] for v in d.vehicles
        if v["bsn"] == c["bsn"] and date.fromisoformat(v["registered_from"]) <= R
        and (not v["registered_to"] or date.fromisoformat(v["registered_to"]) >= start)
    })  # fmt: skip


def balance(d: Delivery, c: dict[str, str]) -> Decimal:
    latest: dict[str, dict[str, str]] = {}
    for b in d.balances:
        if b["bsn"] in {c["bsn"], c["partner_bsn"]} and date.fromisoformat(b["reference_date"]) <= R:
            known = latest.get(b["account_id"])
            if known is None or b["reference_date"] > known["reference_date"]:
                latest[b["account_id"]] = b
    return sum((Decimal(b["balance"]) for b in latest.values()), Decimal(0))


def occupied(d: Delivery, c: dict[str, str]) -> bool:
    address = next(a for a in d.addresses if a["address_id"] == c["address_id"])
    persons = len({b["bsn"] for b in d.brp if b["address_id"] == c["address_id"] and holds(b)})
    area = Decimal(address["floor_area_m2"])
    return address["vacant"] == "true" or (area > 0 and persons * 12 > area)


def cost_sharers(d: Delivery, c: dict[str, str]) -> int:
    count = 0
    for b in d.brp:
        if b["address_id"] != c["address_id"] or not holds(b):
            continue
        years = age(b["birth_date"], R)
        if b["bsn"] == c["bsn"]:
            count += 1
        elif b["bsn"] == c["partner_bsn"]:
            count += years >= 21
        else:
            count += years >= 27 and b["study_finance"] == "false" and b["commercial_tenant"] == "false"
    return count


def brp_differs(d: Delivery, c: dict[str, str]) -> bool:
    holding = [b for b in d.brp if b["bsn"] == c["bsn"] and holds(b)]
    return not holding or holding[0]["address_id"] != c["address_id"]


def write(d: Delivery, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, schema in FILES.items():
        rows = getattr(d, name)
        write_rows(
            folder / f"{name}.csv",
            list(schema.column_names),
            [[r[c] for c in schema.column_names] for r in rows],
        )
    return folder


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000))
def test_engine_equals_the_reference(tmp_path_factory: pytest.TempPathFactory, seed: int) -> None:
    delivery = generate(seed)
    documents = run_all(write(delivery, tmp_path_factory.mktemp("random")), R)
    found = {name: {h["client_id"] for h in document["hits"]} for name, document in documents.items()}
    assert found == reference(delivery)
