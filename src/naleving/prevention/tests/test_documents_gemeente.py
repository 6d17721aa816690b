"""Issue #17: the prevention letters to a resident (reminder, personal information sheet, receipt of a change)
come from the resident's municipality: its letterhead and contact details, not another's."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from naleving.gemeenten.tests.factories import GemeenteFactory, OrganisationFactory
from naleving.prevention import documents
from naleving.prevention.tests.factories import ChangeReportFactory, ReminderFactory, ReminderScheduleFactory
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def residents():
    waalwijk = GemeenteFactory(code="GM0867", name="Waalwijk", phone="0416 683 456")
    heusden = GemeenteFactory(code="GM0797", name="Heusden", phone="073 513 1788")
    return ResidentFactory(gemeente=waalwijk, city="Waalwijk"), ResidentFactory(
        gemeente=heusden, city="Vlijmen"
    )


def reminder_text(resident) -> str:
    reminder = ReminderFactory(
        schedule=ReminderScheduleFactory(resident=resident), resident=resident, due_on=date(2027, 3, 2),
        channel="brief", language="nl",
    )  # fmt: skip
    return pdf_text(documents.reminder_letter_pdf(reminder))


def test_each_reminder_comes_from_the_residents_municipality(residents):
    in_waalwijk, in_heusden = residents
    text = reminder_text(in_waalwijk)
    assert (
        text.startswith("Gemeente Waalwijk")
        and "0416 683 456" in text
        and "werkeninkomen@waalwijk.example" in text
    )
    assert "Gemeente Heusden" not in text and "073 513 1788" not in text

    text = reminder_text(in_heusden)
    assert text.startswith("Gemeente Heusden") and "073 513 1788" in text
    assert "Gemeente Waalwijk" not in text and "0416 683 456" not in text


def test_the_personal_sheet_and_the_receipt_carry_the_municipality(residents):
    in_waalwijk, _in_heusden = residents
    sheet = pdf_text(
        documents.information_sheet_pdf(language="nl", resident=in_waalwijk, on=date(2027, 3, 2))
    )
    assert sheet.startswith("Gemeente Waalwijk") and "0416 683 456" in sheet

    receipt = pdf_text(documents.change_report_pdf(ChangeReportFactory(resident=in_waalwijk)))
    assert (
        receipt.startswith("Gemeente Waalwijk") and "Dit bewijs is gemaakt door Gemeente Waalwijk" in receipt
    )
    assert "Gemeente Heusden" not in sheet + receipt and "073 513 1788" not in sheet + receipt


def test_the_sheet_without_a_resident_carries_the_organisations_name(residents):
    OrganisationFactory(name="Baanbrekers")
    text = pdf_text(documents.information_sheet_pdf(language="nl"))
    assert text.startswith("Baanbrekers") and "Gemeente Waalwijk" not in text
