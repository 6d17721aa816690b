"""The public change form (/wijziging-doorgeven/): the test login, the receipt, and bad input that gets a
clear message and stores nothing harmful (empty fields, a far-future date, a 20 MB upload, a script tag)."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.prevention.change_reports import CHANGE_REPORT_TERM_DAYS, is_on_time
from naleving.prevention.models import ChangeReport
from naleving.prevention.selectors import first_change_report_on, self_report_for
from naleving.prevention.tests.factories import ChangeReportFactory

START = reverse("wijziging:start")
FORM = reverse("wijziging:form")
PDF_BYTES = b"%PDF-1.4\n% test\n"


@pytest.fixture
def resident_client(client, world):
    """A client logged in with the test login as Jansen (BSN 111222333, born 17-05-1985)."""
    response = client.post(START, {"bsn": "111222333", "birth_date": "1985-05-17"})
    assert response.status_code == 302 and response["Location"] == FORM
    return client


def _post(client, **data):
    today = timezone.localdate()
    fields = {
        "kind": "samenwonen",
        "change_date": today.isoformat(),
        "description": "Mijn vriend komt bij mij wonen.",
    }
    fields.update(data)
    return client.post(FORM, {k: v for k, v in fields.items() if v is not None})


def test_on_time_is_within_the_term_after_the_change():
    change = date(2026, 5, 1)
    assert CHANGE_REPORT_TERM_DAYS == 7
    assert is_on_time(change_date=change, reported_on=date(2026, 5, 8))
    assert not is_on_time(change_date=change, reported_on=date(2026, 5, 9))
    assert is_on_time(change_date=change, reported_on=date(2026, 4, 1))  # reported in advance


@pytest.mark.django_db
def test_the_start_page_says_it_is_a_test_login(client, world):
    body = client.get(START).content.decode()
    assert "Dit is een testlogin." in body and "DigiD" in body


@pytest.mark.django_db
def test_wrong_birth_date_and_unknown_bsn_get_the_same_message(client, world):
    wrong_date = client.post(START, {"bsn": "111222333", "birth_date": "1990-01-01"})
    unknown = client.post(START, {"bsn": "999999999", "birth_date": "1985-05-17"})
    message = "Wij kunnen u niet vinden met dit BSN en deze geboortedatum."
    assert wrong_date.status_code == unknown.status_code == 200
    assert message in wrong_date.content.decode() and message in unknown.content.decode()
    assert client.get(FORM).status_code == 302  # not logged in


@pytest.mark.django_db
def test_too_many_failed_logins_are_refused_for_an_hour(client, world):
    for _ in range(5):
        client.post(START, {"bsn": "111222333", "birth_date": "1990-01-01"})
    refused = client.post(START, {"bsn": "111222333", "birth_date": "1985-05-17"})
    assert refused.status_code == 429 and "over een uur" in refused.content.decode()
    assert AuditEvent.objects.filter(code="resident.identification_failed").count() == 5


@pytest.mark.django_db
def test_form_needs_a_login(client, world):
    response = client.get(FORM)
    assert response.status_code == 302 and response["Location"] == START


@pytest.mark.django_db
def test_report_moving_in_together_gets_a_receipt_and_a_pdf(resident_client, world):
    response = _post(resident_client)
    report = ChangeReport.objects.get()
    assert response.status_code == 302
    assert report.reference == f"W-{report.reported_on.year}-{report.pk:06d}"
    assert report.resident == world["jansen"] and report.on_time and report.status == "nieuw"
    assert report.identified_with == "testlogin"
    receipt = resident_client.get(response["Location"]).content.decode()
    assert report.reference in receipt and "Ik ga samenwonen" in receipt
    pdf = resident_client.get(reverse("wijziging:receipt_pdf", args=[report.reference]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    event = AuditEvent.objects.get(code="change_report.submitted")
    assert event.resident_id == world["jansen"].pk and event.actor_id is None


@pytest.mark.django_db
def test_a_late_report_is_kept_as_late(resident_client):
    change = timezone.localdate() - timedelta(days=CHANGE_REPORT_TERM_DAYS + 1)
    _post(resident_client, change_date=change.isoformat())
    assert ChangeReport.objects.get().on_time is False


@pytest.mark.django_db
def test_empty_required_fields_get_clear_messages(resident_client):
    response = _post(resident_client, kind=None, change_date="", description="   ")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Uw wijziging is nog niet verstuurd" in body
    assert "Kies wat er verandert." in body
    assert "Vul de datum in waarop de wijziging ingaat" in body
    assert "Schrijf in een paar woorden wat er verandert." in body
    assert not ChangeReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change_date", "message"),
    [
        ("2999-01-01", "te ver in de toekomst"),
        ("1999-12-31", "te lang geleden"),
        ("31-02-2026", "geldige datum"),
    ],
)
def test_impossible_dates_are_refused(resident_client, change_date, message):
    response = _post(resident_client, change_date=change_date)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ChangeReport.objects.exists()


@pytest.mark.django_db
def test_a_date_a_year_ahead_is_still_fine(resident_client):
    _post(
        resident_client,
        kind="verhuizen",
        change_date=(timezone.localdate() + timedelta(days=365)).isoformat(),
    )
    assert ChangeReport.objects.get().kind == "verhuizen"


@pytest.mark.django_db
def test_a_20_mb_upload_is_refused_before_anything_is_stored(resident_client, settings):
    big = SimpleUploadedFile(
        "contract.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024), content_type="application/pdf"
    )
    response = _post(resident_client, attachment=big)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Het bestand is te groot. Een bijlage mag hoogstens 10 MB zijn." in body
    assert "ongeveer 20 MB" in body
    assert not ChangeReport.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("contract.exe", b"MZ\x90\x00", "Stuur een pdf, jpg of png"),
        ("contract.pdf", b"<html><script>alert(1)</script></html>", "geen echte pdf"),
        ("leeg.png", b"", "leeg"),
    ],
)
def test_wrong_files_are_refused(resident_client, name, content, message):
    response = _post(resident_client, attachment=SimpleUploadedFile(name, content))
    assert response.status_code == 200 and message in response.content.decode()
    assert not ChangeReport.objects.exists()


@pytest.mark.django_db
def test_a_small_pdf_is_kept_under_a_safe_name(resident_client, world):
    upload = SimpleUploadedFile("../../etc/Mijn contract (1).pdf", PDF_BYTES, content_type="application/pdf")
    _post(resident_client, attachment=upload)
    report = ChangeReport.objects.get()
    assert report.attachment.name.endswith(f"{report.reference}.pdf") and ".." not in report.attachment.name
    assert report.attachment_name == "Mijn_contract_1.pdf" and report.attachment_size == len(PDF_BYTES)


@pytest.mark.django_db
def test_a_script_tag_is_stored_as_text_and_escaped_everywhere(resident_client, client, world):
    script = "<script>alert('x')</script> Wij wonen samen vanaf mei."
    response = _post(resident_client, description=script)
    report = ChangeReport.objects.get()
    assert report.description == script
    receipt = resident_client.get(response["Location"]).content.decode()
    assert "<script>alert" not in receipt and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in receipt
    client.force_login(world["consulent"])
    staff = client.get(reverse("prevention:change_report_detail", args=[report.pk])).content.decode()
    assert "<script>alert" not in staff and "&lt;script&gt;" in staff


@pytest.mark.django_db
def test_a_receipt_is_only_for_the_resident_who_reported(resident_client, client, world):
    other = ChangeReportFactory(resident=world["pietersen"])
    assert resident_client.get(reverse("wijziging:receipt", args=[other.reference])).status_code == 404
    _post(resident_client)
    mine = ChangeReport.objects.get(resident=world["jansen"])
    resident_client.post(reverse("wijziging:logout"))
    assert resident_client.get(reverse("wijziging:receipt", args=[mine.reference])).status_code == 404


@pytest.mark.django_db
def test_login_method_off_explains_other_ways(client, world, settings):
    settings.NALEVING_RESIDENT_LOGIN = "off"
    body = client.get(START).content.decode()
    assert "kan hier nog niet" in body and "bel uw consulent" in body.lower()
    assert client.post(START, {"bsn": "111222333", "birth_date": "1985-05-17"}).status_code == 200
    assert client.get(FORM).status_code == 302


@pytest.mark.django_db
def test_self_report_for_the_decision_step(world):
    late = ChangeReportFactory(
        resident=world["jansen"], kind="werk_inkomen", late=True, change_date=date(2026, 5, 1)
    )
    ChangeReportFactory(resident=world["jansen"], kind="samenwonen", change_date=date(2026, 5, 1))
    found = self_report_for(world["jansen"], "income", (date(2026, 4, 1), date(2026, 6, 30)))
    assert (
        found.reference == late.reference
        and found.on_time is False
        and found.reported_on == date(2026, 6, 20)
    )
    assert found.kind == "income"
    assert self_report_for(world["jansen"], "werk_inkomen", (date(2026, 4, 1), date(2026, 6, 30))) == found
    assert self_report_for(world["jansen"], "income", (date(2026, 7, 1), date(2026, 12, 31))) is None
    assert self_report_for(world["jansen"], "vehicle", (date(2026, 1, 1), date(2026, 12, 31))) is None
    assert self_report_for(world["jansen"], "nonsense", (date(2026, 1, 1), date(2026, 12, 31))) is None


@pytest.mark.django_db
def test_first_change_report_on_a_breach(world):
    jansen, breach = world["jansen"], (date(2026, 4, 1), date(2026, 6, 30))
    assert first_change_report_on(jansen, "income", breach) is None
    ChangeReportFactory(resident=jansen, kind="werk_inkomen", change_date=date(2026, 3, 20),
                        reported_on=date(2026, 3, 25))  # fmt: skip
    assert first_change_report_on(jansen, "income", breach) is None  # reported before the breach began
    ChangeReportFactory(resident=jansen, kind="werk_inkomen", late=True, change_date=date(2026, 3, 20))
    assert first_change_report_on(jansen, "income", breach) == date(2026, 6, 20)  # late, still a self-report
    assert first_change_report_on(jansen, "cohabitation", breach) is None
    assert first_change_report_on(jansen, "income", (date(2026, 1, 1), date(2026, 3, 1))) is None
