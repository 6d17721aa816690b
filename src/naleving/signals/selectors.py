"""Actor-scoped reads of signals."""

from django.db.models import Q, QuerySet

from naleving.residents.selectors import visible_resident_ids
from naleving.signals.models import ImportBatch, Signal


def signals_visible_to(actor) -> QuerySet[Signal]:
    if not actor.is_authenticated or not actor.has_perm("signals.view_signal"):
        return Signal.objects.none()
    scope = Q(resident_id__in=visible_resident_ids(actor))
    if actor.has_perm("signals.triage_signal"):
        scope |= Q(resident__isnull=True)
    return Signal.objects.filter(scope).select_related("resident", "registered_by")


def signal_get(*, actor, signal_id: int) -> Signal:
    try:
        return signals_visible_to(actor).get(pk=signal_id)
    except (Signal.DoesNotExist, ValueError):
        raise Signal.DoesNotExist("Signaal niet gevonden") from None


def import_batches_recent(actor, limit: int = 10) -> QuerySet[ImportBatch]:
    """The latest imported IB files (no personal data: name, time, row count, who), for those who import."""
    if not actor.is_authenticated or not actor.has_perm("signals.triage_signal"):
        return ImportBatch.objects.none()
    return ImportBatch.objects.select_related("imported_by").order_by("-imported_at", "-id")[:limit]
