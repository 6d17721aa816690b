"""Set-off (verrekening) of claims against the running benefit, month by month, within the room above the
beslagvrije voet; and the finding that a resident does not co-operate with collection (Pw 60(6)).

``verrekening_run(actor, month)`` deducts, for every resident with open set-off claims and a benefit running in
that month, the agreed instalments, oldest claim first, so that all deductions of the resident in that month
together never exceed the draagkracht room (`draagkracht.norm_percentage` of the norm: 5 %, beslagvrije voet
95 %; Awb 4:93, legal-rules.md §3). Pw 60(6): when the resident does not co-operate with collection
(``Vordering.non_cooperation``), that claim's agreed instalment is deducted in full, also above the room.
A run is all-or-nothing, audited per deduction, and idempotent: one ``Aflossing`` (method verrekening) per
claim and month (a database constraint too), so a re-run adds nothing.

Not modelled: a suspension (opschorting) of the benefit in the month; the payment office stops set-off for a
suspended benefit (see ``decisions.dispatch`` for the letter's check on the sent day).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.claims.draagkracht import draagkracht_per_month
from naleving.claims.models import Aflossing, ClaimStatus, PaymentMethod, Vordering
from naleving.claims.permissions import MANAGE
from naleving.claims.plan import add_months
from naleving.claims.services import _close, _lock_open, _require_manager, remaining_of
from naleving.common.formatting import month_year
from naleving.residents.selectors import visible_resident_ids

ZERO = Decimal("0.00")


@dataclass
class SetoffResult:
    month: date
    residents: int = 0
    deductions: int = 0
    amount: Decimal = ZERO
    already: int = 0
    no_room: int = 0
    paid_off: int = 0
    skipped_residents: list[int] = field(default_factory=list)
    suspended: int = 0

    def as_dict(self) -> dict:
        return {"maand": self.month, "inwoners": self.residents, "verrekeningen": self.deductions,
                "bedrag": self.amount, "al_verrekend": self.already, "geen_ruimte": self.no_room,
                "afgelost": self.paid_off, "opgeschort": self.suspended}  # fmt: skip


def month_start(month: date) -> date:
    return month.replace(day=1)


def _benefit_in(resident, start: date, end: date):
    running = Q(end_date__isnull=True) | Q(end_date__gte=start)
    return resident.benefits.filter(running, start_date__lte=end).order_by("-start_date").first()


def _suspended_in(resident, start: date, end: date) -> bool:
    """Whether a suspension of the benefit (Pw 54) that took effect overlaps the month."""
    for opschorting in resident.opschortingen.filter(takes_effect_on__isnull=False, takes_effect_on__lte=end):
        if opschorting.ends_on >= start:
            return True
    return False


def room_for(resident, claims: list[Vordering], month: date, benefit) -> Decimal | None:
    """The resident's draagkracht room in ``month``: the household and profile of the latest besluit with a
    set-off claim, the norm of the rules on the first of the month (else the benefit's norm)."""
    from naleving.ruleset.selectors import source

    besluit = next((v.besluit for v in sorted(claims, key=lambda v: -v.pk) if v.besluit_id), None)
    household = ((besluit.engine_request or {}).get("household") if besluit else None) or {
        "type": resident.household_type
    }
    _, registry = source()
    return draagkracht_per_month(
        profile=(besluit.profile if besluit else "") or "landelijk",
        household=household,
        on=month,
        registry=registry,
        fallback_norm=benefit.norm_amount,
    )


def _setoff_claims(actor, month: date):
    claims = Vordering.objects.filter(
        status=ClaimStatus.OPEN,
        setoff=True,
        start_on__isnull=False,
        start_on__lte=add_months(month, 1) - timedelta(days=1),
    )
    if actor is not None:
        claims = claims.filter(resident_id__in=visible_resident_ids(actor))
    return claims.select_related("resident", "besluit").order_by("resident_id", "created_on", "pk")


@transaction.atomic
def verrekening_run(*, actor, month: date) -> SetoffResult:
    """Deduct the instalments of ``month`` (any day of it; the first is used) from the running benefits.
    ``actor`` None is the operator (the management command): every resident; else the actor's scope and
    ``claims.manage_vordering``. Refused for a month after the current one."""
    if actor is not None and not actor.has_perm(MANAGE):
        raise PermissionDenied("U mag geen vorderingen beheren.")
    month = month_start(month)
    if month > month_start(timezone.localdate()):
        raise ValidationError(f"De maand {month_year(month)} is nog niet begonnen. Verreken niet vooruit.")
    result = SetoffResult(month=month)
    end = add_months(month, 1) - timedelta(days=1)
    by_resident: dict[int, list[Vordering]] = {}
    for vordering in _setoff_claims(actor, month).select_for_update(of=("self",)):
        by_resident.setdefault(vordering.resident_id, []).append(vordering)
    for claims in by_resident.values():
        resident = claims[0].resident
        benefit = _benefit_in(resident, month, end)
        if benefit is None:
            result.skipped_residents.append(resident.pk)
            continue
        if _suspended_in(resident, month, end):
            # Pw 54: the payment is suspended, so there is nothing to set off against this month
            result.suspended += 1
            continue
        result.residents += 1
        _run_resident(actor, resident, claims, month, benefit, result)
    audit_record(actor=actor, code="claim.setoff_run", purpose=f"Verrekening {month_year(month)}",
                 after=result.as_dict())  # fmt: skip
    return result


def _run_resident(
    actor, resident, claims: list[Vordering], month: date, benefit, result: SetoffResult
) -> None:
    room = room_for(resident, claims, month, benefit)
    taken = (
        Aflossing.objects.filter(
            vordering__resident=resident, method=PaymentMethod.VERREKENING, period=month
        ).aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    left = max((room or ZERO) - taken, ZERO)
    for vordering in claims:
        if Aflossing.objects.filter(
            vordering=vordering, method=PaymentMethod.VERREKENING, period=month
        ).exists():
            result.already += 1
            continue
        remaining = remaining_of(vordering)
        agreed = min(vordering.monthly_instalment or ZERO, remaining)
        amount = agreed if vordering.non_cooperation else min(agreed, left)
        if amount <= 0:
            result.no_room += 1
            continue
        left = max(left - amount, ZERO)
        Aflossing.objects.create(vordering=vordering, paid_on=max(month, vordering.created_on), amount=amount,
                                 method=PaymentMethod.VERREKENING, period=month, registered_by=actor)  # fmt: skip
        audit_record(
            actor=actor,
            code="claim.setoff_deducted",
            obj=vordering,
            resident_id=vordering.resident_id,
            after={"maand": month, "bedrag": amount, "ruimte": room, "niet_meewerken": vordering.non_cooperation,
                   "openstaand": remaining - amount},
        )  # fmt: skip
        result.deductions += 1
        result.amount += amount
        if remaining - amount == 0:
            _close(actor, vordering, ClaimStatus.BETAALD, "claim.status_changed", month,
                   f"Volledig afgelost door verrekening ({month_year(month)}).")  # fmt: skip
            result.paid_off += 1


@transaction.atomic
def non_cooperation_record(*, actor, vordering: Vordering, since: date, reason: str) -> Vordering:
    """Record that the resident does not co-operate with collection (Pw 60(6)): set-off of this claim may then
    go beyond the room above the beslagvrije voet. A written reason is required."""
    _require_manager(actor, vordering)
    vordering = _lock_open(vordering)
    if not reason.strip():
        raise ValidationError(
            {"reason": "Schrijf op waaruit blijkt dat de inwoner niet meewerkt (art. 60 lid 6 Pw)."}
        )
    if since > timezone.localdate():
        raise ValidationError({"since": "De datum kan niet in de toekomst liggen."})
    if vordering.non_cooperation:
        raise ValidationError(
            f"Niet-meewerken is al vastgelegd sinds {vordering.non_cooperation_since:%d-%m-%Y}."
        )
    vordering.non_cooperation, vordering.non_cooperation_since = True, since
    vordering.non_cooperation_reason = reason.strip()
    vordering.save(update_fields=["non_cooperation", "non_cooperation_since", "non_cooperation_reason"])
    audit_record(actor=actor, code="claim.non_cooperation_recorded", obj=vordering,
                 resident_id=vordering.resident_id, purpose=reason.strip()[:300],
                 after={"sinds": since, "reden": reason.strip()})  # fmt: skip
    return vordering


@transaction.atomic
def non_cooperation_lift(*, actor, vordering: Vordering, reason: str) -> Vordering:
    """Lift the Pw 60(6) finding: set-off stays within the room again. A written reason is required."""
    _require_manager(actor, vordering)
    vordering = _lock_open(vordering)
    if not vordering.non_cooperation:
        raise ValidationError("Voor deze vordering is geen niet-meewerken vastgelegd.")
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf op waarom het niet-meewerken wordt opgeheven."})
    before = {"sinds": vordering.non_cooperation_since, "reden": vordering.non_cooperation_reason}
    vordering.non_cooperation, vordering.non_cooperation_since = False, None
    vordering.non_cooperation_reason = ""
    vordering.save(update_fields=["non_cooperation", "non_cooperation_since", "non_cooperation_reason"])
    audit_record(actor=actor, code="claim.non_cooperation_lifted", obj=vordering,
                 resident_id=vordering.resident_id, purpose=reason.strip()[:300], before=before,
                 after={"reden": reason.strip()})  # fmt: skip
    return vordering
