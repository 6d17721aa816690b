"""Hypothesis strategies for valid decision requests across every profile (also used by the benchmark's
idea of a realistic mix)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from naleving.rules.model import (
    CULPABILITIES,
    HISTORY_TYPES,
    VIOLATION_KINDS,
    DecisionRequest,
    HistoryItem,
    Household,
    Income,
    Judgements,
    Violation,
)

# Decision dates where every parameter the engine may need has a value (norms end 2026-12-31).
PROFILE_PERIODS = {
    "landelijk": (date(2025, 1, 1), date(2026, 12, 31)),
    "mer-2025": (date(2025, 1, 1), date(2026, 12, 31)),
    "groningen-2024": (date(2025, 1, 1), date(2026, 12, 31)),
    "baanbrekers-2026": (date(2026, 1, 1), date(2026, 12, 31)),
    "steenwijkerland-2026": (date(2026, 1, 1), date(2026, 12, 31)),
}


def reproducible(max_examples: int) -> settings:
    """Hypothesis settings for the rules' property tests: the same examples on every run, no deadline."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


BOUNDARIES = ("0.00", "0.01", "150.00", "150.01", "13733.33", "49999.99", "50000.00")
amounts = st.sampled_from([Decimal(b) for b in BOUNDARIES]) | st.integers(
    min_value=0, max_value=8_000_000
).map(lambda cents: Decimal(cents).scaleb(-2))
positive_amounts = st.sampled_from([Decimal(b) for b in BOUNDARIES[1:]]) | st.integers(
    min_value=1, max_value=8_000_000
).map(lambda cents: Decimal(cents).scaleb(-2))


def _day(start: date, end: date) -> st.SearchStrategy[date]:
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


@st.composite
def households(draw: st.DrawFn) -> Household:
    kind = draw(st.sampled_from(("alleenstaande", "alleenstaande_ouder", "gehuwden")))
    return Household(
        type=kind,
        kostendelers=draw(st.integers(1, 5)),
        age_band=draw(st.sampled_from(("21_to_aow", "18_to_20", "aow"))),
    )


@st.composite
def history_items(draw: st.DrawFn, earliest: date, decision: date) -> HistoryItem:
    """An earlier sanction imposed before the decision; a prison sentence only with a criminal sanction;
    sometimes the date it became irrevocable."""
    kind = draw(st.sampled_from(HISTORY_TYPES))
    imposed = draw(_day(earliest, decision))
    return HistoryItem(
        type=kind,
        kind=draw(st.sampled_from(VIOLATION_KINDS[:3])),
        date=imposed,
        irrevocable=draw(st.booleans()),
        prison_sentence=kind == "strafrechtelijk" and draw(st.booleans()),
        irrevocable_on=draw(st.none() | _day(imposed, decision)),
    )


@st.composite
def requests(draw: st.DrawFn, culpability: str | None = None) -> DecisionRequest:
    profile = draw(st.sampled_from(sorted(PROFILE_PERIODS)))
    decision = draw(_day(*PROFILE_PERIODS[profile]))
    start = decision - timedelta(days=draw(st.integers(0, 2400)))
    end = draw(_day(start, decision))
    detected = draw(st.none() | _day(start, decision))
    reported = draw(st.none() | _day(start, decision))
    history = draw(st.lists(history_items(start - timedelta(days=4000), decision), max_size=3))
    return DecisionRequest(
        profile=profile,
        decision_date=decision,
        regulation=draw(st.sampled_from(("Pw", "IOAW", "IOAZ", "Bbz"))),
        violation=Violation(
            kind=draw(st.sampled_from(VIOLATION_KINDS[:3])),
            start=start,
            end=end,
            detected_on=detected,
            source_known=draw(st.sampled_from((None, "polisadministratie", "brp"))),
            self_reported_on=reported,
            limitation_paused_days=draw(st.sampled_from((0, 0, 0, 30, 400))),
        ),
        benadelingsbedrag=draw(amounts),
        culpability=culpability or draw(st.sampled_from(CULPABILITIES)),
        history=tuple(history),
        household=draw(households()),
        income=Income(on_benefit=draw(st.booleans())),
        judgements=Judgements(
            urgent_reasons_recovery=draw(st.sampled_from(("none", "full"))),
            urgent_reasons_fine=draw(st.booleans()),
        ),
        cooperation=draw(st.sampled_from(("yes", "refused", "unable"))),
    )
