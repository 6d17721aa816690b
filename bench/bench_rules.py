"""Decisions per second of `naleving.rules.evaluate` on a mixed batch of 100,000 generated requests.

The mix is seeded and realistic: every profile, mostly normal culpability, some histories (warnings, fines,
criminal sanctions), a fifth with monthly lists, small and large amounts, refusals to co-operate.
Generation and validation are not timed; the JSON path (parse, evaluate, serialise) is timed separately.
Run with `python -m bench rules`.
"""

from __future__ import annotations

import gc
import random
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from naleving.rules import evaluate, parse_request, request_to_dict, response_to_dict
from naleving.rules.model import (
    DecisionRequest,
    HistoryItem,
    Household,
    Income,
    Judgements,
    MonthlyAmount,
    Violation,
)

BATCH = 100_000
JSON_BATCH = 20_000
SEED = 2026
PROFILES = {  # profile: (weight, first decision date); decisions end 2026-06-30, where the norms end
    "landelijk": (30, date(2025, 1, 1)),
    "mer-2025": (15, date(2025, 1, 1)),
    "groningen-2024": (25, date(2025, 1, 1)),
    "baanbrekers-2026": (15, date(2026, 1, 1)),
    "steenwijkerland-2026": (15, date(2026, 1, 1)),
}
LAST_DECISION = date(2026, 6, 30)
CULPABILITIES = {"normaal": 45, "verminderd": 20, "grove_schuld": 12, "opzet": 13, "geen": 10}
KINDS = {
    "income": 50,
    "cohabitation": 15,
    "address": 10,
    "household": 8,
    "assets": 7,
    "vehicle": 4,
    "abroad": 6,
}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _amount(rng: random.Random) -> Decimal:
    bucket = rng.random()
    if bucket < 0.15:
        return Decimal(rng.randint(0, 15_000)).scaleb(-2)  # up to EUR 150: warnings
    if bucket < 0.97:
        return Decimal(rng.randint(15_001, 2_500_000)).scaleb(-2)
    return Decimal(rng.randint(2_500_000, 9_000_000)).scaleb(-2)  # large cases, some criminal


def _monthly(rng: random.Random, start: date) -> tuple[MonthlyAmount, ...]:
    months = []
    for offset in range(rng.randint(1, 12)):
        year, month = divmod(start.month - 1 + offset, 12)
        paid = Decimal(rng.randint(90_000, 140_150)).scaleb(-2)
        entitled = paid - Decimal(rng.randint(-5_000, 60_000)).scaleb(-2)
        months.append(MonthlyAmount(f"{start.year + year}-{month + 1:02d}", paid, max(entitled, Decimal(0))))
    return tuple(months)


def _history(rng: random.Random, start: date) -> tuple[HistoryItem, ...]:
    items = []
    for _ in range(rng.choices((0, 1, 2, 3), weights=(65, 22, 9, 4))[0]):
        kind = rng.choices(("waarschuwing", "boete", "strafrechtelijk"), weights=(55, 40, 5))[0]
        items.append(
            HistoryItem(
                type=kind,
                kind=_pick(rng, KINDS),
                date=_day(rng, start - timedelta(days=3650), start),
                irrevocable=rng.random() < 0.9,
                prison_sentence=kind == "strafrechtelijk" and rng.random() < 0.3,
            )
        )
    return tuple(items)


def _violation(rng: random.Random, decision: date) -> Violation:
    start = decision - timedelta(days=rng.randint(30, 2200))
    end = _day(rng, start, min(start + timedelta(days=540), decision))
    return Violation(
        kind=_pick(rng, KINDS),
        start=start,
        end=end,
        detected_on=_day(rng, end, decision) if rng.random() < 0.8 else None,
        source_known=rng.choice((None, None, None, "polisadministratie", "brp")),
        self_reported_on=_day(rng, start, start + timedelta(days=90)) if rng.random() < 0.1 else None,
    )


def _request(rng: random.Random) -> DecisionRequest:
    profile = _pick(rng, {name: weight for name, (weight, _) in PROFILES.items()})
    decision = _day(rng, PROFILES[profile][1], LAST_DECISION)
    violation = _violation(rng, decision)
    monthly = _monthly(rng, violation.start) if rng.random() < 0.2 else ()
    return DecisionRequest(
        profile=profile,
        decision_date=decision,
        regulation=rng.choices(("Pw", "IOAW", "IOAZ", "Bbz"), weights=(90, 5, 2, 3))[0],
        violation=violation,
        benadelingsbedrag=None if monthly else _amount(rng),
        monthly=monthly,
        culpability=_pick(rng, CULPABILITIES),
        history=_history(rng, violation.start),
        household=Household(
            type=rng.choices(("alleenstaande", "alleenstaande_ouder", "gehuwden"), weights=(60, 20, 20))[0],
            kostendelers=rng.choices((1, 2, 3, 4), weights=(70, 18, 9, 3))[0],
            age_band=rng.choices(("21_to_aow", "18_to_20", "aow"), weights=(85, 7, 8))[0],
        ),
        income=Income(on_benefit=rng.random() < 0.85),
        judgements=Judgements(
            urgent_reasons_recovery=rng.choices(("none", "full"), weights=(95, 5))[0],
            urgent_reasons_fine=rng.random() < 0.03,
        ),
        cooperation=rng.choices(("yes", "refused", "unable"), weights=(92, 5, 3))[0],
    )


def generate(n: int, seed: int = SEED) -> list[DecisionRequest]:
    """`n` valid, varied requests; the same seed gives the same batch."""
    rng = random.Random(seed)
    return [_request(rng) for _ in range(n)]


def _timed(label: str, work: Any, count: int) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    rate = count / seconds
    print(f"{label}: {count:,} in {seconds:.2f} s = {rate:,.0f} decisions/s")
    return rate


def main() -> None:
    batch = generate(BATCH)
    # The batch is long-lived input, not the engine's work: keep the garbage collector from rescanning it.
    gc.collect()
    gc.freeze()
    sanctions: dict[str, int] = {}

    def decide_all() -> None:
        for request in batch:
            kind = evaluate(request).sanction.type
            sanctions[kind] = sanctions.get(kind, 0) + 1

    _timed("evaluate (frozen dataclasses in and out)", decide_all, BATCH)
    print("mix of outcomes: " + ", ".join(f"{k} {v:,}" for k, v in sorted(sanctions.items())))
    documents = [request_to_dict(request) for request in batch[:JSON_BATCH]]
    _timed(
        "JSON path (parse_request + evaluate + response_to_dict)",
        lambda: [response_to_dict(evaluate(parse_request(doc))) for doc in documents],
        JSON_BATCH,
    )


if __name__ == "__main__":
    main()
