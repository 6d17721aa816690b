"""The maatregel request and response as frozen dataclasses (decision-contract.md, "Maatregel")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from naleving.rules.model import PROFILE_DEFAULT, Household, TraceStep

KIND = "maatregel"
#: the kinds of earlier sanctions a maatregel request may list; only a maatregel counts for recidive
MAATREGEL_HISTORY_TYPES = ("maatregel", "waarschuwing", "boete", "strafrechtelijk")
#: the only regulation whose maatregelen the engine decides (IOAW and IOAZ are not supported yet)
MAATREGEL_REGULATIONS = ("Pw",)


@dataclass(frozen=True, slots=True)
class Breach:
    """The obligation that was not met: its catalogue code, the day, and the verordening's category (18(2))."""

    code: str
    breached_on: date
    category: int | None = None


@dataclass(frozen=True, slots=True)
class MaatregelHistoryItem:
    """An earlier sanction; for a maatregel the obligation it was imposed for."""

    type: str
    date: date
    obligation: str | None = None


@dataclass(frozen=True, slots=True)
class MaatregelJudgements:
    """Human judgements the engine never makes itself."""

    urgent_reasons_maatregel: bool = False


@dataclass(frozen=True, slots=True)
class MaatregelRequest:
    """A proposed maatregel: the breach, the culpability, earlier sanctions and the household (for the norm)."""

    decision_date: date
    obligation: Breach
    culpability: str
    history: tuple[MaatregelHistoryItem, ...] = ()
    household: Household = field(default_factory=Household)
    judgements: MaatregelJudgements = field(default_factory=MaatregelJudgements)
    profile: str = PROFILE_DEFAULT
    regulation: str = "Pw"
    kind: str = KIND


@dataclass(frozen=True, slots=True)
class ObligationOutcome:
    """The obligation as the catalogue describes it."""

    code: str
    article: str
    label_nl: str
    mandatory: bool


@dataclass(frozen=True, slots=True)
class Maatregel:
    """The outcome: `verlaging` with its amounts, or `geen` (then every amount is None)."""

    type: str
    reason: str
    percentage: Decimal | None = None
    months: int | None = None
    recidive: bool = False
    norm: Decimal | None = None
    monthly_amount: Decimal | None = None
    total_amount: Decimal | None = None
    reconsider_within_months: int | None = None


@dataclass(frozen=True, slots=True)
class MaatregelResponse:
    profile: str
    rules_version: str
    decision_date: date
    obligation: ObligationOutcome
    maatregel: Maatregel
    followups: tuple[str, ...]
    trace: tuple[TraceStep, ...]
    kind: str = KIND
