"""Reads of the reports app, the lowest floor of reports: the case examples (who may read reports and
whether suppressed: ``permissions``). Computing a report (``build``) and presenting it to one reader
(``presentation``) sit above this module, so the imports run selectors → build → presentation → views."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from naleving.reports.models import Casusvoorbeeld
from naleving.reports.periods import Period
from naleving.reports.permissions import VIEW_REPORTS, may_mark_case_examples
from naleving.residents.selectors import visible_resident_ids


def case_examples_in(period: Period, gemeenten: tuple[int, ...] = ()) -> list[Casusvoorbeeld]:
    """The case examples whose period overlaps ``period`` (reports show only title and summary), about
    residents of ``gemeenten`` (primary keys; empty: every municipality)."""
    qs = Casusvoorbeeld.objects.filter(period_start__lte=period.end, period_end__gte=period.start)
    if gemeenten:
        qs = qs.filter(resident__gemeente_id__in=gemeenten)
    return list(qs.order_by("period_start", "marked_at", "pk"))


def case_examples_visible_to(actor) -> QuerySet[Casusvoorbeeld]:
    """Case examples for the list page: readers of reports see all (they are anonymous); staff who may
    mark examples see those about residents they can see."""
    if actor.has_perm(VIEW_REPORTS):
        return Casusvoorbeeld.objects.select_related("marked_by")
    if may_mark_case_examples(actor):
        return Casusvoorbeeld.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
            "marked_by"
        )
    raise PermissionDenied
