"""Actor-scoped reads of signals."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from naleving.residents.selectors import TimelineEntry, visible_resident_ids
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
        raise Http404("Signaal niet gevonden") from None


def signal_timeline(*, actor, resident) -> list[TimelineEntry]:
    """The resident's signals. The caller (resident_timeline) has already checked access to the resident,
    and every signal of a visible resident is visible, so the query filters on the resident alone."""
    if not actor.has_perm("signals.view_signal"):
        return []
    entries = []
    signals = Signal.objects.filter(resident=resident).select_related("registered_by", "triaged_by")
    for signal in signals:
        url = reverse("signals:detail", args=[signal.pk])
        entries.append(
            TimelineEntry(
                signal.received_on,
                "signaal",
                f"Signaal ontvangen: {signal.get_kind_display()}",
                f"Herkomst: {signal.get_origin_display()}",
                _name(signal.registered_by),
                url,
            )
        )
        if signal.triaged_at:
            entries.append(
                TimelineEntry(
                    signal.triaged_at,
                    "triage",
                    f"Signaal beoordeeld: {signal.get_route_display()}",
                    signal.triage_motivation,
                    _name(signal.triaged_by),
                    url,
                )
            )
    return entries


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def import_batches_recent(actor, limit: int = 10) -> QuerySet[ImportBatch]:
    """The latest imported IB files (no personal data: name, time, row count, who), for those who import."""
    if not actor.is_authenticated or not actor.has_perm("signals.triage_signal"):
        return ImportBatch.objects.none()
    return ImportBatch.objects.select_related("imported_by").order_by("-imported_at", "-id")[:limit]
