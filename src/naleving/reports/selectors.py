"""Reads of the reports app, scoped to the reader: whole reports (suppressed for readers outside the
enforcement team), the key figures of the overview page and the case examples."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from naleving.reports.build import report_build
from naleving.reports.indicators import INDICATORS, Filters
from naleving.reports.models import Casusvoorbeeld
from naleving.reports.periods import YEAR, Period
from naleving.reports.presentation import PresentedReport, PresentedTable, present_table, report_present
from naleving.reports.services import may_mark_case_examples


def _require_reader(actor) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm("reports.view_reports"):
        raise PermissionDenied


def suppressed_for(actor) -> bool:
    """Readers without ``reports.view_unsuppressed`` (policy, management, FG, analysts) get suppression."""
    return not actor.has_perm("reports.view_unsuppressed")


def report_get(*, actor, key: str, period: Period, filters: Filters | None = None) -> PresentedReport:
    """Report ``key`` for ``period`` as ``actor`` may see it. Raises PermissionDenied for non-readers and
    ``build.UnknownReport`` for an unknown key."""
    _require_reader(actor)
    return report_present(report_build(key, period, filters), suppress=suppressed_for(actor))


@dataclass(frozen=True)
class KeyFigures:
    period: Period
    tables: list[PresentedTable]


#: The overview page's key figures: (indicator, table)
KEY_TABLES = (("S1", "by_origin"), ("C2", "by_culpability"), ("C1", "new"))


def key_figures(*, actor, year: int, filters: Filters | None = None) -> KeyFigures:
    """Signals by origin (S1), fines and warnings (C2) and new claims (C1) of one calendar year."""
    _require_reader(actor)
    period = Period(YEAR, year)
    filters = filters or Filters()
    suppress = suppressed_for(actor)
    tables = []
    for indicator_id, table_key in KEY_TABLES:
        indicator = INDICATORS[indicator_id]
        table = indicator.compute(period, filters).table(table_key)
        tables.append(
            present_table(
                f"{indicator_id}-{table_key}",
                indicator,
                table,
                None,
                suppress=suppress,
                labels=(period.label, ""),
            )
        )
    return KeyFigures(period, tables)


def case_examples_in(period: Period) -> list[Casusvoorbeeld]:
    """The case examples whose period overlaps ``period`` (reports show only title and summary)."""
    return list(
        Casusvoorbeeld.objects.filter(period_start__lte=period.end, period_end__gte=period.start).order_by(
            "period_start", "marked_at", "pk"
        )
    )


def case_examples_visible_to(actor) -> QuerySet[Casusvoorbeeld]:
    """Case examples for the list page: readers of reports see all (they are anonymous); staff who may
    mark examples see those about residents they can see."""
    if actor.has_perm("reports.view_reports"):
        return Casusvoorbeeld.objects.select_related("marked_by")
    if may_mark_case_examples(actor):
        from naleving.residents.selectors import visible_resident_ids

        return Casusvoorbeeld.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
            "marked_by"
        )
    raise PermissionDenied
