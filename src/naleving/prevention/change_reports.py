"""Changes residents report themselves ("wijziging doorgeven"; Baanbrekers pijler 2, Groningen actielijn 2).

A resident has to report every change that may matter for the benefit "onverwijld", without delay
(Pw art. 17 lid 1). The law sets no number of days; Naleving counts a report as *on time* when it arrives
no later than ``CHANGE_REPORT_TERM_DAYS`` after the change, the "within 1 week" the information sheet
promises. A report made in advance (a move next month) is on time. A late report is kept as late: it is
still a self-report, which matters for the warning rule (Boetebesluit art. 2aa lid 1 onder b: reported on
own initiative within 60 days, before the breach was found), and ``selectors.self_report_for`` gives it to
the decision step.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.prevention.identification import ResidentIdentity
from naleving.prevention.models import ChangeKind, ChangeReport, ChangeReportStatus
from naleving.prevention.uploads import check_attachment

#: Days after the change within which a report counts as on time (Pw art. 17 lid 1 "onverwijld").
CHANGE_REPORT_TERM_DAYS = 7
#: The form accepts changes from this date ...
EARLIEST_CHANGE_DATE = date(2000, 1, 1)
#: ... up to this many days ahead (a planned move or stay abroad is reported before it happens).
MAX_DAYS_AHEAD = 365
MAX_DESCRIPTION = 4000


def is_on_time(*, change_date: date, reported_on: date, term_days: int = CHANGE_REPORT_TERM_DAYS) -> bool:
    return reported_on <= change_date + timedelta(days=term_days)


def change_report_reference(report: ChangeReport) -> str:
    """The number on the receipt, e.g. ``W-2026-000123``: the year it was reported and the report's number."""
    return f"W-{report.reported_on.year}-{report.pk:06d}"


def _clean_text(text: str) -> str:
    """Keep what the resident typed as plain text (it is escaped on every page and PDF), minus control
    characters that have no place in a letter."""
    kept = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    return kept.replace("\r", "").strip()


def check_change(*, kind: str, change_date: date | None, description: str, reported_on: date) -> dict:
    """The messages for what is wrong, per field (empty when all is well); the form shows the same."""
    errors: dict[str, str] = {}
    if kind not in ChangeKind.values:
        errors["kind"] = "Kies wat er verandert."
    latest = reported_on + timedelta(days=MAX_DAYS_AHEAD)
    if change_date is None:
        errors["change_date"] = "Vul de datum in waarop de wijziging ingaat (dag, maand en jaar)."
    elif change_date < EARLIEST_CHANGE_DATE:
        errors["change_date"] = (
            f"Deze datum is te lang geleden. Kies een datum vanaf {EARLIEST_CHANGE_DATE:%d-%m-%Y}."
        )
    elif change_date > latest:
        errors["change_date"] = (
            f"Deze datum ligt te ver in de toekomst. Kies een datum tot en met {latest:%d-%m-%Y}. "
            "Weet u de datum nog niet precies? Kies de datum die u verwacht."
        )
    text = _clean_text(description or "")
    if not text:
        errors["description"] = "Schrijf in een paar woorden wat er verandert."
    elif len(text) > MAX_DESCRIPTION:
        errors["description"] = f"Uw tekst is te lang. Gebruik hoogstens {MAX_DESCRIPTION} tekens."
    return errors


@transaction.atomic
def change_report_submit(
    *,
    identity: ResidentIdentity,
    kind: str,
    change_date: date,
    description: str,
    reported_on: date,
    attachment=None,
) -> ChangeReport:
    """Store a change the identified resident reports, with its receipt number, and put it on the
    consulent's worklist. Nothing is stored when any part is wrong (the attachment included)."""
    errors = check_change(
        kind=kind, change_date=change_date, description=description, reported_on=reported_on
    )
    checked = None
    if attachment is not None:
        try:
            checked = check_attachment(attachment)
        except ValidationError as exc:
            errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    report = ChangeReport.objects.create(
        resident_id=identity.resident_id,
        kind=kind,
        change_date=change_date,
        reported_on=reported_on,
        description=_clean_text(description),
        term_days=CHANGE_REPORT_TERM_DAYS,
        on_time=is_on_time(change_date=change_date, reported_on=reported_on),
        identified_with=identity.method,
    )
    report.reference = change_report_reference(report)
    fields = ["reference"]
    if checked is not None:
        report.attachment.save(f"{report.reference}.{checked.extension}", attachment, save=False)
        report.attachment_name, report.attachment_size = checked.name, checked.size
        fields += ["attachment", "attachment_name", "attachment_size"]
    report.save(update_fields=fields)
    audit_record(
        actor=None,
        code="change_report.submitted",
        obj=report,
        resident_id=identity.resident_id,
        purpose=f"Wijziging doorgegeven door de inwoner (ingelogd met {identity.method})",
        after={
            "kenmerk": report.reference,
            "soort": kind,
            "datum_wijziging": change_date,
            "op_tijd": report.on_time,
            "bijlage": bool(checked),
        },
    )
    return report


@transaction.atomic
def change_report_handle(*, actor, report: ChangeReport, note: str = "") -> ChangeReport:
    """The consulent processed the reported change (benefit adjusted, or nothing to do): off the worklist."""
    if not actor.has_perm("prevention.add_preventiveintervention"):
        raise PermissionDenied("U mag doorgegeven wijzigingen niet afhandelen.")
    if report.status != ChangeReportStatus.NIEUW:
        raise ValidationError("Deze wijziging is al afgehandeld.")
    report.status = ChangeReportStatus.AFGEHANDELD
    report.handled_by, report.handled_at = actor, timezone.now()
    report.handling_note = _clean_text(note)[:MAX_DESCRIPTION]
    report.save(update_fields=["status", "handled_by", "handled_at", "handling_note"])
    audit_record(
        actor=actor,
        code="change_report.handled",
        obj=report,
        resident_id=report.resident_id,
        after={"kenmerk": report.reference, "notitie": report.handling_note},
    )
    return report
