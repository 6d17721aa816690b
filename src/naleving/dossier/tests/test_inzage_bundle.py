"""The inzage as a ZIP bundle: the JSON, the PDF, the resident's own documents and letters, and a manifest
whose SHA-256 per file matches what is in the bundle; a file that can name a third party never goes in."""

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from naleving.audit.models import AuditEvent
from naleving.decisions.tests.factories import BesluitFactory
from naleving.investigations.services import investigation_document_attach
from naleving.prevention.tests.factories import ChangeReportFactory, ReminderFactory

REPORTER = "Buurman Vandermelder"


@pytest.fixture
def with_documents(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    jansen = world["jansen"]
    ChangeReportFactory(
        resident=jansen,
        handled=True,
        attachment=SimpleUploadedFile("../loonstrook mei.pdf", b"%PDF-1.4 loonstrook van Jansen"),
        attachment_name="../loonstrook mei.pdf",
    )
    ReminderFactory(schedule__resident=jansen, handled_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    investigation_document_attach(
        actor=world["handhaver"],
        investigation=world["investigation"],
        file=SimpleUploadedFile("melding.txt", f"Ik, {REPORTER}, zag een man.".encode(), "text/plain"),
        description="Melding van een buurman",
    )
    # the world's besluit is a concept (no letter was sent); this one was vastgesteld
    world["vastgesteld"] = BesluitFactory(resident=jansen, investigation__resident=jansen)
    return world


@pytest.mark.django_db
def test_the_bundle_holds_json_pdf_documents_letters_and_a_manifest(with_documents, tmp_path):
    jansen = with_documents["jansen"]
    out = tmp_path / "inzage.zip"
    call_command("privacy", "inzage", jansen.bsn, "--out", str(out), "--format", "zip", stdout=io.StringIO())

    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        contents = {name: bundle.read(name) for name in names}
    manifest = json.loads(contents.pop("manifest.json"))
    listed = {entry["pad"]: entry for entry in manifest["bestanden"]}
    assert set(listed) == set(contents)  # every file in the bundle is in the manifest, and nothing more
    for path, content in contents.items():
        assert listed[path]["sha256"] == hashlib.sha256(content).hexdigest()
        assert listed[path]["bytes"] == len(content)

    assert json.loads(contents["inzage.json"])["over_dit_overzicht"]["dossiernummer"] == jansen.pk
    assert contents["inzage.pdf"].startswith(b"%PDF")
    [upload] = [p for p in names if p.startswith("documenten/")]
    assert upload.endswith("-loonstrook_mei.pdf") and ".." not in upload
    assert contents[upload] == b"%PDF-1.4 loonstrook van Jansen"
    besluit_letters = [p for p in names if p.startswith("brieven/besluit-")]
    assert besluit_letters == [f"brieven/besluit-{with_documents['vastgesteld'].kenmerk}.pdf"]
    assert all(contents[p].startswith(b"%PDF") for p in names if p.startswith("brieven/"))
    assert "brieven/herinnering-2027-03-02.pdf" in names

    # The reporter's melding is never in the bundle: listed as withheld, for the FG to review.
    assert not any("melding" in p for p in names)
    assert all(REPORTER.encode() not in content for content in contents.values())
    [withheld] = manifest["niet_meegeleverd"]
    assert withheld["bestand"] == "melding.txt" and "melder" in withheld["reden"]

    event = AuditEvent.objects.get(code="resident.inzage_exported")
    assert event.after["formaat"] == "zip" and event.resident_id == jansen.pk
