"""Reads of the reports app, the lowest floor of reports: who may read reports and whether they see them
suppressed, and the case examples. Computing a report (``build``) and presenting it to one reader
(``presentation``) sit above this module, so the imports run selectors → build → presentation → views."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from naleving.reports.models import Casusvoorbeeld
from naleving.reports.periods import Period
from naleving.reports.services import may_mark_case_examples


def reader_require(actor) -> None:
    """Raise PermissionDenied unless ``actor`` may read reports."""
    if actor is None or not actor.is_authenticated or not actor.has_perm("reports.view_reports"):
        raise PermissionDenied


def suppressed_for(actor) -> bool:
    """Readers without ``reports.view_unsuppressed`` (policy, management, FG, analysts) get suppression."""
    return not actor.has_perm("reports.view_unsuppressed")


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
