"""Sending a letter: only with a motivation, once, on a real date; a copy for a jointly liable partner; the
PDF is PDF/A and tagged; the stored letter is what every later download and `naleving letter` give."""

import subprocess
import sys
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.decisions.dispatch import letter_send
from naleving.decisions.models import Besluit, Brief
from naleving.decisions.tests.letter_helpers import WEGING, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db

SENT = date(2026, 5, 4)


def test_no_letter_without_a_motivation(world, breach, record):
    besluit = record(breach, weging=WEGING)
    Besluit.objects.filter(pk=besluit.pk).update(motivation="")  # an older row
    with pytest.raises(ValidationError, match="geen motivering"):
        letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    besluit.refresh_from_db()
    assert besluit.sent_on is None and not Brief.objects.filter(besluit=besluit).exists()


def test_a_letter_is_sent_once_and_its_date_stays(world, breach, record):
    besluit = record(breach, weging=WEGING)
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    besluit.refresh_from_db()
    assert besluit.sent_on == SENT and brief.sent_on == SENT and brief.role == "inwoner"
    assert brief.sha256 and len(brief.sha256) == 64
    with pytest.raises(ValidationError, match="al verzonden op 4 mei 2026"):
        letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT + timedelta(days=1))
    assert Brief.objects.filter(besluit=besluit).count() == 1
    event = AuditEvent.objects.get(code="decision.letter_sent", object_id=str(besluit.pk))
    assert event.resident_id == world["jansen"].pk


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [(date(2026, 4, 30), "vóór de besluitdatum"), (None, "in de toekomst")],
)
def test_the_sent_date_is_not_before_the_decision_nor_in_the_future(world, breach, record, sent_on, message):
    besluit = record(breach, weging=WEGING)
    with pytest.raises(ValidationError, match=message):
        letter_send(
            actor=world["consulent"],
            besluit=besluit,
            sent_on=sent_on or timezone.localdate() + timedelta(days=1),
        )
    besluit.refresh_from_db()
    assert besluit.sent_on is None


def test_another_teams_consulent_cannot_send(world, breach, record):
    from django.core.exceptions import PermissionDenied

    besluit = record(breach, weging=WEGING)
    with pytest.raises(PermissionDenied):
        letter_send(actor=world["consulent_zuid"], besluit=besluit, sent_on=SENT)


def make_couple(world):
    from naleving.residents.tests.factories import ResidentFactory

    jansen = world["jansen"]
    partner = ResidentFactory(first_names="Petra", family_name="de Vries", household_type="gehuwden",
                              street=jansen.street, house_number=jansen.house_number, postcode=jansen.postcode,
                              city=jansen.city, gemeente=jansen.gemeente, partner=jansen)  # fmt: skip
    jansen.partner, jansen.household_type, jansen.kostendelers = partner, "gehuwden", 2
    jansen.save()
    jansen.benefits.update(household_type="gehuwden")
    return partner


def test_a_family_gets_two_letters_jointly_liable(world, breach, record):
    partner = make_couple(world)
    besluit = record(breach, weging=WEGING)
    assert besluit.engine_request["household"]["type"] == "gehuwden" and besluit.sanction_type == "boete"
    resident_letter, partner_letter = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    assert (resident_letter.role, partner_letter.role) == ("inwoner", "partner")
    assert partner_letter.addressee == partner
    text = pdf_text(partner_letter.pdf)
    assert "Beste Petra de Vries" in text and "partner bent van Test Jansen" in text
    assert "art. 18a lid 9 Participatiewet; art. 59 lid 4 Participatiewet" in text
    assert "hoofdelijk aansprakelijk" in text and "uiterlijk op 15 juni 2026" in text
    assert "art. 18a lid 9 Participatiewet" in pdf_text(resident_letter.pdf)
    assert AuditEvent.objects.filter(code="decision.letter_sent", resident_id=partner.pk).exists()


def test_an_ioaw_fine_is_not_joint_but_its_recovery_is(world, breach, record):
    make_couple(world)
    world["jansen"].benefits.update(regulation="IOAW")
    besluit = record(breach, weging=WEGING)
    _, partner_letter = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    text = pdf_text(partner_letter.pdf)
    assert "(art. 26 lid 3 IOAW)" in text and "18a lid 9" not in text and "Participatiewet" not in text


def test_a_single_resident_gets_one_letter(world, breach, record):
    assert (
        len(letter_send(actor=world["consulent"], besluit=record(breach, weging=WEGING), sent_on=SENT)) == 1
    )


def test_the_letter_is_pdf_a_and_tagged(world, breach, record):
    [brief] = letter_send(actor=world["consulent"], besluit=record(breach, weging=WEGING), sent_on=SENT)
    reader = pdf_reader(brief.pdf)
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "PDF/UA Universal Accessibility Schema" in xmp
    assert xmp.count("<rdf:RDF") == 1  # one RDF element in the packet (XMP)
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "nl"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title.startswith("Besluit over uw uitkering")


def test_the_command_writes_the_stored_letter(world, breach, record, tmp_path):
    besluit = record(breach, weging=WEGING)
    with pytest.raises(CommandError, match="nog niet verzonden"):
        call_command("letter", str(besluit.pk), "--out", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="geen besluit met nummer 999999"):
        call_command("letter", "999999", "--out", str(tmp_path / "x.pdf"))
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    out = tmp_path / "brief.pdf"
    call_command("letter", str(besluit.pk), "--out", str(out))
    assert out.read_bytes() == bytes(brief.pdf)
    with pytest.raises(CommandError, match="geen brief aan de partner"):
        call_command("letter", str(besluit.pk), "--out", str(out), "--partner")
    event = AuditEvent.objects.filter(code="decision.letter_downloaded", object_id=str(besluit.pk)).latest(
        "pk"
    )
    assert "opdrachtregel" in event.purpose and event.resident_id == world["jansen"].pk


def test_the_command_line_entry_point(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "naleving", "letter", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "--partner" in result.stdout


def test_the_page_previews_sends_and_downloads(client, world, breach, record):
    besluit = record(breach, weging=WEGING)
    client.force_login(world["consulent"])
    detail = reverse("decisions:detail", args=[besluit.pk])
    body = client.get(detail).content.decode()
    assert "Brieven" in body and "Brief verzenden" in body and "Voorbeeld (concept, PDF)" in body
    preview = client.get(reverse("decisions:letter_preview", args=[besluit.pk]) + "?datum=2026-05-04")
    assert preview.status_code == 200 and "CONCEPT" in pdf_text(preview.content)
    assert not Brief.objects.filter(besluit=besluit).exists()
    assert AuditEvent.objects.filter(code="decision.letter_previewed", object_id=str(besluit.pk)).exists()
    response = client.post(
        reverse("decisions:letter_send", args=[besluit.pk]), {"sent_on": "2026-05-04"}, follow=True
    )
    assert "De brief is verzonden en opgeslagen" in response.content.decode()
    brief = Brief.objects.get(besluit=besluit)
    body = client.get(detail).content.decode()
    assert (
        "Verzonden op 04-05-2026" in body
        and "tot en met 15-06-2026" in body
        and "Brief verzenden" not in body
    )
    download = client.get(reverse("decisions:brief", args=[besluit.pk, brief.pk]))
    assert download.content == bytes(brief.pdf) and "CONCEPT" not in pdf_text(download.content)
    assert client.get(reverse("decisions:letter", args=[besluit.pk])).content == bytes(brief.pdf)
    reads = AuditEvent.objects.filter(code="decision.letter_downloaded", object_id=str(besluit.pk))
    assert reads.count() == 2 and all(e.purpose for e in reads)
    again = client.post(
        reverse("decisions:letter_send", args=[besluit.pk]), {"sent_on": "2026-05-05"}, follow=True
    )
    assert "al verzonden op 4 mei 2026" in again.content.decode()


def test_the_page_says_why_a_letter_cannot_be_made(client, world, breach, record):
    besluit = record(breach, weging=WEGING)
    Besluit.objects.filter(pk=besluit.pk).update(motivation="")
    client.force_login(world["consulent"])
    body = client.get(reverse("decisions:detail", args=[besluit.pk])).content.decode()
    assert "geen motivering" in body and "Brief verzenden" not in body
    response = client.get(reverse("decisions:letter_preview", args=[besluit.pk]), follow=True)
    assert "geen motivering" in response.content.decode()
