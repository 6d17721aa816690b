"""Reporting periods: calendar year, quarter and tertiaal (indicators.md, "Periods").

A period is written as ``2025`` (year), ``2025-Q2`` (quarter) or ``2025-T1`` (tertiaal: T1 January-April,
T2 May-August, T3 September-December). Both ends are included: an event is in the period when its date
lies on or between ``start`` and ``end``.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from naleving.common.formatting import MONTHS

YEAR, QUARTER, TERTIAAL = "year", "quarter", "tertiaal"
#: months per part of the year, by kind
_MONTHS = {YEAR: 12, QUARTER: 3, TERTIAAL: 4}
_PARTS = {YEAR: 1, QUARTER: 4, TERTIAAL: 3}
_LETTER = {QUARTER: "Q", TERTIAAL: "T"}
_PLURAL = {QUARTER: "kwartalen", TERTIAAL: "tertialen"}
_PATTERN = re.compile(r"^\s*(\d{4})(?:-([QqTt])([1-4]))?\s*$")
MIN_YEAR, MAX_YEAR = 2000, 2100


class PeriodError(ValueError):
    """A period code that cannot be read; the message says what is accepted."""


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    year: int
    n: int = 1

    def __post_init__(self) -> None:
        if self.kind not in _PARTS:
            raise PeriodError(f"Onbekende soort periode {self.kind!r}.")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(f"Jaar {self.year} valt buiten {MIN_YEAR}-{MAX_YEAR}.")
        if not 1 <= self.n <= _PARTS[self.kind]:
            raise PeriodError(f"{self.kind} {self.n} bestaat niet.")

    @property
    def start(self) -> date:
        return date(self.year, (self.n - 1) * _MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> date:
        month = self.n * _MONTHS[self.kind]
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def months(self) -> int:
        return _MONTHS[self.kind]

    @property
    def code(self) -> str:
        return str(self.year) if self.kind == YEAR else f"{self.year}-{_LETTER[self.kind]}{self.n}"

    @property
    def label(self) -> str:
        """Dutch label: ``2025``, ``2e kwartaal 2025``, ``1e tertiaal 2025 (januari-april)``."""
        if self.kind == YEAR:
            return str(self.year)
        first, last = MONTHS[self.start.month - 1], MONTHS[self.end.month - 1]
        word = "kwartaal" if self.kind == QUARTER else "tertiaal"
        return f"{self.n}e {word} {self.year} ({first}-{last})"

    def __str__(self) -> str:
        return self.code

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> "Period":
        """The period just before, of the same kind: 2025 → 2024, 2025-Q1 → 2024-Q4, 2025-T1 → 2024-T3."""
        if self.n > 1:
            return Period(self.kind, self.year, self.n - 1)
        return Period(self.kind, self.year - 1, _PARTS[self.kind])

    def next(self) -> "Period":
        if self.n < _PARTS[self.kind]:
            return Period(self.kind, self.year, self.n + 1)
        return Period(self.kind, self.year + 1, 1)

    def month_starts(self) -> list[date]:
        return [date(self.year, m, 1) for m in range(self.start.month, self.end.month + 1)]


def parse(code: str) -> Period:
    """``"2025"``, ``"2025-Q2"`` or ``"2025-T1"`` (letters in either case) → Period; else PeriodError."""
    match = _PATTERN.match(code or "")
    if not match:
        raise PeriodError(
            f"Periode {code!r} is niet te lezen: gebruik een jaar (2025), een kwartaal (2025-Q2) "
            "of een tertiaal (2025-T1)."
        )
    year, letter, n = match.groups()
    if letter is None:
        return Period(YEAR, int(year))
    kind = QUARTER if letter.upper() == "Q" else TERTIAAL
    if int(n) > _PARTS[kind]:
        raise PeriodError(f"Periode {code!r} bestaat niet: een jaar heeft {_PARTS[kind]} {_PLURAL[kind]}.")
    return Period(kind, int(year), int(n))


def containing(day: date, kind: str) -> Period:
    """The period of ``kind`` that contains ``day``."""
    return Period(kind, day.year, (day.month - 1) // _MONTHS[kind] + 1)


def last_complete(today: date, kind: str) -> Period:
    """The most recent period of ``kind`` that has ended before ``today``."""
    return containing(today, kind).previous()


def choices(today: date, years: int = 5) -> list[tuple[int, list[Period]]]:
    """Periods to choose from, per year (newest first): the year, its tertialen and its quarters."""
    groups = []
    for year in range(today.year, today.year - years, -1):
        periods = [Period(YEAR, year)]
        periods += [Period(TERTIAAL, year, n) for n in range(1, 4)]
        periods += [Period(QUARTER, year, n) for n in range(1, 5)]
        groups.append((year, [p for p in periods if p.start <= today]))
    return groups
