"""A small seeded synthetic delivery for the bias tests: a few thousand clients whose vehicles and balances
depend on sex and district, so the selection rates differ between groups (and some groups are tiny)."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from naleving.analytics.schema import FILES

SEXES = ("M", "V", "X")
HOUSEHOLDS = ("alleenstaande", "alleenstaande_ouder", "gehuwden")
DISTRICTS = ("Centrum", "Noord", "Oost", "Zuid", "West", "Haren")  # Haren is small (< 30 clients)


def bsn_numbers(start: int, count: int) -> list[str]:
    found: list[str] = []
    number = start
    while len(found) < count:
        digits = str(number)
        check = sum((9 - i) * int(d) for i, d in enumerate(digits)) % 11
        if check < 10:
            found.append(digits + str(check))
        number += 1
    return found


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def write_delivery(target: Path, clients: int = 3000, seed: int = 1) -> Path:
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    bsns = bsn_numbers(10_000_000, clients)
    client_rows, brp_rows, vehicle_rows, balance_rows = [], [], [], []
    for i, bsn in enumerate(bsns):
        sex = rng.choices(SEXES, weights=(48, 48, 4))[0]
        district = "Haren" if i % 150 == 0 else rng.choice(DISTRICTS[:5])
        household = rng.choice(HOUSEHOLDS)
        birth = _day(rng, date(1950, 1, 1), date(2007, 1, 1))
        end = "" if rng.random() < 0.9 else _day(rng, date(2025, 1, 1), date(2027, 1, 1)).isoformat()
        client_rows.append(
            [
                f"K{i:05d}",
                bsn,
                birth.isoformat(),
                sex,
                household,
                "",
                "1",
                f"A{i}",
                district,
                "Pw",
                "2020-01-01",
                end,
            ]
        )
        if (
            rng.random() < 0.95
        ):  # about 5% have no BRP registration: brp_adres hits, independent of the attributes
            brp_rows.append([bsn, birth.isoformat(), f"A{i}", "2015-01-01", "", "false", "false"])
        cars = rng.randrange(5) if sex == "M" or district == "Zuid" else rng.randrange(3)
        for c in range(cars):
            vehicle_rows.append(
                [bsn, f"P{i}-{c}", _day(rng, date(2025, 1, 1), date(2026, 2, 1)).isoformat(), ""]
            )
        balance = rng.randrange(0, 12_000 if district == "Noord" else 9_000)
        balance_rows.append([bsn, f"NL{i}", "2026-01-31", f"{balance}.{rng.randrange(100):02d}"])
    _write(
        target / "clients.csv",
        list(FILES["clients"].column_names),
        client_rows,
    )
    _write(
        target / "brp.csv",
        list(FILES["brp"].column_names),
        brp_rows,
    )
    _write(
        target / "addresses.csv",
        list(FILES["addresses"].column_names),
        [[f"A{i}", "9700AA", str(i), "x", "60", "true" if i % 97 == 0 else "false"] for i in range(clients)],
    )
    _write(target / "vehicles.csv", list(FILES["vehicles"].column_names), vehicle_rows)
    _write(target / "balances.csv", list(FILES["balances"].column_names), balance_rows)
    return target
