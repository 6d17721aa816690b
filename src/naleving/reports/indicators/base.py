"""What every indicator function shares: the filters, period lookups, day arithmetic and percentiles.

All counting happens in the database (annotate, Count, Sum, Exists); Python only orders the results into
rows. Percentiles are read from the database by position (ORDER BY ... OFFSET), so no function loads a
large table into memory.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Func, IntegerField, Q, QuerySet

from naleving.reports.periods import Period
from naleving.reports.tables import Row


@dataclass(frozen=True)
class Filters:
    """Narrowing of every indicator. ``district`` keeps only residents of one wijk (signals without a
    resident drop out); ``gemeenten`` keeps only the residents, and the records through them, of these
    municipalities (primary keys; empty: the whole organisation); ``origin`` keeps only signals of one
    origin (S3); ``as_of`` is the day the report is made, for figures that are only final some time after
    the period (D1)."""

    district: str = ""
    origin: str = ""
    as_of: date | None = None
    gemeenten: tuple[int, ...] = ()

    def residents(self, path: str = "resident__") -> Q:
        """A Q on the resident reached by ``path`` (``""`` when the queryset is Resident itself)."""
        q = Q(**{f"{path}district": self.district}) if self.district else Q()
        if self.gemeenten:
            q &= Q(**{f"{path}gemeente_id__in": self.gemeenten})
        return q

    def signals(self, path: str = "") -> Q:
        """A Q on the signal reached by ``path``: the wijk through its resident, the municipality its own
        (``Signal.gemeente``: the resident's, or the one the intake named for a signal without one)."""
        q = Q(**{f"{path}resident__district": self.district}) if self.district else Q()
        if self.gemeenten:
            q &= Q(**{f"{path}gemeente_id__in": self.gemeenten})
        return q

    @property
    def whole_organisation(self) -> bool:
        """No narrowing to some municipalities: every figure of the organisation counts."""
        return not self.gemeenten

    def key(self) -> tuple:
        return (self.district, self.origin, self.as_of, self.gemeenten)


NO_FILTERS = Filters()


def in_period(field: str, period: Period) -> Q:
    """The event's date (``field``, a DateField) lies in the period, both ends included."""
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


class DaysBetween(Func):
    """``later - earlier`` in whole days, for two date expressions, on PostgreSQL and SQLite alike."""

    output_field = IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        template = "(%(expressions)s)"
        return super().as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def nearest_rank(n: int, fraction: float) -> int:
    """The 0-based position of the ``fraction`` percentile among ``n`` sorted values (nearest rank)."""
    return max(math.ceil(fraction * n), 1) - 1


def db_percentile(qs: QuerySet, field: str, n: int, fraction: float):
    """The nearest-rank percentile of ``field`` over ``qs`` (``n`` rows), read by offset; None when empty."""
    if n == 0:
        return None
    return qs.order_by(field).values_list(field, flat=True)[nearest_rank(n, fraction)]


def db_median(qs: QuerySet, field: str, n: int) -> Decimal | float | None:
    """The median of ``field`` over ``qs`` (``n`` rows): the middle value, or the mean of the two middle ones."""
    if n == 0:
        return None
    middle = list(qs.order_by(field).values_list(field, flat=True)[(n - 1) // 2 : n // 2 + 1])
    if len(middle) == 1:
        return middle[0]
    return (middle[0] + middle[1]) / 2


def list_median(values: list) -> float | None:
    """The median of an already small, sorted list (grouped durations)."""
    n = len(values)
    if n == 0:
        return None
    if n % 2:
        return values[n // 2]
    return (values[n // 2 - 1] + values[n // 2]) / 2


def list_percentile(values: list, fraction: float):
    return values[nearest_rank(len(values), fraction)] if values else None


def counts_by(qs: QuerySet, field: str) -> dict:
    """{value of ``field``: number of rows}, in one GROUP BY (the model's ordering cleared)."""
    from django.db.models import Count

    return {value: n for value, n in qs.order_by().values_list(field).annotate(n=Count("pk"))}


def choice_rows(
    choices: Iterable[tuple[str, str]], values_for, *, total: dict | None = None, total_label: str = "Totaal"
) -> tuple[Row, ...]:
    """One row per choice (``values_for(value)`` gives its values), then a total row when given."""
    rows = [Row(str(value), str(label), values_for(value)) for value, label in choices]
    if total is not None:
        rows.append(Row("totaal", total_label, total, total=True))
    return tuple(rows)
