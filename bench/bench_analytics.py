"""Theme controls at municipal scale: naleving.analytics (DuckDB) against a plain pandas implementation.

Generates a seeded synthetic municipality as Parquet in a temporary folder: 1,000,000 BRP residents,
40,000 active clients (plus former clients), 600,000 vehicle registrations and 60,000 bank accounts, then
runs all five controls with their bias checks through the engine (`run_all`: reading, full validation,
evidence, bias, JSON-ready documents) and through `pandas_run_all` below (reading, the same selections and
bias numbers; no validation, no evidence). Checks that both select the same clients and prints both times
and their ratio. Target: the engine under 10 seconds on 2 cores, and faster than pandas.

    python -m bench analytics
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from scipy.stats import chi2_contingency

from naleving import rules
from naleving.analytics import run_all, run_controls

R = date(2026, 3, 1)
SEED = 2026
RESIDENTS = 1_000_000
CLIENTS = 40_000  # active on R
FORMER_CLIENTS = 4_000  # benefit ended before R
VEHICLES = 600_000
ACCOUNTS = 60_000
ADDRESSES = 450_000
DISTRICTS = np.array([f"Wijk {i:02d}" for i in range(1, 13)])
HOUSEHOLDS = np.array(["alleenstaande", "alleenstaande_ouder", "gehuwden"])
MIN_GROUP_SIZE = 30


# --- the synthetic municipality ------------------------------------------------------------------------


def days(rng: np.random.Generator, first: date, last: date, size: int) -> np.ndarray:
    """Random dates in [first, last] as datetime64[D]."""
    offsets = rng.integers(0, (last - first).days + 1, size=size)
    return np.datetime64(first, "D") + offsets.astype("timedelta64[D]")


def bsn_numbers(rng: np.random.Generator, count: int) -> np.ndarray:
    """`count` distinct 9-digit BSNs that pass the elfproef, in random order."""
    prefixes = np.unique(rng.integers(10_000_000, 100_000_000, size=int(count * 1.3)))
    rng.shuffle(prefixes)
    digits = (prefixes[:, None] // 10 ** np.arange(7, -1, -1)) % 10
    check = (digits * np.arange(9, 1, -1)).sum(axis=1) % 11
    valid = check < 10
    return (prefixes[valid][:count] * 10 + check[valid][:count]).astype(str)


def ids(prefix: str, count: int) -> np.ndarray:
    return np.char.add(prefix, np.char.zfill(np.arange(count).astype(str), 7))


def write(columns: dict[str, object], path: Path) -> int:
    table = pa.table(columns)
    pq.write_table(table, path)
    return table.num_rows


class Town:
    """Residents with a birth date and an address index; the first clients are residents 0..n-1."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.bsn = bsn_numbers(rng, RESIDENTS)
        self.birth = days(rng, date(1935, 1, 1), date(2025, 12, 31), RESIDENTS)
        self.clients = CLIENTS + FORMER_CLIENTS
        self.birth[: self.clients] = days(rng, date(1940, 1, 1), date(2007, 12, 31), self.clients)
        # Clients live at addresses 0..clients-1; everybody else at the other addresses.
        self.address = rng.integers(self.clients, ADDRESSES, size=RESIDENTS)
        self.address[: self.clients] = np.arange(self.clients)
        adult = self.birth <= np.datetime64(R - timedelta(days=365 * 28), "D")
        child = self.birth > np.datetime64(R - timedelta(days=365 * 17), "D")
        others = np.arange(self.clients, RESIDENTS)
        self.adults = rng.permutation(others[adult[self.clients :]])
        self.children = rng.permutation(others[child[self.clients :]])
        self.household = rng.choice(HOUSEHOLDS, size=self.clients, p=[0.6, 0.15, 0.25])
        self.partner = np.full(self.clients, -1)
        self.study = np.zeros(RESIDENTS, dtype=bool)
        self.commercial = np.zeros(RESIDENTS, dtype=bool)
        self._households()

    def _households(self) -> None:
        """Partners, a few adult housemates (some students or commercial tenants) and children."""
        rng, n = self.rng, self.clients
        couples = np.flatnonzero(self.household == "gehuwden")
        partners, self.adults = self.adults[: len(couples)], self.adults[len(couples) :]
        self.partner[couples] = partners
        self.address[partners] = couples
        sharing = np.flatnonzero(rng.random(n) < 0.08)
        mates, self.adults = self.adults[: len(sharing)], self.adults[len(sharing) :]
        self.address[mates] = sharing
        self.study[mates] = rng.random(len(mates)) < 0.15
        self.commercial[mates] = rng.random(len(mates)) < 0.1
        parents = np.flatnonzero(self.household == "alleenstaande_ouder")
        homes = np.repeat(parents, rng.integers(1, 4, size=len(parents)))
        kids = self.children[: len(homes)]
        self.address[kids] = homes[: len(kids)]


def write_brp(town: Town, folder: Path) -> int:
    rng = town.rng
    start = days(rng, date(2000, 1, 1), date(2025, 12, 31), RESIDENTS)
    start = np.maximum(start, town.birth)
    address = town.address.copy()
    end = np.full(RESIDENTS, np.datetime64("NaT"), dtype="datetime64[D]")
    clients = np.arange(CLIENTS)
    moved = clients[rng.random(CLIENTS) < 0.03]  # BRP address differs from the benefit administration
    address[moved] = rng.integers(town.clients, ADDRESSES, size=len(moved))
    gone = clients[rng.random(CLIENTS) < 0.01]  # registration ended on or before R
    end[gone] = days(rng, date(2026, 1, 1), R, len(gone))
    start[gone] = np.minimum(start[gone], end[gone])
    before = np.flatnonzero(rng.random(RESIDENTS) < 0.15)  # an earlier registration elsewhere
    bsn = np.concatenate([town.bsn, town.bsn[before]])
    table = {
        "bsn": bsn,
        "birth_date": np.concatenate([town.birth, town.birth[before]]),
        "address_id": ids("A", ADDRESSES)[np.concatenate([address, rng.integers(0, ADDRESSES, len(before))])],
        "registered_from": np.concatenate([start, start[before] - np.timedelta64(3000, "D")]),
        "registered_to": np.concatenate([end, start[before]]),
        "study_finance": np.concatenate([town.study, np.zeros(len(before), dtype=bool)]),
        "commercial_tenant": np.concatenate([town.commercial, np.zeros(len(before), dtype=bool)]),
    }
    return write(table, folder / "brp.parquet")


def write_clients(town: Town, folder: Path) -> int:
    rng, n = town.rng, town.clients
    active = np.arange(n) < CLIENTS
    start = days(rng, date(2012, 1, 1), date(2026, 2, 1), n)
    end = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    end[~active] = days(rng, date(2026, 2, 2), date(2026, 2, 28), n - CLIENTS)
    partner = np.where(town.partner >= 0, town.bsn[np.maximum(town.partner, 0)], None)
    table = {
        "client_id": ids("K", n),
        "bsn": town.bsn[:n],
        "birth_date": town.birth[:n],
        "sex": rng.choice(np.array(["M", "V", "X"]), size=n, p=[0.49, 0.49, 0.02]),
        "household_type": town.household,
        "partner_bsn": pa.array(partner, type=pa.string()),
        "kostendelers_applied": np.where(town.household == "gehuwden", 2, 1).astype(np.int32),
        "address_id": ids("A", ADDRESSES)[:n],
        "district": DISTRICTS[np.arange(n) % len(DISTRICTS)],
        "regulation": np.full(n, "Pw"),
        "benefit_start": start,
        "benefit_end": end,
    }
    return write(table, folder / "clients.parquet")


def write_addresses(town: Town, folder: Path) -> int:
    rng = town.rng
    area = rng.integers(30, 151, size=ADDRESSES).astype(np.int32)
    area[rng.random(ADDRESSES) < 0.01] = 0
    table = {
        "address_id": ids("A", ADDRESSES),
        "postcode": np.char.add(rng.integers(9700, 9750, ADDRESSES).astype(str), "AB"),
        "house_number": (np.arange(ADDRESSES) % 300 + 1).astype(str),
        "district": DISTRICTS[np.arange(ADDRESSES) % len(DISTRICTS)],
        "floor_area_m2": area,
        "vacant": rng.random(ADDRESSES) < 0.005,
    }
    return write(table, folder / "addresses.parquet")


def write_vehicles(town: Town, folder: Path) -> int:
    rng = town.rng
    traders = np.flatnonzero(rng.random(CLIENTS) < 0.02)
    owners = np.repeat(traders, rng.integers(3, 6, size=len(traders)))
    rest = VEHICLES - len(owners)
    owner = np.concatenate([owners, rng.integers(0, RESIDENTS, size=rest)])
    start = np.concatenate(
        [days(rng, date(2025, 3, 1), date(2026, 2, 1), len(owners)), days(rng, date(2010, 1, 1), R, rest)]
    )
    length = rng.integers(30, 3000, size=VEHICLES).astype("timedelta64[D]")
    end = start + length
    end[rng.random(VEHICLES) < 0.3] = np.datetime64("NaT")
    table = {
        "bsn": town.bsn[owner],
        "plate": ids("V", VEHICLES),
        "registered_from": start,
        "registered_to": end,
    }
    return write(table, folder / "vehicles.parquet")


def write_balances(town: Town, folder: Path) -> int:
    rng = town.rng
    clients = np.arange(town.clients)
    partners = town.partner[town.partner >= 0]
    others = rng.integers(town.clients, RESIDENTS, size=ACCOUNTS - len(clients) - len(partners))
    holder = np.concatenate([clients, partners, others])
    cents = (rng.gamma(1.2, 2_500, size=ACCOUNTS) * 100).astype(np.int64)
    cents[rng.random(ACCOUNTS) < 0.02] += 1_500_000
    cents[rng.random(ACCOUNTS) < 0.05] *= -1
    account = ids("NL", ACCOUNTS)
    # Two statements per account: one on 31 December (counts), one after R (ignored).
    later = cents + rng.integers(-50_000, 50_000, size=ACCOUNTS)
    table = {
        "bsn": np.concatenate([town.bsn[holder], town.bsn[holder]]),
        "account_id": np.concatenate([account, account]),
        "reference_date": np.concatenate(
            [np.full(ACCOUNTS, np.datetime64("2025-12-31")), np.full(ACCOUNTS, np.datetime64("2026-06-30"))]
        ),
        "balance": pa.array(
            [Decimal(int(c)).scaleb(-2) for c in np.concatenate([cents, later])], type=pa.decimal128(18, 2)
        ),
    }
    return write(table, folder / "balances.parquet")


def generate(folder: Path) -> dict[str, int]:
    town = Town(np.random.default_rng(SEED))
    return {
        "clients": write_clients(town, folder),
        "brp": write_brp(town, folder),
        "addresses": write_addresses(town, folder),
        "vehicles": write_vehicles(town, folder),
        "balances": write_balances(town, folder),
    }


# --- the same controls in plain pandas ----------------------------------------------------------------


def read(folder: Path, name: str, dates: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.read_parquet(folder / f"{name}.parquet")
    for column in dates:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def age_on(birth: pd.Series, on: date) -> pd.Series:
    before = (birth.dt.month > on.month) | ((birth.dt.month == on.month) & (birth.dt.day > on.day))
    return on.year - birth.dt.year - before.astype(int)


def holding(brp: pd.DataFrame, r: pd.Timestamp) -> pd.DataFrame:
    return brp[(brp.registered_from <= r) & (brp.registered_to.isna() | (r < brp.registered_to))]


def pandas_voertuigen(active: pd.DataFrame, vehicles: pd.DataFrame, r: pd.Timestamp) -> set[str]:
    start = r - pd.Timedelta(days=365)
    overlaps = (vehicles.registered_from <= r) & (
        vehicles.registered_to.isna() | (vehicles.registered_to >= start)
    )
    window = vehicles[overlaps]
    plates = active[["client_id", "bsn"]].merge(window, on="bsn").groupby("client_id").plate.nunique()
    return set(plates[plates >= 3].index)


def pandas_vermogen(active: pd.DataFrame, balances: pd.DataFrame, r: pd.Timestamp) -> set[str]:
    own = active[["client_id", "household_type", "bsn"]].rename(columns={"bsn": "member"})
    partners = active.loc[active.partner_bsn.notna(), ["client_id", "household_type", "partner_bsn"]]
    members = pd.concat([own, partners.rename(columns={"partner_bsn": "member"})]).drop_duplicates()
    rows = members.merge(balances[balances.reference_date <= r], left_on="member", right_on="bsn")
    latest = rows.sort_values("reference_date").drop_duplicates(["client_id", "account_id"], keep="last")
    total = latest.groupby(["client_id", "household_type"]).cents.sum().reset_index()
    limits = {h: int(rules.asset_limit(h, R) * 100) for h in HOUSEHOLDS}
    return set(total[total.cents > total.household_type.map(limits)].client_id)


def pandas_adresbezetting(active: pd.DataFrame, addresses: pd.DataFrame, here: pd.DataFrame) -> set[str]:
    persons = here.groupby("address_id").bsn.nunique()
    at = active[["client_id", "address_id"]].merge(addresses, on="address_id")
    count = at.address_id.map(persons).fillna(0)
    hit = at.vacant | ((at.floor_area_m2 > 0) & (count * 12 > at.floor_area_m2))
    return set(at[hit].client_id)


def pandas_kostendelers(active: pd.DataFrame, here: pd.DataFrame) -> set[str]:
    columns = ["client_id", "bsn", "partner_bsn", "kostendelers_applied", "address_id"]
    rows = active[columns].merge(here, on="address_id", suffixes=("", "_brp"))
    age = age_on(rows.birth_date_brp, R)
    client = rows.bsn_brp == rows.bsn
    partner = rows.bsn_brp == rows.partner_bsn
    other = ~client & ~partner & (age >= 27) & ~rows.study_finance & ~rows.commercial_tenant
    rows["counted"] = client | (partner & (age >= 21)) | other
    computed = rows.groupby(["client_id", "kostendelers_applied"]).counted.sum().reset_index()
    return set(computed[computed.counted > computed.kostendelers_applied].client_id)


def pandas_brp_adres(active: pd.DataFrame, here: pd.DataFrame) -> set[str]:
    rows = active[["client_id", "bsn", "address_id"]].merge(
        here[["bsn", "address_id"]], on="bsn", how="left", suffixes=("", "_brp")
    )
    return set(rows[rows.address_id_brp.isna() | (rows.address_id_brp != rows.address_id)].client_id)


def pandas_bias(active: pd.DataFrame, hits: set[str]) -> dict[str, dict[str, float | None]]:
    selected = active.client_id.isin(hits)
    report = {}
    for attribute in ("age_band", "sex", "household_type", "district"):
        table = pd.crosstab(active[attribute], selected).reindex(columns=[False, True], fill_value=0)
        n = table.sum(axis=1)
        rates = (table[True] / n)[n >= MIN_GROUP_SIZE]
        statistic, p_value, _, _ = chi2_contingency(table.to_numpy().T, correction=False)
        report[attribute] = {
            "parity_ratio": rates.min() / rates.max() if rates.max() > 0 else None,
            "chi2": float(statistic),
            "p_value": float(p_value),
        }
    return report


def pandas_run_all(folder: Path, read=read) -> dict[str, set[str]]:
    """The five hit sets (and the bias numbers) in pandas; `read(folder, name, dates)` reads a file."""
    r = pd.Timestamp(R)
    clients = read(folder, "clients", ("birth_date", "benefit_start", "benefit_end"))
    is_active = (clients.benefit_start <= r) & (clients.benefit_end.isna() | (clients.benefit_end >= r))
    active = clients[is_active].copy()
    active["age_band"] = pd.cut(age_on(active.birth_date, R), [-1, 17, 26, 39, 54, 200]).astype(str)
    brp = read(folder, "brp", ("birth_date", "registered_from", "registered_to"))
    here = holding(brp, r)
    vehicles = read(folder, "vehicles", ("registered_from", "registered_to"))
    balances = read(folder, "balances", ("reference_date",))
    balances["cents"] = (balances.balance.astype(float) * 100).round().astype("int64")
    addresses = read(folder, "addresses")
    hits = {
        "voertuigen": pandas_voertuigen(active, vehicles, r),
        "vermogen": pandas_vermogen(active, balances, r),
        "adresbezetting": pandas_adresbezetting(active, addresses, here),
        "kostendelers": pandas_kostendelers(active, here.rename(columns={"birth_date": "birth_date_brp"})),
        "brp_adres": pandas_brp_adres(active, here),
    }
    for control_hits in hits.values():
        pandas_bias(active, control_hits)
    return hits


# --- the benchmark ------------------------------------------------------------------------------------


def timed(function, *args):
    """The result, the wall-clock seconds and the CPU seconds of this process (all threads)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="naleving-bench-") as tmp:
        folder = Path(tmp)
        rows, generated, _ = timed(generate, folder)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        print(
            f"synthetic municipality (seed {SEED}, Parquet, {size:.0f} MiB) generated in {generated:.1f} s:"
        )
        print("  " + ", ".join(f"{name} {count:,} rows" for name, count in rows.items()))
        documents, engine, engine_cpu = timed(run_all, folder, R)
        by_pandas, plain, plain_cpu = timed(pandas_run_all, folder)
        # The web app's path: the same run with a progress callback (here it only counts the reports).
        told = []
        _, web, web_cpu = timed(
            lambda: run_controls(list(documents), folder, R, progress=lambda *report: told.append(report))
        )
    print(f"reference date {R}, {documents['voertuigen']['population']:,} active clients")
    for name, document in documents.items():
        hits = {h["client_id"] for h in document["hits"]}
        verdicts = ", ".join(f"{a} {b['verdict']}" for a, b in document["bias"].items())
        same = "same hits as pandas" if hits == by_pandas[name] else "DIFFERENT FROM PANDAS"
        print(f"  {name:15} {len(hits):6,} hits; bias: {verdicts}; {same}")
    print(
        f"engine (DuckDB; read, validate, select, evidence, bias): {engine:6.2f} s wall, {engine_cpu:6.2f} s CPU"
    )
    print(
        f"pandas (read, select, bias; no validation, no evidence):  {plain:6.2f} s wall, {plain_cpu:6.2f} s CPU"
    )
    print(f"ratio pandas / engine: {plain / engine:.2f}x wall, {plain_cpu / engine_cpu:.2f}x CPU")
    print(
        f"engine with progress reports ({len(told)} reports, as the web app runs it): {web:6.2f} s wall, "
        f"{web_cpu:6.2f} s CPU"
    )
    print(f"target: engine under 10 s wall ({'met' if engine < 10 else 'NOT met'}) and faster than pandas")
    if any({h["client_id"] for h in d["hits"]} != by_pandas[n] for n, d in documents.items()):
        raise SystemExit("the engine and pandas disagree on the hits")
