"""Writes for residents, benefits and applications. Each runs in one transaction with its audit event."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from naleving.audit.services import audit_record
from naleving.residents.models import Application, Benefit, Resident

_SNAPSHOT_EXCLUDE = ("id",)


def _snapshot(instance) -> dict:
    return {k: v for k, v in model_to_dict(instance).items() if k not in _SNAPSHOT_EXCLUDE}


@transaction.atomic
def resident_create(*, actor, **fields) -> Resident:
    """Register a resident. Validates the BSN (elfproef) and refuses a BSN that is already registered."""
    bsn = fields.get("bsn", "")
    if Resident.objects.filter(bsn=bsn).exists():
        raise ValidationError(
            {"bsn": _("Er is al een inwoner geregistreerd met BSN %(bsn)s.") % {"bsn": bsn}}
        )
    resident = Resident(**fields)
    resident.full_clean()
    resident.save()
    audit_record(
        actor=actor, code="resident.created", obj=resident, resident_id=resident.pk, after=_snapshot(resident)
    )
    return resident


@transaction.atomic
def resident_update(*, actor, resident: Resident, **changes) -> Resident:
    before = _snapshot(resident)
    for name, value in changes.items():
        setattr(resident, name, value)
    resident.full_clean()
    resident.save()
    after = _snapshot(resident)
    changed = {k: after[k] for k in after if after[k] != before.get(k)}
    audit_record(
        actor=actor,
        code="resident.changed",
        obj=resident,
        resident_id=resident.pk,
        before={k: before.get(k) for k in changed},
        after=changed,
    )
    return resident


@transaction.atomic
def benefit_create(
    *,
    actor,
    resident: Resident,
    regulation: str,
    start_date: date,
    end_date: date | None,
    monthly_amount: Decimal,
    norm_amount: Decimal,
    household_type: str,
    kostendelers: int = 1,
) -> Benefit:
    """Record a benefit. An end date before the start date is refused with a clear message."""
    if end_date is not None and end_date < start_date:
        raise ValidationError(
            {
                "end_date": _("De einddatum (%(end)s) ligt vóór de ingangsdatum (%(start)s).")
                % {"end": end_date.strftime("%d-%m-%Y"), "start": start_date.strftime("%d-%m-%Y")}
            }
        )
    benefit = Benefit(
        resident=resident,
        regulation=regulation,
        start_date=start_date,
        end_date=end_date,
        monthly_amount=monthly_amount,
        norm_amount=norm_amount,
        household_type=household_type,
        kostendelers=kostendelers,
    )
    benefit.full_clean()
    benefit.save()
    audit_record(
        actor=actor, code="benefit.created", obj=benefit, resident_id=resident.pk, after=_snapshot(benefit)
    )
    return benefit


@transaction.atomic
def application_register(*, actor, resident: Resident, regulation: str, received_on: date) -> Application:
    application = Application(
        resident=resident, regulation=regulation, received_on=received_on, handled_by=actor
    )
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        code="application.registered",
        obj=application,
        resident_id=resident.pk,
        after=_snapshot(application),
    )
    return application


@transaction.atomic
def application_decide(*, actor, application: Application, outcome: str, decided_on: date) -> Application:
    """Record the outcome of an application at the gate (granted, refused, withdrawn) for indicator G1."""
    from naleving.residents.choices import ApplicationOutcome

    if outcome not in ApplicationOutcome.values or outcome == ApplicationOutcome.IN_BEHANDELING:
        raise ValidationError({"outcome": _("Kies de uitkomst: toegekend, afgewezen of ingetrokken.")})
    if decided_on < application.received_on:
        raise ValidationError(
            {
                "decided_on": _("De beslisdatum ligt vóór de datum van ontvangst (%(received)s).")
                % {"received": application.received_on.strftime("%d-%m-%Y")}
            }
        )
    before = {"uitkomst": application.outcome, "beslist_op": application.decided_on}
    application.outcome, application.decided_on, application.handled_by = outcome, decided_on, actor
    application.full_clean()
    application.save(update_fields=["outcome", "decided_on", "handled_by"])
    audit_record(
        actor=actor,
        code="application.decided",
        obj=application,
        resident_id=application.resident_id,
        before=before,
        after={"uitkomst": outcome, "beslist_op": decided_on},
    )
    return application
