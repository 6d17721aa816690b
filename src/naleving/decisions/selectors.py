"""Actor-scoped reads of decisions (besluiten)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from naleving.decisions.models import Besluit
from naleving.decisions.permissions import VIEW
from naleving.investigations.permissions import CONDUCT
from naleving.investigations.selectors import investigations_visible_to
from naleving.residents.selectors import visible_resident_ids


def besluiten_visible_to(actor) -> QuerySet[Besluit]:
    if not actor.is_authenticated or not actor.has_perm(VIEW):
        return Besluit.objects.none()
    scope = Q(resident_id__in=visible_resident_ids(actor))
    if actor.has_perm(CONDUCT):
        scope |= Q(investigation__in=investigations_visible_to(actor).values("pk"))
    return Besluit.objects.filter(scope).select_related("resident", "recorded_by", "cosigned_by")


def besluit_get(*, actor, besluit_id: int) -> Besluit:
    try:
        return besluiten_visible_to(actor).get(pk=besluit_id)
    except (Besluit.DoesNotExist, ValueError):
        raise Http404("Besluit niet gevonden") from None


def awaiting_decision():
    """Closed investigations with a breach and no besluit yet: the open cases an approved change of the law
    could decide differently (the effect preview of a parameter set). No personal data leaves this read."""
    from naleving.investigations.choices import Outcome, Status
    from naleving.investigations.models import Investigation

    return (
        Investigation.objects.filter(
            status=Status.AFGEROND, outcome=Outcome.SCHENDING, besluiten__isnull=True
        )
        .select_related("resident")
        .prefetch_related("signals", "finding_months")
        .order_by("pk")
    )
