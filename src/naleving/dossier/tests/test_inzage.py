"""Inzage (AVG art. 15): every kind of record is in the answer, the reporter of a signal never is, the
command refuses bad input without writing, and the FG's page is the FG's alone and is logged."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from naleving.audit.models import AuditEvent
from naleving.audit.services import audit_record
from naleving.claims.models import Invorderingsstap
from naleving.decisions.models import Verzuim
from naleving.dossier.inzage import SECTIONS, inzage_collect
from naleving.dossier.inzage_output import inzage_json, inzage_pdf

REPORTER_NAME = "Geheime Melder Vandenbroek"
REPORTER_MAIL = "melder.vandenbroek@example.org"
COLLEAGUE_NAME = "Collegamelder Oosterhuis"
ROLES = [
    "consulent",
    "consulent_zuid",
    "handhaver",
    "teamleider",
    "teamleider_zuid",
    "analist",
    "fg",
    "beleid",
]


@pytest.fixture
def full_file(world):
    """Jansen with a record of every kind, a signal from a named reporter and one from a colleague."""
    from naleving.accounts.tests.factories import UserFactory
    from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
    from naleving.controls.tests.factories import ControlHitFactory
    from naleving.decisions.tests.factories import OpschortingFactory
    from naleving.investigations.tests.factories import (
        FindingMonthFactory,
        HoorEnWederhoorFactory,
        InvestigativeActionFactory,
    )
    from naleving.prevention.models import IntakeChecklist
    from naleving.prevention.tests.factories import (
        ChangeReportFactory,
        PreventiveInterventionFactory,
        ReferralFactory,
        ReminderFactory,
    )
    from naleving.residents.models import Correction, PrivacyObjection, Registratieverzoek
    from naleving.residents.tests.factories import ApplicationFactory
    from naleving.signals.tests.factories import SignalFactory

    jansen, investigation, besluit = world["jansen"], world["investigation"], world["besluit"]
    besluit.engine_response = {
        "trace": [
            {"text_nl": "De boete is 50% van het benadelingsbedrag.", "citation": "Boetebesluit art. 2"}
        ]
    }
    besluit.save()
    application = ApplicationFactory(resident=jansen, granted=True)
    intervention = PreventiveInterventionFactory(resident=jansen, conversation=True)
    IntakeChecklist.objects.create(
        application=application,
        resident=jansen,
        catalogue_version="2026-1",
        items=["inlichtingenplicht"],
        language="nl",
        intervention=PreventiveInterventionFactory(resident=jansen),
        recorded_on=date(2026, 1, 5),
    )
    ChangeReportFactory(resident=jansen)
    ReminderFactory(schedule__resident=jansen)
    ReferralFactory(resident=jansen, referred_by=world["consulent"])
    InvestigativeActionFactory(investigation=investigation)
    HoorEnWederhoorFactory(investigation=investigation)
    FindingMonthFactory(investigation=investigation)
    OpschortingFactory(besluit__investigation__resident=jansen)
    vordering = VorderingFactory(besluit=besluit, amount=Decimal("1000"))
    AflossingFactory(vordering=vordering)
    Invorderingsstap.objects.create(
        vordering=vordering,
        kind="aanmaning",
        sent_on=date(2026, 5, 4),
        amount_due=Decimal("100"),
        pdf=b"%PDF",
    )
    Verzuim.objects.create(
        resident=jansen, obligation="pw_18_4_a", happened_on=date(2026, 4, 2), facts="Werkaanbod geweigerd.",
        hearing_on=date(2026, 4, 20), hearing_record="Ik had geen opvang.", status="gehoord",
    )  # fmt: skip
    Registratieverzoek.objects.create(
        resident=jansen, bsn=jansen.bsn, details={"naam": "Jansen"}, requested_by=world["consulent"]
    )
    Correction.objects.create(
        resident=jansen,
        field="phone",
        old_value="0612345678",
        new_value="0687654321",
        requested_on=date(2026, 5, 1),
        reason="Nieuw nummer",
        recorded_by=world["consulent"],
    )
    PrivacyObjection.objects.create(
        resident=jansen, received_on=date(2026, 5, 2), grounds="Ik wil niet in themacontroles."
    )
    hit_signal = SignalFactory(
        resident=jansen, origin="themacontrole", registered_by=None, external_reference=""
    )
    investigation.signals.add(hit_signal)
    ControlHitFactory(bsn=jansen.bsn, signal=hit_signal, reasons=["Auto op naam"])
    ControlHitFactory(bsn=jansen.bsn, in_control_group=True)
    SignalFactory(
        resident=jansen,
        origin="anonieme_melding",
        kind="cohabitation",
        external_reference="",
        registered_by=None,
        description=f"Ik, {REPORTER_NAME}, zie elke avond een man bij haar.",
        subject_name=f"Jansen (volgens {REPORTER_NAME})",
        reporter_contact=f"{REPORTER_NAME}, {REPORTER_MAIL}",
    )
    SignalFactory(
        anonymous=True,
        subject_bsn=jansen.bsn,
        received_on=date(2026, 5, 20),
        reporter_contact=f"{REPORTER_NAME}, {REPORTER_MAIL}",
    )
    colleague = UserFactory(first_name="Collegamelder", last_name="Oosterhuis", consulent=True)
    SignalFactory(resident=jansen, origin="collega", registered_by=colleague, external_reference="")
    audit_record(actor=colleague, code="resident.viewed", resident_id=jansen.pk, purpose="Eigen caseload")
    assert intervention.pk
    return world


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_the_inzage_holds_every_kind_of_record(full_file):
    data = inzage_collect(full_file["jansen"], today=date(2026, 6, 1))
    sections = {s["sleutel"]: s["gegevens"] for s in data["secties"]}
    assert list(sections) == [key for key, _, _ in SECTIONS]
    empty = [key for key, records in sections.items() if not records]
    assert empty == [], f"sections without records: {empty}"
    text = inzage_json(data).decode()
    investigation = next(i for i in sections["onderzoeken"] if i["onderzoekshandelingen"])
    assert investigation["hoor en wederhoor"]
    assert investigation["bevindingen per maand"]
    assert any(
        "willekeurige controlegroep" in line or "Themacontrole" in line
        for line in investigation["hoe u in beeld kwam"]
    )
    assert "/algoritmes/voertuigen/" in text
    assert "De boete is 50% van het benadelingsbedrag." in text
    assert sections["vorderingen"][0]["aflossingen"]
    assert (
        sections["vorderingen"][0]["aanmaningen en dwangbevelen"][0]["soort"] == "Aanmaning (art. 4:112 Awb)"
    )
    assert "art. 18 lid 4 onder a Pw" in sections["verzuimen"][0]["verplichting"]
    assert sections["verzuimen"][0]["zienswijze van de inwoner"] == "Ik had geen opvang."
    assert date(2026, 5, 20) in [s["ontvangen op"] for s in sections["signalen"]], "an unlinked signal by BSN"
    assert sections["raadplegingen"][0]["doel"] == "Eigen caseload"


#: What the inzage may never show: the named reporter and the colleague who reported (``full_file``).
SECRETS = (REPORTER_NAME, REPORTER_MAIL, "Vandenbroek", COLLEAGUE_NAME, "Oosterhuis")


@pytest.mark.django_db
def test_the_reporter_is_never_disclosed(full_file):
    """In the JSON here; in the PDF made of the same data in ``test_the_pdf_is_a_b1_letter``."""
    text = inzage_json(inzage_collect(full_file["jansen"], today=date(2026, 6, 1))).decode()
    assert not [secret for secret in SECRETS if secret in text]
    assert "Anonieme melding" in text


@pytest.mark.django_db
def test_the_pdf_is_a_b1_letter(full_file):
    """A plain-language letter, which (as the JSON, ``test_the_reporter_is_never_disclosed``) never names the
    reporter."""
    text = _pdf_text(inzage_pdf(inzage_collect(full_file["jansen"], today=date(2026, 6, 1))))
    assert "Dit weten wij over u" in text
    assert "Autoriteit Persoonsgegevens" in text
    assert not [secret for secret in SECRETS if secret in text]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_the_command_writes_the_inzage_and_logs_it(full_file, tmp_path, fmt):
    out = tmp_path / f"inzage.{fmt}"
    call_command(
        "privacy", "inzage", full_file["jansen"].bsn, "--out", str(out), "--format", fmt, stdout=io.StringIO()
    )
    content = out.read_bytes()
    if fmt == "json":
        assert json.loads(content)["over_dit_overzicht"]["dossiernummer"] == full_file["jansen"].pk
    else:
        assert content.startswith(b"%PDF")
    event = AuditEvent.objects.get(code="resident.inzage_exported")
    assert event.resident_id == full_file["jansen"].pk and event.after["formaat"] == fmt


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bsn", "message"),
    [("12345", "precies 9 cijfers"), ("123456789", "elfproef"), ("999999990", "Geen inwoner gevonden")],
)
def test_the_command_refuses_bad_input_and_writes_nothing(world, tmp_path, bsn, message):
    out = tmp_path / "inzage.json"
    with pytest.raises(CommandError, match=message) as refused:
        call_command("privacy", "inzage", bsn, "--out", str(out))
    assert "niets geschreven" in str(refused.value)
    assert not out.exists()
    assert not AuditEvent.objects.filter(code="resident.inzage_exported").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_the_fg_may_answer_an_inzageverzoek(client, world, role):
    client.force_login(world[role])
    response = client.post(reverse("audit:inzage_request"), {"bsn": world["jansen"].bsn})
    assert response.status_code == (200 if role == "fg" else 403)
    assert AuditEvent.objects.filter(code="resident.inzage_exported").exists() == (role == "fg")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["", "json", "pdf", "zip"])
def test_the_fg_page_shows_a_summary_and_downloads_and_is_logged(client, full_file, fmt):
    client.force_login(full_file["fg"])
    response = client.post(reverse("audit:inzage_request"), {"bsn": full_file["jansen"].bsn, "formaat": fmt})
    assert response.status_code == 200
    if fmt == "":
        body = response.content.decode()
        assert "Onderzoeken" in body and "*****2333" in body
        assert "Afgeschermd voor derden" in body
    else:
        assert response["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "zip":
        import zipfile

        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        assert {"inzage.json", "inzage.pdf", "manifest.json"} <= set(names)
    event = AuditEvent.objects.get(code="resident.inzage_exported", request_id=response["X-Request-ID"])
    assert event.resident_id == full_file["jansen"].pk
    assert event.after["formaat"] == (fmt or "samenvatting")
    assert event.actor == full_file["fg"]


@pytest.mark.django_db
def test_the_fg_page_takes_no_bsn_from_the_url(client, world):
    client.force_login(world["fg"])
    response = client.get(reverse("audit:inzage_request") + f"?bsn={world['jansen'].bsn}")
    assert response.status_code == 200
    assert "Inwoner met dossiernummer" not in response.content.decode()
    assert not AuditEvent.objects.filter(code="resident.inzage_exported").exists()
