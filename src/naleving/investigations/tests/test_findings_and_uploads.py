"""The monthly benadelingsbedrag (pure) and the checks on uploaded files."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from naleving.investigations.findings import (
    Month,
    benadelingsbedrag_from,
    months_from,
    months_outside,
    parse_month,
)
from naleving.investigations.uploads import MAX_BYTES, check_upload, safe_filename

# Benadelingsbedrag per month ------------------------------------------------------------------------


def test_sum_of_overpayments_never_counts_underpayments():
    months = months_from([("2025-01", "1000.00", "400.00"), ("2025-02", "1000.00", "1200.00")])
    assert benadelingsbedrag_from(months) == Decimal("600.00")


def test_the_sum_is_exact_in_cents_not_floating_point():
    months = months_from([("2025-01", 0.1, 0), ("2025-02", 0.2, 0)])
    assert benadelingsbedrag_from(months) == Decimal("0.30")
    assert str(benadelingsbedrag_from(months)) == "0.30"


def test_the_total_is_rounded_to_cents_half_up():
    months = [
        Month(date(2025, 1, 1), Decimal("100.0025"), Decimal("0")),
        Month(date(2025, 2, 1), Decimal("0.0025"), Decimal("0")),
    ]
    assert benadelingsbedrag_from(months) == Decimal("100.01")  # 100.005 → half up
    assert benadelingsbedrag_from([]) == Decimal("0.00")


def test_months_are_parsed_sorted_and_checked():
    months = months_from([("2025-03", "1", "0"), (date(2025, 1, 17), "1", "0")])
    assert [m.month for m in months] == [date(2025, 1, 1), date(2025, 3, 1)]
    with pytest.raises(ValidationError, match="twee keer"):
        months_from([("2025-03", "1", "0"), ("2025-03", "2", "0")])
    with pytest.raises(ValidationError, match="negatief"):
        months_from([("2025-03", "-1", "0")])
    for bad in ("2025-13", "maart", "2025-3"):
        with pytest.raises(ValidationError, match="geen maand"):
            parse_month(bad)


def test_months_outside_the_period():
    months = months_from([("2025-08", "1", "0"), ("2025-09", "1", "0"), ("2025-12", "1", "0")])
    outside = months_outside(months, date(2025, 9, 15), date(2025, 11, 30))
    assert [m.month for m in outside] == [date(2025, 8, 1), date(2025, 12, 1)]


# Uploads ------------------------------------------------------------------------------------------


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "file_type"),
    [
        ("rapport.pdf", b"%PDF-1.7\n...", "pdf"),
        ("foto.JPG", b"\xff\xd8\xff\xe0rest", "jpg"),
        ("foto.png", b"\x89PNG\r\n\x1a\nrest", "png"),
        ("verslag.docx", _docx(), "docx"),
        ("notitie.txt", "Gesprek met de inwoner; €100 ontvangen.".encode(), "txt"),
    ],
)
def test_allowed_files_pass(name, content, file_type):
    checked = check_upload(SimpleUploadedFile(name, content))
    assert checked.file_type == file_type
    assert checked.size == len(content)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00", "Dit soort bestand"),
        ("pagina.html", b"<html>", "Dit soort bestand"),
        ("geen-extensie", b"%PDF-1.7", "Dit soort bestand"),
        ("nep.pdf", b"MZ\x90\x00 not a pdf", "past niet bij de extensie .pdf"),
        ("nep.png", b"%PDF-1.7", "past niet bij de extensie .png"),
        ("nep.docx", b"PK\x03\x04 not really a zip", "past niet bij de extensie .docx"),
        ("nep.xlsx", _docx(), "past niet bij de extensie .xlsx"),
        ("binair.txt", b"tekst\x00binair", "past niet bij de extensie .txt"),
        ("leeg.pdf", b"", "leeg"),
    ],
)
def test_wrong_or_disguised_files_are_refused(name, content, message):
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile(name, content))
    assert message in exc.value.message_dict["file"][0]


def test_files_over_10_mb_are_refused():
    content = b"%PDF-1.7\n" + b"0" * MAX_BYTES
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("groot.pdf", content))
    assert "het maximum is 10 MB" in exc.value.message_dict["file"][0]
    assert check_upload(SimpleUploadedFile("precies.pdf", content[:MAX_BYTES])).size == MAX_BYTES


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\x\\Bank afschrift (1).PDF", "Bank_afschrift_1.pdf"),
        ("Één rapport.docx", "Een_rapport.docx"),
        ("<script>.txt", "script.txt"),
        (".pdf", "document.pdf"),
        ("...", "document"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_file_names_are_sanitised(name, safe):
    assert safe_filename(name) == safe
