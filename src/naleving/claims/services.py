"""Writes for claims (vorderingen) and repayments (aflossingen). Each runs in one transaction with its audit
event; a claim is followed until it is paid (betaald), waived (kwijtgescholden) or written off (afgeboekt).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.claims.models import Aflossing, ClaimKind, ClaimStatus, PaymentMethod, Vordering, WaiverGround
from naleving.claims.permissions import MANAGE
from naleving.claims.plan import split_budget
from naleving.claims.selectors import draagkracht_room
from naleving.common.formatting import euro
from naleving.residents.selectors import visible_resident_ids

ZERO = Decimal("0.00")


def remaining_of(vordering: Vordering) -> Decimal:
    paid = vordering.aflossingen.aggregate(total=Sum("amount"))["total"] or ZERO
    return vordering.amount - paid


def _require_manager(actor, vordering: Vordering) -> None:
    if not actor.has_perm(MANAGE):
        raise PermissionDenied("U mag geen vorderingen beheren.")
    if not visible_resident_ids(actor).filter(pk=vordering.resident_id).exists():
        raise PermissionDenied("Deze inwoner valt buiten uw caseload.")


def _lock_open(vordering: Vordering) -> Vordering:
    vordering = Vordering.objects.select_for_update().get(pk=vordering.pk)
    if vordering.status != ClaimStatus.OPEN:
        raise ValidationError(f"Deze vordering is niet meer open ({vordering.get_status_display().lower()}).")
    return vordering


def _budget_left(besluit) -> Decimal | None:
    """The resident's monthly draagkracht minus the instalments of their other open claims (see
    ``claims.selectors.draagkracht_room``); None when no norm is known."""
    room = draagkracht_room(besluit=besluit)
    return None if room is None else room.left


@transaction.atomic
def vordering_create_for_besluit(*, actor, besluit) -> list[Vordering]:
    """One claim per recovery and one per fine of a vastgesteld besluit, with a repayment plan.

    ``setoff`` follows the engine (``recovery.setoff_mandatory``: Pw 60(4) makes set-off against the
    assistance mandatory for recovery and fines) while a benefit runs on the decision date; without one the
    resident pays by transfer. The monthly instalments share the draagkracht left (see ``claims.plan``):
    recovery and fine instalments of all the resident's open claims together stay within
    `draagkracht.norm_percentage` (5 % of the norm, beslagvrije voet 95 %) a month (Awb 4:93), so a claim
    created while an earlier one runs gets at most what that one leaves. The resident's row is locked so
    two besluiten recorded at once cannot both take the same room.
    """
    from naleving.claims.draagkracht import fallback_norm
    from naleving.residents.models import Resident

    if besluit.status != "vastgesteld":
        raise ValidationError("Vorderingen ontstaan pas als het besluit is vastgesteld.")
    Resident.objects.select_for_update().filter(pk=besluit.resident_id).first()
    if Vordering.objects.filter(besluit=besluit).exists():
        raise ValidationError("Voor dit besluit zijn de vorderingen al ingesteld.")
    wanted = [(ClaimKind.TERUGVORDERING, besluit.recovery_amount), (ClaimKind.BOETE, besluit.fine_amount)]
    wanted = [(kind, amount) for kind, amount in wanted if amount > 0]
    instalments = split_budget([amount for _, amount in wanted], _budget_left(besluit))
    mandatory = bool(((besluit.engine_response or {}).get("recovery") or {}).get("setoff_mandatory"))
    setoff = mandatory and fallback_norm(besluit.resident, besluit.decision_date) is not None
    created = []
    for (kind, amount), instalment in zip(wanted, instalments, strict=True):
        vordering = Vordering.objects.create(
            resident=besluit.resident,
            besluit=besluit,
            kind=kind,
            amount=amount,
            created_on=timezone.localdate(),
            monthly_instalment=instalment,
            setoff=setoff,
        )
        audit_record(
            actor=actor,
            code="claim.created",
            obj=vordering,
            resident_id=besluit.resident_id,
            after={"soort": kind, "bedrag": amount, "per_maand": instalment, "verrekening": setoff},
        )
        created.append(vordering)
    return created


@transaction.atomic
def aflossing_register(
    *, actor, vordering: Vordering, paid_on: date, amount: Decimal, method: str = PaymentMethod.OVERBOEKING
) -> Aflossing:
    """Register a payment by the resident (``overboeking``) or received after a dwangbevel (``dwangbevel``).
    More than zero, never above what is still open, not in the future; a claim repaid in full becomes
    ``betaald``. Set-off is registered by ``claims.setoff.verrekening_run`` only."""
    _require_manager(actor, vordering)
    vordering = _lock_open(vordering)
    remaining = remaining_of(vordering)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": "Vul een bedrag hoger dan € 0,00 in."})
    if amount > remaining:
        raise ValidationError({"amount": f"Het bedrag is hoger dan wat nog openstaat ({euro(remaining)})."})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "De betaaldatum kan niet in de toekomst liggen."})
    if paid_on < vordering.created_on:
        raise ValidationError(
            {
                "paid_on": f"De betaaldatum ligt vóór het instellen van de vordering ({vordering.created_on:%d-%m-%Y})."
            }
        )
    if method not in (PaymentMethod.OVERBOEKING, PaymentMethod.DWANGBEVEL):
        raise ValidationError(
            {"method": "Verrekening met de uitkering loopt via de maandelijkse verrekening."}
        )
    if method == PaymentMethod.DWANGBEVEL and not vordering.stappen.filter(kind="dwangbevel").exists():
        raise ValidationError({"method": "Er is geen dwangbevel uitgevaardigd voor deze vordering."})
    aflossing = Aflossing.objects.create(
        vordering=vordering, paid_on=paid_on, amount=amount, method=method, registered_by=actor
    )
    audit_record(
        actor=actor,
        code="claim.payment_registered",
        obj=vordering,
        resident_id=vordering.resident_id,
        after={"betaald_op": paid_on, "bedrag": amount, "wijze": method, "openstaand": remaining - amount},
    )
    if remaining - amount == 0:
        _close(actor, vordering, ClaimStatus.BETAALD, "claim.status_changed", paid_on, "Volledig afgelost.")
    return aflossing


def _close(
    actor, vordering: Vordering, status: str, code: str, day: date, reason: str, ground: str = ""
) -> None:
    before = {"status": vordering.status}
    vordering.status, vordering.status_changed_on = status, day
    vordering.status_reason, vordering.waiver_ground, vordering.status_changed_by = reason, ground, actor
    vordering.save(
        update_fields=["status", "status_changed_on", "status_reason", "waiver_ground", "status_changed_by"]
    )
    audit_record(
        actor=actor,
        code=code,
        obj=vordering,
        resident_id=vordering.resident_id,
        purpose=reason[:300],
        before=before,
        after={"status": status, "grond": ground, "openstaand": remaining_of(vordering)},
    )


@transaction.atomic
def vordering_waive(
    *,
    actor,
    vordering: Vordering,
    reason: str,
    ground: str = WaiverGround.OVERIG,
    ten_years: str = "",
    debt_arrangement: str = "",
    requested_on: date | None = None,
) -> Vordering:
    """Waive what is still open (kwijtschelden), with a ground and a written reason. A fine only on the
    ground of Pw 18a(13) (on request, with a debt arrangement, no intent or gross negligence, no new fine of
    the same kind within a year) or another stated ground; a recovery on Pw 58(7) (``ten_years``: paid per
    the plan, or nothing paid and nothing expected; or a one-off payment) or 58(8). See ``claims.waivers``."""
    from naleving.claims.waivers import check_waiver

    _require_manager(actor, vordering)
    vordering = _lock_open(vordering)
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf de reden van de kwijtschelding op."})
    today = timezone.localdate()
    facts = check_waiver(vordering, ground, today, ten_years=ten_years, debt_arrangement=debt_arrangement,
                         requested_on=requested_on)  # fmt: skip
    text = f"{facts} {reason.strip()}".strip()
    _close(actor, vordering, ClaimStatus.KWIJTGESCHOLDEN, "claim.waived", today, text, ground)
    return vordering


@transaction.atomic
def vordering_write_off(*, actor, vordering: Vordering, reason: str) -> Vordering:
    """Write off what is still open as uncollectable (afboeken), with a written reason."""
    _require_manager(actor, vordering)
    vordering = _lock_open(vordering)
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf op waarom de vordering oninbaar is."})
    _close(actor, vordering, ClaimStatus.AFGEBOEKT, "claim.written_off", timezone.localdate(), reason.strip())
    return vordering


@transaction.atomic
def vordering_adjust_for_besluit(*, actor, old, new) -> list[Vordering]:
    """Move the claims of ``old`` to ``new``, the decision on objection that replaced it, and follow its
    amounts: a claim keeps its payments and plan; a lower amount lowers it; nothing left (gegrond) ends it.

    Called by ``decisions.remedies.bezwaar_decide`` (which checks who may decide). A decision on objection is
    never higher (no reformatio in peius, Awb 7:11), so the amount only goes down. Claims has no status
    "vervallen": a claim with nothing left that is still open is closed as ``kwijtgescholden`` with ground
    ``overig`` and a reason naming the decision on objection. When more was paid than the new amount, the
    claim is closed as ``betaald`` and the reason names the amount to pay back.
    """
    amounts = {ClaimKind.BOETE: new.fine_amount, ClaimKind.TERUGVORDERING: new.recovery_amount}
    adjusted = []
    for vordering in Vordering.objects.select_for_update().filter(besluit=old).order_by("pk"):
        before = {"besluit": old.pk, "bedrag": vordering.amount, "status": vordering.status}
        target = amounts[vordering.kind]
        paid = vordering.amount - remaining_of(vordering)
        vordering.besluit = new
        if 0 < target < vordering.amount:
            vordering.amount = target
        if vordering.status != ClaimStatus.OPEN and paid > target:
            refund = f"Terug te betalen na de beslissing op bezwaar {new.kenmerk}: {euro(paid - target)}."
            vordering.status_reason = f"{vordering.status_reason} {refund}".strip()
        vordering.save(update_fields=["besluit", "amount", "status_reason"])
        audit_record(
            actor=actor,
            code="claim.adjusted",
            obj=vordering,
            resident_id=vordering.resident_id,
            purpose=f"Beslissing op bezwaar {new.kenmerk}",
            before=before,
            after={"besluit": new.pk, "bedrag": vordering.amount, "nieuw_bedrag": target, "betaald": paid},
        )
        if vordering.status == ClaimStatus.OPEN and paid >= target:
            _end_after_objection(actor, vordering, new, target, paid)
        adjusted.append(vordering)
    return adjusted


def _end_after_objection(actor, vordering: Vordering, new, target: Decimal, paid: Decimal) -> None:
    """Nothing left to collect: ended (nothing due) or paid (the lower amount is paid already)."""
    refund = max(paid - target, ZERO)
    back = f" Terug te betalen aan de inwoner: {euro(refund)}." if refund else ""
    today = timezone.localdate()
    if target == 0:
        reason = f"Vervallen door de beslissing op bezwaar {new.kenmerk}.{back}"
        _close(actor, vordering, ClaimStatus.KWIJTGESCHOLDEN, "claim.status_changed", today, reason, "overig")
    else:
        reason = f"Betaald na verlaging door de beslissing op bezwaar {new.kenmerk}.{back}"
        _close(actor, vordering, ClaimStatus.BETAALD, "claim.status_changed", today, reason)


@transaction.atomic
def vordering_setoff_stop(*, actor, vordering: Vordering, reason: str) -> Vordering:
    """Stop setting ``vordering`` off against the benefit: there is no running, unsuspended benefit to set off
    against (Pw 60(4), IOAW/IOAZ 28 need one), so the resident pays by transfer. The caller (the letter's
    dispatch, ``decisions.dispatch.letter_send``) checks the actor's rights; ``reason`` is recorded."""
    vordering = Vordering.objects.select_for_update().get(pk=vordering.pk)
    if not vordering.setoff:
        return vordering
    vordering.setoff = False
    vordering.save(update_fields=["setoff"])
    audit_record(
        actor=actor,
        code="claim.setoff_stopped",
        obj=vordering,
        resident_id=vordering.resident_id,
        before={"verrekening": True},
        after={"verrekening": False, "reden": reason},
    )
    return vordering
