"""Writes for residents, benefits and applications. Each runs in one transaction with its audit event."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from naleving.audit.services import audit_record
from naleving.gemeenten.selectors import gemeenten_all, gemeenten_of
from naleving.residents.choices import PrivacyObjectionStatus, RegistratieverzoekStatus
from naleving.residents.models import (
    Application,
    Benefit,
    Correction,
    PrivacyObjection,
    Registratieverzoek,
    Resident,
)
from naleving.residents.selectors import residents_visible_to

_SNAPSHOT_EXCLUDE = ("id",)


def _snapshot(instance) -> dict:
    return {k: v for k, v in model_to_dict(instance).items() if k not in _SNAPSHOT_EXCLUDE}


def _gemeente_for_new_resident(actor, chosen):
    """The municipality a new resident belongs to: the one chosen, which must be one the actor works for;
    when nobody chose, the only one of the organisation or of the actor."""
    allowed = gemeenten_of(actor) if actor is not None else gemeenten_all()
    if chosen is not None:
        if not allowed.filter(pk=chosen.pk).exists():
            raise ValidationError(
                {"gemeente": _("U werkt niet voor gemeente %(name)s.") % {"name": chosen.name}}
            )
        return chosen
    options = list(allowed[:2])
    if len(options) == 1:
        return options[0]
    raise ValidationError({"gemeente": _("Kies de gemeente waar de inwoner woont.")})


@transaction.atomic
def resident_create(*, actor, **fields) -> Resident:
    """Register a resident. Validates the BSN (elfproef) and refuses a BSN that is already registered."""
    bsn = fields.get("bsn", "")
    if Resident.objects.filter(bsn=bsn).exists():
        raise ValidationError(
            {"bsn": _("Er is al een inwoner geregistreerd met BSN %(bsn)s.") % {"bsn": bsn}}
        )
    fields["gemeente"] = _gemeente_for_new_resident(actor, fields.get("gemeente"))
    resident = Resident(**fields)
    resident.full_clean()
    resident.save()
    audit_record(
        actor=actor, code="resident.created", obj=resident, resident_id=resident.pk, after=_snapshot(resident)
    )
    return resident


#: What the requester hears when a registration becomes a request: the same words for every request, so
#: the answer never tells whether (or where) the BSN is known.
REGISTRATION_REQUESTED_MESSAGE = (
    "Uw registratie is als verzoek naar uw teamleider gestuurd. De teamleider handelt het verzoek af en "
    "laat u weten hoe het verder gaat."
)


@dataclass(frozen=True)
class Registration:
    """The outcome of ``resident_register``: exactly one of the three is set."""

    registered: Resident | None = None  # a new resident, in the actor's caseload
    in_own_work: Resident | None = None  # the BSN is already the actor's to see
    request: Registratieverzoek | None = None  # the BSN is registered elsewhere: the teamleider decides


@transaction.atomic
def resident_register(*, actor, **fields) -> Registration:
    """Register a resident from the registration form, without becoming a BSN oracle (issue #14).

    A new BSN is registered (``resident_create``). A BSN the actor may already see is reported as such
    (the view shows it and logs the read). A BSN registered outside the actor's scope becomes a
    registratieverzoek for the teamleider, logged against that resident, and the actor hears only the
    words of any request (``REGISTRATION_REQUESTED_MESSAGE``).
    """
    existing = Resident.objects.filter(bsn=fields.get("bsn", "")).first()
    if existing is None:
        return Registration(registered=resident_create(actor=actor, **fields))
    if residents_visible_to(actor).filter(pk=existing.pk).exists():
        return Registration(in_own_work=existing)
    details = {
        k: v for k, v in fields.items() if k not in ("bsn", "consulent", "fixed_contact_person", "gemeente")
    }
    if fields.get("gemeente") is not None:
        details["gemeente"] = fields["gemeente"].code
    request = Registratieverzoek.objects.create(
        bsn=existing.bsn, details=details, resident=existing, requested_by=actor
    )
    audit_record(
        actor=actor,
        code="resident.registration_requested",
        obj=request,
        resident_id=existing.pk,
        purpose="Registratie: BSN al geregistreerd buiten eigen werkvoorraad",
        after={"verzoek": request.pk},
    )
    return Registration(request=request)


@transaction.atomic
def registratieverzoek_handle(*, actor, request: Registratieverzoek, note: str) -> Registratieverzoek:
    """Close a registratieverzoek with what the teamleider did about it (a transfer, a shared file, nothing)."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Schrijf op wat u met het verzoek hebt gedaan."})
    if request.status != RegistratieverzoekStatus.OPEN:
        raise ValidationError("Dit verzoek is al afgehandeld.")
    request.status = RegistratieverzoekStatus.AFGEHANDELD
    request.handled_by, request.handled_at, request.handling_note = actor, timezone.now(), note
    request.save(update_fields=["status", "handled_by", "handled_at", "handling_note"])
    audit_record(
        actor=actor,
        code="registratieverzoek.handled",
        obj=request,
        resident_id=request.resident_id,
        after={"status": request.status},
    )
    return request


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


#: The fields a correction at the resident's request (AVG art. 16) may change, with their Dutch label.
#: The BSN is not among them: a wrong BSN is a different person, fixed through the BRP, not a correction.
CORRECTABLE_FIELDS: dict[str, str] = {
    "first_names": "Voornamen",
    "prefix": "Tussenvoegsel",
    "family_name": "Achternaam",
    "birth_date": "Geboortedatum",
    "street": "Straat",
    "house_number": "Huisnummer",
    "house_number_suffix": "Toevoeging",
    "postcode": "Postcode",
    "city": "Woonplaats",
    "district": "Wijk",
    "email": "E-mail",
    "phone": "Telefoon",
}


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


@transaction.atomic
def resident_correct(
    *, actor, resident: Resident, field: str, new_value, reason: str, requested_on: date
) -> Correction:
    """Correct one field of ``resident`` at the resident's request (AVG art. 16) and keep the correction.

    The field changes, the ``Correction`` (old and new value, when asked, who, why) is stored and the
    ``resident.corrected`` event written, all in one transaction. A field outside ``CORRECTABLE_FIELDS``,
    an empty reason, a request date in the future or a value equal to the current one is refused.
    """
    if field not in CORRECTABLE_FIELDS:
        raise ValidationError({"field": _("Dit gegeven kan hier niet gecorrigeerd worden.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf op waarom het gegeven onjuist was.")})
    if requested_on > timezone.localdate():
        raise ValidationError({"requested_on": _("De datum van het verzoek ligt in de toekomst.")})
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    model_field = Resident._meta.get_field(field)
    try:
        value = model_field.to_python(new_value.strip() if isinstance(new_value, str) else new_value)
    except ValidationError as exc:
        raise ValidationError({"new_value": exc.messages}) from None
    if field == "postcode" and isinstance(value, str):
        value = value.replace(" ", "").upper()
    old = getattr(resident, field)
    if value == old:
        raise ValidationError({"new_value": _("De nieuwe waarde is gelijk aan de huidige.")})
    setattr(resident, field, value)
    try:
        resident.full_clean()
    except ValidationError as exc:
        messages = exc.message_dict.get(field) or exc.messages
        raise ValidationError({"new_value": messages}) from None
    resident.save()
    correction = Correction.objects.create(
        resident=resident,
        field=field,
        old_value=_as_text(old),
        new_value=_as_text(value),
        requested_on=requested_on,
        reason=reason,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        code="resident.corrected",
        obj=resident,
        resident_id=resident.pk,
        purpose=f"Correctie op verzoek van de inwoner ({Correction.LEGAL_BASIS})",
        before={field: old},
        after={field: value, "correctie": correction.pk, "reden": reason},
    )
    return correction


@transaction.atomic
def privacy_objection_register(
    *, actor, resident: Resident, received_on: date, grounds: str
) -> PrivacyObjection:
    """Register a resident's objection to processing (AVG art. 21) for the FG to decide.

    From now until the FG rejects it, the resident is left out of theme-control selection
    (``selectors.objecting_bsns``)."""
    grounds = (grounds or "").strip()
    if not grounds:
        raise ValidationError({"grounds": _("Schrijf de gronden van de inwoner op.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("De datum van ontvangst ligt in de toekomst.")})
    objection = PrivacyObjection.objects.create(
        resident=resident, received_on=received_on, grounds=grounds, registered_by=actor
    )
    audit_record(
        actor=actor,
        code="privacy_objection.registered",
        obj=objection,
        resident_id=resident.pk,
        purpose="Bezwaar tegen verwerking (AVG art. 21)",
        after={"ontvangen_op": received_on, "status": objection.status},
    )
    return objection


@transaction.atomic
def privacy_objection_decide(
    *, actor, objection: PrivacyObjection, granted: bool, weighing: str, decided_on: date
) -> PrivacyObjection:
    """The FG grants or rejects an objection (AVG art. 21), with the weighing written down.

    The weighing (the resident's compelling grounds against the municipality's legitimate grounds) is
    required. Only the FG (``residents.decide_privacy_objection``) decides, and only an open objection."""
    if not actor.has_perm("residents.decide_privacy_objection"):
        raise PermissionDenied
    weighing = (weighing or "").strip()
    if not weighing:
        raise ValidationError(
            {"weighing": _("Schrijf de afweging op: de gronden van de inwoner tegen die van de gemeente.")}
        )
    objection = PrivacyObjection.objects.select_for_update().get(pk=objection.pk)
    if objection.status != PrivacyObjectionStatus.INGEDIEND:
        raise ValidationError(_("Over dit bezwaar is al beslist."))
    if decided_on < objection.received_on or decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("De beslisdatum ligt vóór de ontvangst of in de toekomst.")})
    objection.status = PrivacyObjectionStatus.TOEGEWEZEN if granted else PrivacyObjectionStatus.AFGEWEZEN
    objection.decided_by, objection.decided_on, objection.weighing = actor, decided_on, weighing
    objection.save(update_fields=["status", "decided_by", "decided_on", "weighing"])
    audit_record(
        actor=actor,
        code="privacy_objection.decided",
        obj=objection,
        resident_id=objection.resident_id,
        purpose="Bezwaar tegen verwerking (AVG art. 21) beslissen (FG)",
        before={"status": PrivacyObjectionStatus.INGEDIEND},
        after={"status": objection.status, "beslist_op": decided_on},
    )
    return objection
