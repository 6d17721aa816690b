"""The inzage as files: JSON for machines (every value as stored), a PDF letter in plain Dutch (B1), and a
ZIP bundle of both with copies of the resident's own documents and letters (``inzage_bundle``).

JSON and PDF take the dict of ``dossier.inzage.inzage_collect``; neither reads the database again.
"""

import json
from datetime import date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.common.formatting import euro, long_date, short_date
from naleving.common.pdf import html_to_pdf
from naleving.dossier.inzage import inzage_collect
from naleving.dossier.inzage_bundle import inzage_bundle
from naleving.residents.models import Resident

EMPTY = "—"

#: The purpose recorded for every inzage, on the FG's page and by the command.
PURPOSE = "Inzageverzoek van de inwoner beantwoorden (AVG art. 15)"
CODE = "resident.inzage_exported"
FORMATS = ("json", "pdf", "zip")


def inzage_document(resident: Resident, *, fmt: str, today: date) -> bytes:
    """The inzage of ``resident`` as JSON, PDF or ZIP bytes (no audit: the caller logs the use)."""
    data = inzage_collect(resident, today=today)
    if fmt == "zip":
        return inzage_bundle(resident, json_bytes=inzage_json(data), pdf_bytes=inzage_pdf(data), today=today)
    return inzage_pdf(data) if fmt == "pdf" else inzage_json(data)


def inzage_export(*, actor, resident: Resident, fmt: str, today: date, via: str) -> bytes:
    """The inzage for a caller outside a request (the command): logged with its purpose, then made."""
    audit_record(
        actor=actor,
        code=CODE,
        obj=resident,
        resident_id=resident.pk,
        purpose=PURPOSE,
        after={"formaat": fmt, "via": via},
    )
    return inzage_document(resident, fmt=fmt, today=today)


def inzage_json(data: dict) -> bytes:
    """The inzage as UTF-8 JSON: dates in ISO 8601, amounts as decimal strings."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def inzage_pdf(data: dict) -> bytes:
    """The inzage as a PDF letter for the resident (A4), through the one safe WeasyPrint helper."""
    return html_to_pdf(render_to_string("dossier/inzage.html", inzage_context(data)))


def inzage_context(data: dict) -> dict:
    """The template's context: every record as rows of (label, text, nested records)."""
    about = data["over_dit_overzicht"]
    return {
        "about": about,
        "made_on": long_date(about["opgemaakt_op"]),
        "sections": [
            {**section, "records": [_rows(record) for record in section["gegevens"]]}
            for section in data["secties"]
        ],
    }


def _rows(record: dict) -> list[dict]:
    rows = []
    for key, value in record.items():
        label = key[:1].upper() + key[1:]
        if isinstance(value, list) and any(isinstance(item, dict) for item in value):
            rows.append(
                {"label": label, "text": "" if value else EMPTY, "records": [_rows(v) for v in value]}
            )
        elif isinstance(value, dict):
            rows.append(
                {"label": label, "text": "" if value else EMPTY, "records": [_rows(value)] if value else []}
            )
        else:
            rows.append({"label": label, "text": display(value), "records": []})
    return rows


def display(value) -> str:
    """One value in plain Dutch: dates as 1-2-2026, amounts in euros, yes/no, lists one per line."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if timezone.is_aware(value) else f"{value}"
        )
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, Decimal):
        return euro(value)
    if isinstance(value, list):
        return "\n".join(display(item) for item in value)
    return str(value)
