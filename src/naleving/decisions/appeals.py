"""Writes for beroep (rechtbank) and hoger beroep (Centrale Raad van Beroep) against a decision on objection
(Awb 8:1, 7:1, 8:104): registered with the lodging date, court and case number, then the judgment with its
date and the day it was sent (the hoger-beroep term runs from it, Awb 6:8). Whether an appeal was in time is
the court's to judge; the page warns when it was lodged after the term. Re-exported by ``decisions.remedies``.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from naleving.audit.services import audit_record
from naleving.decisions import finality
from naleving.decisions.models import (
    Beroep,
    BeroepInstance,
    BeroepOutcome,
    Besluit,
    BesluitKind,
    BesluitStatus,
)
from naleving.decisions.remedy_checks import d as _d
from naleving.decisions.remedy_checks import not_future as _not_future
from naleving.decisions.remedy_checks import require_handler as _require_handler
from naleving.investigations.access import access_final_on_refresh


def _check_appealable(besluit: Besluit, instance: str, lodged_on: date) -> None:
    if instance not in BeroepInstance.values:
        raise ValidationError({"instance": "Kies beroep of hoger beroep."})
    if besluit.kind != BesluitKind.OP_BEZWAAR or besluit.status != BesluitStatus.VASTGESTELD:
        raise ValidationError(
            "Beroep staat open tegen de beslissing op bezwaar, niet tegen het primaire besluit (art. 7:1 Awb)."
        )
    _not_future("lodged_on", lodged_on, "het beroep is ingesteld")
    if lodged_on < besluit.decision_date:
        raise ValidationError(
            {
                "lodged_on": f"Het beroep is ingesteld vóór de beslissing op bezwaar ({_d(besluit.decision_date)})."
            }
        )
    appeals = besluit.beroepen.exclude(outcome=BeroepOutcome.INGETROKKEN)
    if appeals.filter(instance=instance).exists():
        label = BeroepInstance(instance).label.split(" (")[0].lower()
        raise ValidationError(f"Er is al {label} ingesteld tegen deze beslissing op bezwaar.")
    if instance == BeroepInstance.HOGER_BEROEP:
        judged = appeals.filter(instance=BeroepInstance.BEROEP).exclude(outcome="").first()
        if judged is None:
            raise ValidationError("Hoger beroep kan pas na de uitspraak van de rechtbank.")
        if lodged_on < judged.outcome_on:
            raise ValidationError(
                {
                    "lodged_on": f"Het hoger beroep ligt vóór de uitspraak van de rechtbank ({_d(judged.outcome_on)})."
                }
            )


@transaction.atomic
def beroep_register(
    *, actor, besluit: Besluit, instance: str, lodged_on: date, court: str = "", case_number: str = ""
) -> Beroep:
    """Register beroep (rechtbank) or hoger beroep (Centrale Raad van Beroep) against a decision on
    objection. Whether it was in time is the court's to judge; the audit event records the term."""
    _require_handler(actor, besluit)
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    _check_appealable(besluit, instance, lodged_on)
    beroep = Beroep.objects.create(
        besluit=besluit,
        instance=instance,
        lodged_on=lodged_on,
        court=court.strip(),
        case_number=case_number.strip(),
        registered_by=actor,
    )
    access_final_on_refresh([besluit.investigation_id])
    audit_record(
        actor=actor,
        code="appeal.registered",
        obj=beroep,
        resident_id=besluit.resident_id,
        purpose=f"{beroep.get_instance_display()} tegen {besluit.kenmerk}",
        after={"instantie": instance, "ingesteld_op": lodged_on, "zaaknummer": beroep.case_number},
    )
    return beroep


def appeal_deadline(besluit: Besluit, instance: str) -> date | None:
    """The last day of the term for ``instance`` against ``besluit`` (a decision on objection), if known."""
    if instance == BeroepInstance.BEROEP:
        return finality.beroep_deadline(besluit)
    judged = besluit.beroepen.filter(instance=BeroepInstance.BEROEP).exclude(outcome="").first()
    return None if judged is None else finality.hoger_beroep_deadline(judged)


@transaction.atomic
def beroep_outcome(
    *, actor, beroep: Beroep, outcome: str, outcome_on: date, judgment_sent_on: date | None = None
) -> Beroep:
    """Record the judgment: its outcome and date, and the day it was sent (the hoger-beroep term runs from
    that day; left empty, the judgment date counts)."""
    _require_handler(actor, beroep.besluit)
    beroep = Beroep.objects.select_for_update().select_related("besluit").get(pk=beroep.pk)
    if beroep.outcome:
        raise ValidationError("De uitspraak is al vastgelegd.")
    if outcome not in BeroepOutcome.values:
        raise ValidationError({"outcome": "Kies de uitkomst."})
    _not_future("outcome_on", outcome_on, "uitspraak is gedaan")
    _not_future("judgment_sent_on", judgment_sent_on, "de uitspraak is verzonden")
    if outcome_on < beroep.lodged_on:
        raise ValidationError(
            {"outcome_on": f"De uitspraak ligt vóór het instellen van het beroep ({_d(beroep.lodged_on)})."}
        )
    if judgment_sent_on is not None and judgment_sent_on < outcome_on:
        raise ValidationError(
            {"judgment_sent_on": "De uitspraak kan niet vóór de uitspraakdatum zijn verzonden."}
        )
    beroep.outcome, beroep.outcome_on, beroep.judgment_sent_on = outcome, outcome_on, judgment_sent_on
    beroep.save(update_fields=["outcome", "outcome_on", "judgment_sent_on"])
    access_final_on_refresh([beroep.besluit.investigation_id])
    audit_record(
        actor=actor,
        code="appeal.decided",
        obj=beroep,
        resident_id=beroep.besluit.resident_id,
        after={"uitkomst": outcome, "uitspraak_op": outcome_on, "verzonden_op": judgment_sent_on},
    )
    return beroep
