"""Actor-scoped reads of claims (vorderingen)."""

from decimal import Decimal

from django.db.models import DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

from naleving.claims.models import Vordering
from naleving.claims.plan import RepaymentPlan, repayment_plan
from naleving.residents.selectors import TimelineEntry, visible_resident_ids
from naleving.web.formatting import euro


def vorderingen_visible_to(actor) -> QuerySet[Vordering]:
    if not actor.is_authenticated or not actor.has_perm("claims.view_vordering"):
        return Vordering.objects.none()
    return (
        Vordering.objects.filter(resident_id__in=visible_resident_ids(actor))
        .select_related("resident")
        .annotate(paid=Coalesce(Sum("aflossingen__amount"), Value(Decimal("0")), output_field=DecimalField()))
        .order_by("-created_on", "-id")
    )


def vordering_get(*, actor, vordering_id: int) -> Vordering:
    try:
        return vorderingen_visible_to(actor).get(pk=vordering_id)
    except (Vordering.DoesNotExist, ValueError):
        raise Http404("Vordering niet gevonden") from None


def vordering_plan(vordering: Vordering) -> RepaymentPlan:
    """The repayment plan of an open claim: instalment, what is open and the expected last month."""
    from naleving.claims.models import ClaimStatus

    payments = list(vordering.aflossingen.all())
    remaining = vordering.amount - sum((p.amount for p in payments), Decimal("0.00"))
    if vordering.status != ClaimStatus.OPEN:
        remaining = Decimal("0.00")
    last = max([vordering.created_on, *(p.paid_on for p in payments)])
    return repayment_plan(remaining=remaining, instalment=vordering.monthly_instalment, last_activity=last)


def claim_timeline(*, actor, resident) -> list[TimelineEntry]:
    entries = []
    for claim in (
        vorderingen_visible_to(actor).filter(resident=resident).prefetch_related("aflossingen__registered_by")
    ):
        url = reverse("claims:detail", args=[claim.pk])
        entries.append(
            TimelineEntry(
                claim.created_on,
                "vordering",
                f"Vordering ingesteld: {claim.get_kind_display()}",
                euro(claim.amount),
                "",
                url,
            )
        )
        for payment in claim.aflossingen.all():
            entries.append(
                TimelineEntry(
                    payment.paid_on,
                    "vordering",
                    "Aflossing ontvangen",
                    euro(payment.amount),
                    _name(payment.registered_by),
                    url,
                )
            )
    return entries


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""
