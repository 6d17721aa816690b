"""The prevention PDFs, rendered by WeasyPrint from Django templates without any network access:
the information sheet (nl, en, ar, uk; Arabic right to left), the reminder letter in the resident's
language, and the receipt of a reported change.

Each is sent by the resident's municipality (ADR 0021): its letterhead and logo and its contact details
(``gemeenten.letters``); the sheet without a resident carries the organisation's name.

Functions ending in ``_pdf`` only render. The ones without it are the reads a staff member does: they
log the read of personal data with its purpose first, like the decision letter.
"""

from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.common.formatting import long_date, short_date
from naleving.common.pdf import html_to_pdf
from naleving.common.people import display_name
from naleving.gemeenten.letters import sender
from naleving.gemeenten.selectors import organisation_name
from naleving.prevention import checklist
from naleving.prevention.communication import communication_for
from naleving.prevention.identification import BACKENDS
from naleving.prevention.pictograms import with_pictograms

LABELS = {
    "nl": {"for": "Voor", "date": "Datum"},
    "en": {"for": "For", "date": "Date"},
    "ar": {"for": "إلى", "date": "التاريخ"},
    "uk": {"for": "Для", "date": "Дата"},
}


def _date(day: date, language: str) -> str:
    if language == "nl":
        return long_date(day)
    return short_date(day)


def _isolate(text: str) -> str:
    """Dutch text inside a right-to-left sentence keeps its own order (Unicode isolates LRI ... PDI)."""
    return f"\u2066{text}\u2069"


def _render(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, context))


def _language_context(language: str) -> dict:
    language = checklist.sheet_language(language)
    return {
        "language": language,
        "direction": "rtl" if language in checklist.RTL_LANGUAGES else "ltr",
        "text": checklist.SHEET_TEXT[language],
        "labels": LABELS[language],
        "version": f"checklist {checklist.CATALOGUE_VERSION}",
    }


def information_sheet_pdf(*, language: str, resident=None, contact=None, on: date | None = None) -> bytes:
    """The sheet of rights and obligations in ``language``, with pictograms; personalised with the
    resident's name and the contact person when given."""
    context = _language_context(language)
    context["groups"] = with_pictograms(checklist.grouped_items(context["language"]))
    if resident is None:
        context["organisation"] = organisation_name()
    else:
        context["sender"] = sender(resident.gemeente)
        context["resident_name"] = resident.full_name
        context["date"] = _date(on or timezone.localdate(), context["language"])
    context["contact_name"] = display_name(contact)
    context["contact_email"] = getattr(contact, "email", "") if contact else ""
    return _render("prevention/documents/sheet.html", context)


def intake_sheet(*, actor, intake, language: str | None = None) -> bytes:
    """The personal information sheet of an intake, for the consulent to print and hand over."""
    language = checklist.sheet_language(language or intake.language)
    audit_record(
        actor=actor,
        code="intake.sheet_printed",
        obj=intake,
        resident_id=intake.resident_id,
        purpose="Informatieblad rechten en plichten afdrukken voor de inwoner",
        after={"taal": language},
    )
    resident = intake.resident
    contact = resident.fixed_contact_person or resident.consulent
    return information_sheet_pdf(language=language, resident=resident, contact=contact, on=intake.recorded_on)


def reminder_letter_pdf(reminder) -> bytes:
    """The reminder in the language and style the resident needs: easy language gets the pictograms, a
    resident who needs an interpreter is offered one, and it is signed by the fixed contact person."""
    resident = reminder.resident
    context = _language_context(reminder.language)
    text = context["text"]
    schedule = reminder.schedule
    groups = ("wat", "hoe") if reminder.easy_language else None
    isolate = _isolate if context["direction"] == "rtl" else str
    context.update(
        sender=sender(resident.gemeente),
        resident=resident,
        date=_date(reminder.due_on, context["language"]),
        greeting=text["greeting"].format(name=isolate(resident.full_name)),
        event=text["reminder_event"].format(topic=isolate(schedule.topic))
        if schedule.kind == "levensgebeurtenis"
        else "",
        groups=with_pictograms(checklist.grouped_items(context["language"], groups=groups)),
        easy_language=reminder.easy_language,
        interpreter=communication_for(resident).interpreter,
        contact_name=display_name(resident.fixed_contact_person or resident.consulent),
    )
    return _render("prevention/documents/reminder_letter.html", context)


def reminder_letter(*, actor, reminder) -> bytes:
    audit_record(
        actor=actor,
        code="reminder.letter_printed",
        obj=reminder,
        resident_id=reminder.resident_id,
        purpose="Herinneringsbrief opmaken voor verzending aan de inwoner",
        after={"datum": reminder.due_on, "taal": reminder.language},
    )
    return reminder_letter_pdf(reminder)


def change_report_pdf(report) -> bytes:
    """What the resident reported, as their receipt. Everything typed is escaped by the template."""
    backend = BACKENDS.get("test") if report.identified_with == "testlogin" else None
    return _render(
        "prevention/documents/change_report.html",
        {
            "report": report,
            "sender": sender(report.resident.gemeente),
            "login_label": backend.label if backend else report.identified_with,
        },
    )
