"""The plain results of an indicator: tables of rows with raw numbers, before any suppression.

Indicator functions return these; ``reports.presentation`` turns them into what one reader may see.
A column says what kind of figure it holds and, for amounts, rates and durations, which count column
holds the number of cases the figure is computed from (the suppression rule needs it).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

COUNT, AMOUNT, RATE, DAYS, TEXT = "count", "amount", "rate", "days", "text"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = COUNT
    #: the count column whose value is the number of cases behind this figure (amounts, rates, days)
    cases: str | None = None
    #: for a rate: the count column of its numerator (a rate would reveal a suppressed numerator)
    numerator: str | None = None
    #: whether the rows' figures add up to the total row's (for secondary suppression); None: counts do,
    #: other kinds do not (a mean, a median or a rate never does; a sum of amounts may say so)
    additive: bool | None = None

    @property
    def adds_up(self) -> bool:
        return self.additive if self.additive is not None else self.kind == COUNT

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", str(self.label))  # a lazy translation becomes text


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: dict[str, Any]
    total: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", str(self.label))

    def get(self, column: str) -> Any:
        return self.values.get(column)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    label_header: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    #: the column compared with the previous period and drawn in the chart
    primary: str | None = None
    chart: str = ""  # "bar", "line" or "" (no chart): charts only where a picture adds to the table
    note: str = ""
    #: when set, the figures do not exist (yet) in Naleving; the text says why
    unavailable: str = ""
    #: without a total row: the rows still add up to a total shown elsewhere (another table's total),
    #: so secondary suppression treats them as a line with a shown total
    rows_add_up: bool = False

    def lines(self) -> list[tuple[list[tuple[str, str]], tuple[str, str] | None]]:
        """The lines of cells ``(row key, column key)`` that add up to a total, for secondary suppression:
        per column whose figures add up, the ordinary rows and the total row."""
        totals = [r for r in self.rows if r.total]
        parts = [r for r in self.rows if not r.total]
        if len(parts) < 2 or len(totals) > 1 or (not totals and not self.rows_add_up):
            return []
        total = totals[0] if totals else None
        return [
            ([(r.key, c.key) for r in parts], (total.key, c.key) if total else None)
            for c in self.columns
            if c.adds_up
        ]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    def value(self, row: str, column: str) -> Any:
        found = self.row(row)
        return None if found is None else found.get(column)


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    period_code: str
    tables: tuple[Table, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def ratio(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    """numerator / denominator as a Decimal fraction (0.0123 = 1.23%), None when the denominator is 0."""
    if not denominator:
        return None
    return Decimal(numerator or 0) / Decimal(denominator)
