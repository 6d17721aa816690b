"""The information sheet is a real PDF in every language (text extracted with pypdf), right to left in
Arabic; the reminder letter follows the resident's language; the receipt prints what was typed as text."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from naleving.prevention import checklist, documents
from naleving.prevention.tests.factories import (
    ChangeReportFactory,
    PreventiveInterventionFactory,
    ReminderFactory,
    ReminderScheduleFactory,
)
from naleving.residents.tests.factories import ResidentFactory


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return " ".join(text.split())


_HARAKAT = {chr(c) for c in range(0x064B, 0x0660)}
_LAM_ALEF = ("لا", "لأ", "لإ", "لآ")


def probe_words(text: str) -> list[str]:
    """The words of ``text`` that survive PDF text extraction in every script: Arabic lam-alef ligatures
    and vowel marks do not always come back from a PDF, so words with them are left out."""
    words = [w.strip(".,:;?!()«»\"'؟،") for w in text.split()]
    return [
        w
        for w in words
        if len(w) >= 4 and not any(ch in _HARAKAT for ch in w) and not any(pair in w for pair in _LAM_ALEF)
    ]


@pytest.mark.parametrize("language", checklist.SHEET_LANGUAGES)
@pytest.mark.django_db  # the sheet without a resident carries the organisation row's name
def test_information_sheet_is_a_pdf_in_each_language(language):
    text = squash(pdf_text(documents.information_sheet_pdf(language=language)))
    sheet = checklist.SHEET_TEXT[language]
    assert squash(sheet["title"]) in text
    for group in checklist.GROUPS:
        assert squash(group.heading[language]) in text
    # every item of the catalogue is on the sheet, in this language
    for item in checklist.ITEMS:
        words = probe_words(item.text[language])
        assert len(words) >= 2, (language, item.code)
        missing = [w for w in words if w not in text]
        assert not missing, (language, item.code, missing)


@pytest.mark.django_db  # the sheet without a resident carries the organisation row's name
def test_sheets_really_differ_per_language():
    texts = {
        lang: pdf_text(documents.information_sheet_pdf(language=lang)) for lang in checklist.SHEET_LANGUAGES
    }
    assert "Wat moet u doorgeven?" in texts["nl"] and "Wat moet u doorgeven?" not in texts["en"]
    assert "What must you report?" in texts["en"]
    assert "ما الذي يجب أن تبلغ عنه؟" in texts["ar"]
    assert "Про що потрібно повідомляти?" in texts["uk"]
    assert "This is a translation" in texts["en"]


def test_arabic_sheet_is_right_to_left():
    from django.template.loader import render_to_string

    context = documents._language_context("ar")
    html = render_to_string("prevention/documents/sheet.html", {**context, "groups": []})
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.django_db  # the sheet without a resident carries the organisation row's name
def test_unknown_language_falls_back_to_dutch():
    assert "Uw rechten en plichten bij de bijstand" in pdf_text(
        documents.information_sheet_pdf(language="ti")
    )


@pytest.mark.django_db
def test_personal_sheet_names_the_resident_and_contact(roles):
    resident = ResidentFactory(first_names="Amira", family_name="Haddad")
    text = pdf_text(
        documents.information_sheet_pdf(
            language="en", resident=resident, contact=resident.consulent, on=date(2026, 3, 2)
        )
    )
    assert "Amira Haddad" in text and "02-03-2026" in text
    assert "Your contact person" in text


@pytest.mark.django_db
def test_reminder_letter_in_the_residents_language_with_interpreter_offer(roles):
    resident = ResidentFactory(preferred_language="ar", support_needs=["tolk", "eenvoudige_taal"])
    schedule = ReminderScheduleFactory(resident=resident)
    intervention = PreventiveInterventionFactory(resident=resident, reminder=True)
    reminder = ReminderFactory(
        schedule=schedule, resident=resident, due_on=date(2027, 3, 2), channel="brief", language="ar",
        easy_language=True, intervention=intervention,
    )  # fmt: skip
    text = pdf_text(documents.reminder_letter_pdf(reminder))
    assert checklist.SHEET_TEXT["ar"]["reminder_subject"] in text
    assert all(
        w in text for w in probe_words(checklist.SHEET_TEXT["ar"]["interpreter"])
    )  # interpreter offered
    assert resident.full_name in text and "02-03-2027" in text


@pytest.mark.django_db
def test_receipt_pdf_prints_typed_markup_as_text(roles):
    report = ChangeReportFactory(description="<script>alert('x')</script> Wij wonen samen.")
    text = pdf_text(documents.change_report_pdf(report))
    assert report.reference in text
    assert "<script>alert('x')</script> Wij wonen samen." in text
    assert "Ik ga samenwonen" in text
