"""Computing a report: every indicator it names, for the period and the period before, once each.

The result holds raw numbers only; ``presentation.report_present`` decides what one reader sees.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import connection, connections
from django.utils import timezone

from naleving.reports.definitions import REPORTS, Item, ReportDefinition
from naleving.reports.indicators import INDICATORS, Filters
from naleving.reports.periods import Period
from naleving.reports.scope import ReportScope, report_scope
from naleving.reports.selectors import case_examples_in
from naleving.reports.tables import IndicatorResult

#: database connections a report build may use at once (1: one after the other)
WORKERS = 2
#: rough relative cost of the indicators that take longest, so they start first
HEAVY = {"C1": 5, "I1": 3, "S3": 3, "PREV": 3, "P1": 2, "I2": 2, "C2": 2, "LAA": 1, "DET": 1, "D1": 1}


class UnknownReport(LookupError):
    pass


@dataclass
class ReportData:
    definition: ReportDefinition
    period: Period
    previous: Period
    filters: Filters
    generated_at: datetime
    #: the municipalities the figures are of (``filters.gemeenten`` holds their keys)
    scope: ReportScope
    #: (indicator id, origin) → (this period, previous period)
    results: dict[tuple[str, str], tuple[IndicatorResult, IndicatorResult]] = field(default_factory=dict)
    case_examples: list = field(default_factory=list)

    def result(self, item: Item) -> tuple[IndicatorResult, IndicatorResult]:
        return self.results[(item.indicator, item.origin)]


def _compute_one(task, filters: Filters) -> IndicatorResult:
    (indicator_id, origin), period = task
    return INDICATORS[indicator_id].compute(period, replace(filters, origin=origin))


def _compute_in_thread(task, filters: Filters) -> IndicatorResult:
    try:
        return _compute_one(task, filters)
    finally:
        connections.close_all()  # this worker thread's own connection


def _parallel() -> bool:
    """Indicators may run on two connections at once on PostgreSQL, outside a transaction: inside one
    (a test, or a caller's atomic block) other connections would not see its rows."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block and WORKERS > 1


def _compute(tasks: list, filters: Filters) -> dict:
    """Every (indicator, period) of the report. The work is in the database, so two connections halve
    the wait on a two-core server; the heaviest indicators go first."""
    if not _parallel():
        return {task: _compute_one(task, filters) for task in tasks}
    ordered = sorted(tasks, key=lambda task: -HEAVY.get(task[0][0], 0))
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="report") as pool:
        futures = {task: pool.submit(_compute_in_thread, task, filters) for task in ordered}
        return {task: future.result() for task, future in futures.items()}


def report_definition(key: str) -> ReportDefinition:
    try:
        return REPORTS[key]
    except KeyError:
        raise UnknownReport(key) from None


def report_build(
    key: str, period: Period, filters: Filters | None = None, scope: ReportScope | None = None
) -> ReportData:
    """All figures of report ``key`` for ``period`` and the period before it (for the comparison), of the
    municipalities of ``scope`` (default: the whole organisation)."""
    definition = report_definition(key)
    scope = scope or report_scope(None)
    filters = replace(filters or Filters(as_of=timezone.localdate()), gemeenten=scope.ids)
    data = ReportData(definition, period, period.previous(), filters, timezone.now(), scope)
    wanted = {(item.indicator, item.origin) for item in definition.items()}
    wanted |= {(target.indicator, target.origin) for target in definition.targets}
    tasks = [(key, p) for key in sorted(wanted) for p in (period, data.previous)]
    computed = _compute(tasks, filters)
    for key in wanted:
        data.results[key] = (computed[(key, period)], computed[(key, data.previous)])
    if any(section.case_examples for section in definition.sections):
        data.case_examples = case_examples_in(period, filters.gemeenten)
    return data
