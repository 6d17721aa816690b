"""Actor-scoped reads of signals."""

from django.db.models import BooleanField, Case, ExpressionWrapper, Q, QuerySet, When
from django.db.models.functions import Coalesce

from naleving.gemeenten.selectors import gemeente_scope
from naleving.residents.selectors import (
    few_residents_in_scope,
    in_scope_by_parts,
    narrowed_to_one_resident,
    resident_scope,
)
from naleving.signals.models import ImportBatch, Signal


def may_see_signals(actor) -> bool:
    """Whether ``actor`` sees signals at all. ``dossier.reads`` reads a resident that ``resident_get`` gave the actor by this test alone: every row of theirs, or none
    (``signals_visible_to`` gives all of such a resident's signals, each with ``resident_in_scope``)."""
    return actor.is_authenticated and actor.has_perm("signals.view_signal")


def signals_visible_to(actor, *, per_row: bool = False) -> QuerySet[Signal]:
    """The signals ``actor`` may see, each annotated with ``resident_in_scope``.

    Whoever registered a signal always sees it, whatever BSN they gave (issue #14: no oracles): were it
    hidden when the BSN matched someone outside their scope, the 404 or the redirect would say so. For
    such a signal ``resident_in_scope`` is False, and pages and the API must show it as they show an
    unlinked one: no name, no link, no resident id.

    ``per_row`` gives the same rows with the resident's scope tested on each signal's joined resident
    instead of as the set of every resident in scope (``IN``): for the first pages of a list
    (``common.paging``). PostgreSQL builds that set in full before it reads a row (a team's 50,000 residents
    at 100,000: 7 ms), where the first page needs a few dozen signals in date order. For counting and deep
    pages, where most signals are read, the set is cheaper. A handhaver's investigations are then an
    ``EXISTS`` on each signal's resident: no faster for his first pages than his set, but a deep page's 25 rows
    read again without building that set twice (25 → 3 ms at 100,000 residents; ``ScopedListView``'s
    ``rows_again_queryset``). The one resident whose page is built stays the set of that one id.
    """
    if not may_see_signals(actor):
        return Signal.objects.none()
    if per_row and not narrowed_to_one_resident():
        # an empty Q (every resident) would vanish from the OR below: "linked to a resident" instead
        in_scope = resident_scope(actor, prefix="resident__", per_row=True) or Q(resident__isnull=False)
    else:
        in_scope = in_scope_by_parts(actor)
    scope = in_scope | Q(registered_by=actor)
    if actor.has_perm("signals.triage_signal"):
        # Unlinked signals: those of the municipalities the actor works for (ADR 0021).
        scope |= Q(resident__isnull=True) & gemeente_scope(actor)
    return (
        Signal.objects.filter(scope)
        .annotate(resident_in_scope=_resident_in_scope(actor, in_scope))
        .select_related("resident", "registered_by")
    )


def _resident_in_scope(actor, in_scope: Q) -> Case:
    """Whether a signal that passed the scope filter shows a resident in ``actor``'s scope.

    A signal the actor did not register passed the filter only through its resident in scope, or as an
    unlinked one: for it the answer is whether it has a resident at all. Only his own registrations are
    asked again: on the resident row the list joins anyway (``resident_scope`` through ``resident__``), or,
    where the scope is a few ids (a handhaver's investigations, or the one resident whose page is built),
    with the filter's own ``in_scope`` (the same SQL, cheaper to build). Asking the scope's ``IN`` for every
    row made PostgreSQL build the set of every resident in scope twice per list (a consulent's 17,000
    residents at 100,000: 7 ms each time)."""
    own = in_scope if few_residents_in_scope(actor) else resident_scope(actor, prefix="resident__")
    return Case(
        # false, never NULL (a NULL column in the scope's test would make it NULL)
        When(registered_by=actor, then=Coalesce(ExpressionWrapper(own, output_field=BooleanField()), False)),
        default=Q(resident_id__isnull=False),
        output_field=BooleanField(),
    )


def shown_resident(signal: Signal):
    """The signal's resident as the actor may see it: None when unlinked or outside their scope.

    A signal without the annotation was not read through ``signals_visible_to`` (internal code that has
    already decided); it shows its resident."""
    return signal.resident if getattr(signal, "resident_in_scope", True) else None


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
