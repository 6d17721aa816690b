"""Actor-scoped reads of claims (vorderingen), and the draagkracht room their instalments share."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from naleving import rules
from naleving.claims.draagkracht import draagkracht_per_month, fallback_norm
from naleving.claims.models import Aflossing, ClaimStatus, Vordering
from naleving.claims.plan import RepaymentPlan, repayment_plan
from naleving.residents.selectors import resident_ids_in_scope
from naleving.ruleset.selectors import registry_at

#: What was paid on the claim so far, as a subquery per row (not a join with GROUP BY): the list's count
#: then leaves it out, and a page of 25 claims sums the repayments of those 25 only.
_paid = Subquery(
    Aflossing.objects.filter(vordering=OuterRef("pk"))
    .order_by()
    .values("vordering")
    .annotate(total=Sum("amount"))
    .values("total")[:1],
    output_field=DecimalField(),
)


def vorderingen_visible_to(actor) -> QuerySet[Vordering]:
    return (
        vorderingen_in_scope(actor)
        .select_related("resident")
        .annotate(paid=Coalesce(_paid, Value(Decimal("0")), output_field=DecimalField()))
        .order_by("-created_on", "-id")
    )


def may_see_claims(actor) -> bool:
    """Whether ``actor`` sees claims at all. ``dossier.reads`` reads a resident that ``resident_get`` gave the actor by this test alone: every row of theirs, or none."""
    return actor.is_authenticated and actor.has_perm("claims.view_vordering")


def vorderingen_in_scope(actor) -> QuerySet[Vordering]:
    """The same claims as ``vorderingen_visible_to``, without the amount paid: for counts, which then need
    no join with the repayments and no GROUP BY."""
    if not may_see_claims(actor):
        return Vordering.objects.none()
    return Vordering.objects.filter(resident_id__in=resident_ids_in_scope(actor))


def vordering_get(*, actor, vordering_id: int) -> Vordering:
    try:
        return vorderingen_visible_to(actor).get(pk=vordering_id)
    except (Vordering.DoesNotExist, ValueError):
        raise Vordering.DoesNotExist("Vordering niet gevonden") from None


def vordering_plan(vordering: Vordering) -> RepaymentPlan:
    """The repayment plan of an open claim: instalment, what is open and the expected last month."""
    from naleving.claims.models import ClaimStatus

    payments = list(vordering.aflossingen.all())
    remaining = vordering.amount - sum((p.amount for p in payments), Decimal("0.00"))
    if vordering.status != ClaimStatus.OPEN:
        remaining = Decimal("0.00")
    last = max([vordering.created_on, *(p.paid_on for p in payments)])
    return repayment_plan(remaining=remaining, instalment=vordering.monthly_instalment, last_activity=last)


@dataclass(frozen=True)
class Draagkracht:
    """The monthly room for all open claims of one resident together (Awb 4:93: recovery and fine instalments
    set off against the benefit stay above the beslagvrije voet) and what the resident's other open claims
    already take of it. ``percentage`` is `draagkracht.norm_percentage` on the decision date (5 % of the norm
    since CRvB 4-8-2020: beslagvrije voet 95 %), None when the rules know none."""

    per_month: Decimal
    taken: Decimal
    percentage: Decimal | None

    @property
    def left(self) -> Decimal:
        return max(self.per_month - self.taken, Decimal("0.00"))

    @property
    def beslagvrij(self) -> Decimal | None:
        """The part of the norm (in %) the resident always keeps, the beslagvrije voet; None when unknown."""
        return None if self.percentage is None else Decimal(100) - self.percentage


def draagkracht_room(*, besluit, excluding: Vordering | None = None) -> Draagkracht | None:
    """The draagkracht of the besluit's resident on its decision date. ``taken`` counts the instalments of
    the resident's open claims except those of this besluit, or, with ``excluding``, except that one claim.
    None when neither the rules nor the running benefit give a norm. Pw 60(6) (no co-operation with
    collection lifts the limit) applies to the monthly set-off of a claim with that finding
    (``claims.setoff``); a new claim's plan always stays within the room."""
    per_month = draagkracht_per_month(
        profile=besluit.profile,
        household=(besluit.engine_request or {}).get("household")
        or {"type": besluit.resident.household_type},
        on=besluit.decision_date,
        registry=registry_at(besluit.parameter_set_seq),
        fallback_norm=fallback_norm(besluit.resident, besluit.decision_date),
    )
    if per_month is None:
        return None
    others = Vordering.objects.filter(resident_id=besluit.resident_id, status=ClaimStatus.OPEN)
    others = others.exclude(pk=excluding.pk) if excluding else others.exclude(besluit=besluit)
    taken = others.aggregate(total=Sum("monthly_instalment"))["total"] or Decimal("0.00")
    return Draagkracht(per_month=per_month, taken=taken, percentage=_percentage(besluit))


def _percentage(besluit) -> Decimal | None:
    try:
        registry = registry_at(besluit.parameter_set_seq)
        in_force = rules.parameters_in_force(besluit.profile, besluit.decision_date, registry)["parameters"]
        return Decimal(str(in_force["draagkracht.norm_percentage"]["value"]))
    except (rules.UnknownProfile, KeyError):
        return None
