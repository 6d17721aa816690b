"""Reading the audit log: only for users with audit.view_auditevent (the privacy officer)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from naleving.audit.models import AuditEvent
from naleving.audit.permissions import VIEW_EVENTS


def audit_events_for(
    *,
    actor,
    resident_ids: list[int] | None = None,
    username: str = "",
    code: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    if not actor.has_perm(VIEW_EVENTS):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor")
    if resident_ids is not None:
        events = events.filter(resident_id__in=resident_ids)
    if username:
        events = events.filter(actor__username__iexact=username)
    if code:
        events = events.filter(code__startswith=code)
    if date_from:
        events = events.filter(occurred_at__date__gte=date_from)
    if date_to:
        events = events.filter(occurred_at__date__lte=date_to)
    return events.order_by("-id")
