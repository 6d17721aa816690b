"""Reading the audit log: only for users with audit.view_auditevent (the privacy officer).

Three questions: the log searched freely (``audit_events``), who read a resident's file
(``resident_reads``) and what an employee read (``employee_reads``). Reads are the events of the group
"Inzage" (catalogue.GROUPS). The audit log knows residents by id only; the masked BSN comes from
``residents.selectors.audit_subjects`` in the pages that compose both (``dossier.views_audit``).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q, QuerySet

from naleving.audit.catalogue import codes_in_group
from naleving.audit.models import AuditEvent
from naleving.audit.permissions import VIEW_EVENTS

READS = "inzage"


def _check(actor) -> None:
    if actor is None or not actor.has_perm(VIEW_EVENTS):
        raise PermissionDenied


def _in_period(events: QuerySet[AuditEvent], date_from: date | None, date_to: date | None):
    if date_from:
        events = events.filter(occurred_at__date__gte=date_from)
    if date_to:
        events = events.filter(occurred_at__date__lte=date_to)
    return events


def audit_events(actor) -> QuerySet[AuditEvent]:
    """Every event, newest first, with the actor and their current roles; the page's filters narrow it."""
    _check(actor)
    return AuditEvent.objects.select_related("actor").prefetch_related("actor__groups").order_by("-id")


def resident_reads(
    *,
    actor,
    resident_id: int | None,
    date_from: date | None = None,
    date_to: date | None = None,
    bsn_hash: str = "",
) -> QuerySet[AuditEvent]:
    """Every read of resident ``resident_id``'s data (group "Inzage"), newest first; with ``bsn_hash`` also
    every search for that BSN (``resident.searched`` keeps a searched BSN only as its keyed hash)."""
    wanted = (
        Q(resident_id=resident_id, code__in=codes_in_group(READS))
        if resident_id is not None
        else Q(pk__in=[])
    )
    if bsn_hash:
        wanted |= Q(code="resident.searched", after__bsn_hash__icontains=bsn_hash)
    return _in_period(audit_events(actor).filter(wanted), date_from, date_to)


@dataclass(frozen=True)
class Reader:
    """One employee who read a resident's data: how often, first and last time."""

    actor_id: int | None
    actor_name: str
    reads: int
    first: datetime
    last: datetime


def resident_readers(events: QuerySet[AuditEvent]) -> list[Reader]:
    """Who is behind ``resident_reads``: one row per employee (name as recorded), most reads first."""
    rows = (
        events.order_by()
        .values("actor_id", "actor_name")
        .annotate(reads=Count("id"), first=Min("occurred_at"), last=Max("occurred_at"))
        .order_by("-reads", "actor_name")
    )
    return [Reader(**row) for row in rows]


def employee_reads(
    *, actor, employee_id: int, date_from: date | None = None, date_to: date | None = None
) -> QuerySet[AuditEvent]:
    """Everything employee ``employee_id`` read (group "Inzage": files, searches, downloads), newest first."""
    events = audit_events(actor).filter(actor_id=employee_id, code__in=codes_in_group(READS))
    return _in_period(events, date_from, date_to)


@dataclass(frozen=True)
class ReadSummary:
    events: int
    residents: int
    searches: int
    downloads: int


def employee_read_summary(events: QuerySet[AuditEvent]) -> ReadSummary:
    """Totals of ``employee_reads``: events, distinct residents, searches, downloads and exports."""
    totals = events.order_by().aggregate(
        events=Count("id"),
        residents=Count("resident_id", distinct=True),
        searches=Count("id", filter=Q(code__endswith=".searched")),
        downloads=Count(
            "id",
            filter=Q(code__endswith="_downloaded")
            | Q(code__endswith=".exported")
            | Q(code__endswith="_printed"),
        ),
    )
    return ReadSummary(**totals)


def employees(actor) -> QuerySet:
    """Every user, former staff included, to choose whose reads to review."""
    _check(actor)
    return get_user_model().objects.order_by("last_name", "first_name", "username")
