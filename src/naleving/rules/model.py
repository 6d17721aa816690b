"""The decision request and response of decision-contract.md as frozen dataclasses.

Amounts are `Decimal` euros, dates are `datetime.date`. `naleving.rules.io` turns JSON into these and back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

type Json = str | int | bool | list[Json] | dict[str, Json] | None
type Day = date  # for fields declared after a field named `date`

PROFILE_DEFAULT = "landelijk"
REGULATIONS = ("Pw", "IOAW", "IOAZ", "Bbz")
VIOLATION_KINDS = (
    "income",
    "cohabitation",
    "address",
    "household",
    "assets",
    "vehicle",
    "abroad",
    "detention",
    "study",
    "other",
)
CULPABILITIES = ("opzet", "grove_schuld", "normaal", "verminderd", "geen")
HISTORY_TYPES = ("waarschuwing", "boete", "strafrechtelijk")
URGENT_RECOVERY = ("none", "partial", "full")
COOPERATION = ("yes", "refused", "unable")


@dataclass(frozen=True, slots=True)
class Violation:
    """The breach of the duty to inform: the period in which a fact was not (fully) reported."""

    kind: str
    start: date
    end: date
    detected_on: date | None = None
    source_known: str | None = None
    self_reported_on: date | None = None
    limitation_paused_days: int = 0


@dataclass(frozen=True, slots=True)
class MonthlyAmount:
    """One month of assistance: what was paid and what the resident was entitled to."""

    month: str
    paid: Decimal
    entitled: Decimal


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """An earlier sanction: type, kind of conduct, date imposed, and when it became irrevocable.

    `irrevocable_on` (when known) decides; without it `irrevocable` says whether it is irrevocable now."""

    type: str
    kind: str
    date: date
    irrevocable: bool = True
    prison_sentence: bool = False
    irrevocable_on: Day | None = None


@dataclass(frozen=True, slots=True)
class Household:
    type: str = "alleenstaande"
    kostendelers: int = 1
    age_band: str = "21_to_aow"


@dataclass(frozen=True, slots=True)
class Income:
    on_benefit: bool = True


@dataclass(frozen=True, slots=True)
class Judgements:
    """Human judgements the engine never makes itself (dringende redenen)."""

    urgent_reasons_recovery: str = "none"
    recovery_amount: Decimal | None = None
    urgent_reasons_fine: bool = False


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    """The established facts of a breach and the human judgements, as in decision-contract.md."""

    decision_date: date
    violation: Violation
    culpability: str
    benadelingsbedrag: Decimal | None = None
    monthly: tuple[MonthlyAmount, ...] = ()
    history: tuple[HistoryItem, ...] = ()
    household: Household = field(default_factory=Household)
    income: Income = field(default_factory=Income)
    judgements: Judgements = field(default_factory=Judgements)
    cooperation: str = "yes"
    profile: str = PROFILE_DEFAULT
    regulation: str = "Pw"


@dataclass(frozen=True, slots=True)
class Correction:
    type: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Recovery:
    required: bool
    amount: Decimal
    refrained_amount: Decimal
    setoff_mandatory: bool


@dataclass(frozen=True, slots=True)
class Sanction:
    type: str
    reason: str
    fine_amount: Decimal | None = None
    base_percentage: int | None = None
    recidive: bool = False
    capped_by: str | None = None


@dataclass(frozen=True, slots=True)
class Suspension:
    max_weeks: int
    hersteltermijn_days: int
    impact_assessment_required: bool = True


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One reasoned step: stable rule id, citation, JSON-ready inputs and result, one plain Dutch sentence."""

    rule: str
    citation: str
    inputs: dict[str, Json]
    result: Json
    text_nl: str


@dataclass(frozen=True, slots=True)
class DecisionResponse:
    profile: str
    rules_version: str
    decision_date: date
    breach: bool
    benadelingsbedrag: Decimal
    correction: Correction
    recovery: Recovery
    sanction: Sanction
    suspension: Suspension | None
    followups: tuple[str, ...]
    trace: tuple[TraceStep, ...]
