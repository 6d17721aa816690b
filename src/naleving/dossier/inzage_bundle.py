"""The inzage as one ZIP bundle: the JSON, the PDF letter, copies of the resident's own documents and of
the letters sent to them, and a manifest with each file's SHA-256 (AVG art. 15(3): a copy of the data).

What goes in: the attachments the resident uploaded with a change report (``ChangeReport.attachment``), the
beschikking of every besluit that was vastgesteld and every reminder letter that was sent, both made again
from the stored data as they were sent (``decisions.letters``, ``prevention.documents``).

What never goes in (art. 15(4) AVG, the rights of others): a file that can name a third party. Documents
attached to an investigation (evidence, a reporter's melding, statements, hearing reports) can name
reporters, witnesses or other residents; the manifest lists them under ``niet_meegeleverd`` with the reason,
so the FG can review each one and give a redacted copy by hand. Signals keep no files.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import date
from pathlib import PurePath

from naleving.decisions.letters import besluit_letter_pdf
from naleving.decisions.models import Besluit, BesluitStatus
from naleving.investigations.models import InvestigationDocument
from naleving.prevention.documents import reminder_letter_pdf
from naleving.prevention.models import ChangeReport, Reminder
from naleving.residents.models import Resident

MANIFEST = "manifest.json"
WITHHELD_REASON = (
    "Niet meegeleverd: een document bij een onderzoek kan andere mensen noemen (een melder, een getuige, "
    "een andere inwoner). De FG beoordeelt het en geeft zo nodig een kopie zonder die gegevens."
)


def safe_name(name: str) -> str:
    """A file name without directories or characters that mean something to a file system."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", PurePath(name).name).strip("._")
    return cleaned[:100] or "bestand"


def bundle_documents(resident: Resident) -> tuple[list[tuple[str, bytes, str]], list[dict]]:
    """The files for the bundle as (path, content, description), and the documents withheld."""
    files: list[tuple[str, bytes, str]] = []
    reports = (
        ChangeReport.objects.filter(resident=resident).exclude(attachment="").order_by("reported_on", "pk")
    )
    for report in reports:
        with report.attachment.open("rb") as handle:
            content = handle.read()
        name = safe_name(report.attachment_name or report.attachment.name)
        files.append(
            (
                f"documenten/wijziging-{safe_name(report.reference or str(report.pk))}-{name}",
                content,
                f"Uw bijlage bij de wijziging die u doorgaf op {report.reported_on:%d-%m-%Y}",
            )
        )
    besluiten = Besluit.objects.filter(resident=resident, status=BesluitStatus.VASTGESTELD)
    for besluit in besluiten.order_by("decision_date", "pk"):
        files.append(
            (
                f"brieven/besluit-{safe_name(besluit.kenmerk)}.pdf",
                besluit_letter_pdf(besluit=besluit, sent_on=besluit.decision_date),
                f"Beschikking van {besluit.decision_date:%d-%m-%Y}, opnieuw opgemaakt uit de vastgelegde gegevens",
            )
        )
    sent = Reminder.objects.filter(resident=resident, handled_at__isnull=False).select_related("schedule")
    for reminder in sent.order_by("due_on", "pk"):
        files.append(
            (
                f"brieven/herinnering-{reminder.due_on:%Y-%m-%d}.pdf",
                reminder_letter_pdf(reminder),
                f"Herinneringsbrief van {reminder.due_on:%d-%m-%Y}, opnieuw opgemaakt",
            )
        )
    withheld = [
        {
            "bestand": document.filename,
            "bij": f"onderzoek geopend op {document.investigation.opened_on:%d-%m-%Y}",
            "toegevoegd op": document.uploaded_at.date().isoformat(),
            "reden": WITHHELD_REASON,
        }
        for document in InvestigationDocument.objects.filter(investigation__resident=resident)
        .select_related("investigation")
        .order_by("uploaded_at", "pk")
    ]
    return files, withheld


def inzage_bundle(resident: Resident, *, json_bytes: bytes, pdf_bytes: bytes, today: date) -> bytes:
    """The ZIP: ``inzage.json``, ``inzage.pdf``, the documents and letters, and ``manifest.json``."""
    documents, withheld = bundle_documents(resident)
    files = [
        ("inzage.json", json_bytes, "Al uw gegevens, voor een computer (JSON)"),
        ("inzage.pdf", pdf_bytes, "Al uw gegevens, als brief (PDF)"),
        *documents,
    ]
    manifest = {
        "dossiernummer": resident.pk,
        "opgemaakt_op": today.isoformat(),
        "uitleg": "Elk bestand met zijn SHA-256-vingerafdruk: zo kunt u zien dat het niet is veranderd.",
        "bestanden": [
            {
                "pad": path,
                "omschrijving": description,
                "bytes": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
            }
            for path, content, description in files
        ],
        "niet_meegeleverd": withheld,
    }
    buffer = io.BytesIO()
    stamp = (today.year, today.month, today.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path, content, _description in files:
            bundle.writestr(zipfile.ZipInfo(path, date_time=stamp), content)
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        bundle.writestr(zipfile.ZipInfo(MANIFEST, date_time=stamp), manifest_bytes)
    return buffer.getvalue()
