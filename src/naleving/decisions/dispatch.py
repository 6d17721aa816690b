"""Sending a decision letter (bekendmaking, Awb 3:41) and reading it back.

``letter_send`` records the dispatch date once (``Besluit.sent_on``: the objection term runs from it, Awb
6:8) and stores the PDF per addressee (``Brief``): the resident, and the partner when the family is jointly
liable for the money (Pw 18a(9), 59(4); IOAW/IOAZ 26(3); see ``letter_content``). Every later copy is the
stored letter, so the deadline in it never moves. Before the letter goes out, set-off that has nothing to
set off against (no running benefit on the sent date, or a suspension) is stopped on the claims
(``claims.services.vordering_setoff_stop``), and the letter tells the resident to pay by transfer. Then the
payment term of each claim starts (``claims.collection.payment_term_start``: the last day to pay, Awb 4:87,
the first instalment day and the payment reference), so the letter shows them.

``letter_preview`` renders the concept (not stored, marked "CONCEPT") and ``brief_read`` returns a stored
letter; both are reads of personal data and logged with their purpose.
"""

from datetime import date
from hashlib import sha256

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.claims.collection import payment_term_start
from naleving.claims.services import vordering_setoff_stop
from naleving.common.formatting import long_date
from naleving.decisions import letter_content
from naleving.decisions.letters import letter_pdf, letter_problems
from naleving.decisions.models import Besluit, Brief, BriefRecipient
from naleving.decisions.permissions import LETTER_PERMISSIONS
from naleving.residents.selectors import visible_resident_ids

PREVIEW_PURPOSE = "Conceptbrief controleren vóór verzending aan de inwoner"


def may_send_letters(actor) -> bool:
    return any(actor.has_perm(permission) for permission in LETTER_PERMISSIONS)


def _require_letter_rights(actor, besluit: Besluit) -> None:
    if actor is None or not actor.is_authenticated or not may_send_letters(actor):
        raise PermissionDenied("U mag geen brieven bij besluiten opmaken of verzenden.")
    if not visible_resident_ids(actor).filter(pk=besluit.resident_id).exists():
        raise PermissionDenied("Deze inwoner valt buiten uw caseload.")


def addressees(besluit: Besluit) -> list[tuple[object, str]]:
    """Who gets the letter: the resident, and the partner when jointly liable for the money."""
    recipients = [(besluit.resident, BriefRecipient.RESIDENT)]
    if letter_content.joint_liability(besluit):
        recipients.append((besluit.resident.partner, BriefRecipient.PARTNER))
    return recipients


def _date_check(besluit: Besluit, sent_on: date) -> None:
    if sent_on > timezone.localdate():
        raise ValidationError(
            f"De verzenddatum {long_date(sent_on)} ligt in de toekomst. Vul de dag in waarop de brief de deur uitgaat."
        )
    if sent_on < besluit.decision_date:
        raise ValidationError(
            f"De verzenddatum {long_date(sent_on)} ligt vóór de besluitdatum {long_date(besluit.decision_date)}."
        )


def _setoff_follow(actor, besluit: Besluit, sent_on: date) -> None:
    """No set-off without a running, unsuspended benefit on the sent date: the claims say so too."""
    if letter_content.setoff_possible(besluit, sent_on):
        return
    reason = f"Geen lopende uitkering zonder opschorting op {long_date(sent_on)} (verzending besluit)."
    for vordering in besluit.vorderingen.filter(setoff=True):
        vordering_setoff_stop(actor=actor, vordering=vordering, reason=reason)


@transaction.atomic
def letter_send(*, actor, besluit: Besluit, sent_on: date) -> list[Brief]:
    """Send the letter of a vastgesteld besluit with a motivation: record ``sent_on`` once and store the PDF
    per addressee. Refused (``ValidationError``, Dutch) when it was sent already, when a letter cannot be
    made (``letters.letter_problems``), or when ``sent_on`` is in the future or before the decision date."""
    _require_letter_rights(actor, besluit)
    besluit = Besluit.objects.select_for_update(of=("self",)).select_related("resident").get(pk=besluit.pk)
    if besluit.sent_on is not None:
        raise ValidationError(
            f"Deze brief is al verzonden op {long_date(besluit.sent_on)}. Een besluit wordt één keer verzonden; "
            "download de opgeslagen brief."
        )
    problems = letter_problems(besluit)
    if problems:
        raise ValidationError(problems)
    _date_check(besluit, sent_on)
    _setoff_follow(actor, besluit, sent_on)
    payment_term_start(actor=actor, besluit=besluit, sent_on=sent_on)
    besluit.sent_on = sent_on
    besluit.save(update_fields=["sent_on"])
    brieven = []
    for addressee, role in addressees(besluit):
        pdf = letter_pdf(besluit=besluit, sent_on=sent_on, addressee=addressee, role=role)
        brief = Brief.objects.create(
            besluit=besluit,
            addressee=addressee,
            role=role,
            sent_on=sent_on,
            pdf=pdf,
            sha256=sha256(pdf).hexdigest(),
            sent_by=actor,
        )
        audit_record(
            actor=actor,
            code="decision.letter_sent",
            obj=besluit,
            resident_id=addressee.pk,
            after={"kenmerk": besluit.kenmerk, "verzonden_op": sent_on, "aan": role, "sha256": brief.sha256},
        )
        brieven.append(brief)
    return brieven


def letter_preview(*, actor, besluit: Besluit, sent_on: date) -> bytes:
    """The concept letter to the resident, dated ``sent_on``, marked as concept and not stored."""
    _require_letter_rights(actor, besluit)
    problems = letter_problems(besluit)
    if problems:
        raise ValidationError(problems)
    audit_record(
        actor=actor,
        code="decision.letter_previewed",
        obj=besluit,
        resident_id=besluit.resident_id,
        purpose=PREVIEW_PURPOSE,
        after={"kenmerk": besluit.kenmerk, "datum": sent_on},
    )
    return letter_pdf(besluit=besluit, sent_on=sent_on, concept=True)


def brief_read(*, actor, brief: Brief, purpose: str) -> bytes:
    """The stored bytes of a sent letter, logged as a read of the addressee's data with ``purpose``.
    ``actor`` may be None for the command line (the operator)."""
    if actor is not None:
        _require_letter_rights(actor, brief.besluit)
    audit_record(
        actor=actor,
        code="decision.letter_downloaded",
        obj=brief.besluit,
        resident_id=brief.addressee_id,
        purpose=purpose,
        after={"kenmerk": brief.besluit.kenmerk, "aan": brief.role, "verzonden_op": brief.sent_on},
    )
    return bytes(brief.pdf)
