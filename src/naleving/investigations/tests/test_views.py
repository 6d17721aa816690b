"""The investigation workspace through the web client: forms per role, saving, locking, documents."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.investigations.models import HoorEnWederhoor, Investigation, InvestigationDocument
from naleving.investigations.tests.factories import HoorEnWederhoorFactory

pytestmark = pytest.mark.django_db

STALE = "Dit onderzoek is intussen gewijzigd door"


def url(name, world, *args):
    return reverse(f"investigations:{name}", args=[world["investigation"].pk, *args])


def loaded_version(body: str, prefix: str) -> int:
    match = re.search(rf'name="{prefix}-version" value="(\d+)"', body)
    assert match, f"no hidden version field for {prefix}"
    return int(match.group(1))


def hearing_data(version: int, **extra) -> dict:
    return {
        "hearing-version": version,
        "hearing-held_on": "2026-03-02",
        "hearing-method": "gesprek",
        "hearing-summary": "De inwoner erkent de inkomsten.",
        **extra,
    }


def findings_data(version: int, **extra) -> dict:
    data = {
        "findings-version": version,
        "findings-breach": "ja",
        "findings-violation_kind": "income",
        "findings-period_start": "2025-09-01",
        "findings-period_end": "2025-11-30",
        "findings-benadelingsbedrag": "",
        "findings-verwijtbaarheid": "normaal",
        "findings-motivation": "De inwoner kende de inlichtingenplicht.",
        "months-TOTAL_FORMS": "6",
        "months-INITIAL_FORMS": "0",
        "months-MIN_NUM_FORMS": "0",
        "months-MAX_NUM_FORMS": "120",
    }
    data.update(extra)
    return data


def test_the_handhaver_sees_the_workspace_forms_with_the_version(client, world):
    client.force_login(world["handhaver"])
    body = client.get(url("detail", world)).content.decode()
    for heading in (
        "Handeling vastleggen",
        "Document toevoegen",
        "Hoor en wederhoor vastleggen",
        "Bevindingen vastleggen",
    ):
        assert heading in body
    assert loaded_version(body, "action") == 1
    assert "Toewijzen</button>" not in body
    assert "De termijn is overschreden" in body  # opened 10-02-2026, 13 weeks have passed


def test_the_consulent_reads_without_forms_and_the_teamleider_assigns(client, world):
    client.force_login(world["consulent"])
    body = client.get(url("detail", world)).content.decode()
    assert "Handeling vastleggen" not in body
    assert f"/onderzoeken/{world['investigation'].pk}/" + "bevindingen/" not in body
    client.force_login(world["teamleider"])
    body = client.get(url("detail", world)).content.decode()
    assert "Toewijzen</button>" in body and "Handeling vastleggen" not in body


def test_the_assign_options_are_the_listed_handhavers_without_a_cursor_of_their_own(client, world):
    """The teamleider's "Toewijzen" select offers his team's handhavers from ``handhavers_offered`` (compiled
    once per process), not from a server-side cursor of the ModelChoiceField."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from naleving.investigations.selectors import handhavers_for

    client.force_login(world["teamleider"])
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url("detail", world)).content.decode()
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DECLARE")]
    select = re.search(r'<select name="assign-handhaver".*?</select>', body, re.S)
    assert select is not None
    offered = re.findall(r'<option value="(\d+)"', select.group(0))
    expected = [str(user.pk) for user in handhavers_for(world["teamleider"])]
    assert expected and offered == expected


def test_posting_is_for_the_right_role_only(client, world):
    client.force_login(world["consulent"])
    assert client.post(url("action", world), {}).status_code == 403
    assert client.post(url("assign", world), {}).status_code == 403
    client.force_login(world["consulent_zuid"])
    assert client.post(url("action", world), {}).status_code == 404
    client.force_login(world["handhaver"])
    assert client.post(url("assign", world), {}).status_code == 403
    assert client.get(url("action", world)).status_code == 405


def test_a_huisbezoek_without_consent_shows_the_reason_and_saves_nothing(client, world):
    client.force_login(world["handhaver"])
    response = client.post(
        url("action", world),
        {
            "action-version": 1,
            "action-kind": "huisbezoek",
            "action-performed_on": "2026-03-01",
            "action-reason": "Twijfel over de woonsituatie.",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Een huisbezoek mag alleen als minder ingrijpende middelen niet volstaan" in body
    assert "Een huisbezoek mag alleen met toestemming van de inwoner" in body
    assert 'id="id_action-consent_given_error"' in body
    assert not world["investigation"].actions.exists()


def test_logging_an_action_redirects_back_to_the_workspace(client, world):
    client.force_login(world["handhaver"])
    response = client.post(
        url("action", world),
        {
            "action-version": 1,
            "action-kind": "inlichtingen_vorderen",
            "action-performed_on": "2026-03-01",
            "action-reason": "Bankafschriften nodig.",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#handelingen")
    assert world["investigation"].actions.get().reason == "Bankafschriften nodig."


def test_findings_with_a_month_table_compute_the_amount(client, world):
    HoorEnWederhoorFactory(
        investigation=world["investigation"], held_on=date(2026, 3, 2), summary="Gehoord.", recorded_by=None
    )
    client.force_login(world["handhaver"])
    months = {
        "months-0-month": "2025-09",
        "months-0-paid": "1401,50",
        "months-0-entitled": "901,50",
        "months-1-month": "2025-10",
        "months-1-paid": "1401.50",
        "months-1-entitled": "1100.25",
    }
    response = client.post(url("findings", world), findings_data(1, **months))
    assert response.status_code == 302, response.content.decode()[:2000]
    investigation = Investigation.objects.get(pk=world["investigation"].pk)
    assert investigation.benadelingsbedrag == Decimal("801.25")
    assert investigation.finding_months.count() == 2
    body = client.get(url("detail", world)).content.decode()
    assert "Benadeling per maand" in body and "€ 801,25" in body


def test_the_findings_form_records_the_register_the_fact_was_in(client, world):
    HoorEnWederhoorFactory(
        investigation=world["investigation"], held_on=date(2026, 3, 2), summary="Gehoord.", recorded_by=None
    )
    client.force_login(world["handhaver"])
    body = client.get(url("detail", world)).content.decode()
    assert "Feit stond al in register" in body and 'value="polisadministratie"' in body
    data = findings_data(
        1, **{"findings-benadelingsbedrag": "300", "findings-source_register": "polisadministratie"}
    )
    response = client.post(url("findings", world), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Investigation.objects.get(pk=world["investigation"].pk).source_register == "polisadministratie"
    assert "Polisadministratie (UWV)" in client.get(url("detail", world)).content.decode()


def test_more_rows_adds_empty_month_rows_and_saves_nothing(client, world):
    client.force_login(world["handhaver"])
    response = client.post(url("findings", world), findings_data(1, more_rows="1"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="months-TOTAL_FORMS" value="12"' in body
    assert Investigation.objects.get(pk=world["investigation"].pk).version == 1


def test_a_breach_before_hoor_en_wederhoor_is_refused_on_the_page(client, world):
    client.force_login(world["handhaver"])
    response = client.post(url("findings", world), findings_data(1, **{"findings-benadelingsbedrag": "100"}))
    assert "nadat de inwoner is gehoord" in response.content.decode()
    assert Investigation.objects.get(pk=world["investigation"].pk).outcome == ""


def test_two_forms_loaded_with_the_same_version_the_second_save_fails(client, world):
    """The acceptance test: two people on the same investigation cannot silently overwrite each other."""
    client.force_login(world["handhaver"])
    version = loaded_version(client.get(url("detail", world)).content.decode(), "hearing")
    client.force_login(world["teamleider"])
    teamleider_version = loaded_version(client.get(url("detail", world)).content.decode(), "assign")
    assert version == teamleider_version == 1

    client.force_login(world["handhaver"])
    assert client.post(url("hearing", world), hearing_data(version)).status_code == 302

    client.force_login(world["teamleider"])
    response = client.post(
        url("assign", world),
        {"assign-version": teamleider_version, "assign-handhaver": world["handhaver"].pk},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f"{STALE} Handhaver om " in body
    assert "Uw wijziging is niet opgeslagen; bekijk de nieuwe versie en probeer het opnieuw." in body
    assert "De inwoner erkent de inkomsten." in body  # the new version is shown
    assert loaded_version(body, "assign") == 2  # a conscious second try is possible
    investigation = Investigation.objects.get(pk=world["investigation"].pk)
    assert investigation.version == 2 and investigation.assigned_at is None
    assert not AuditEvent.objects.filter(code="investigation.assigned").exists()


def test_the_same_form_submitted_twice_does_not_save_twice(client, world):
    client.force_login(world["handhaver"])
    assert client.post(url("hearing", world), hearing_data(1)).status_code == 302
    response = client.post(url("hearing", world), hearing_data(1, **{"hearing-summary": "Anders."}))
    assert STALE in response.content.decode()
    assert list(HoorEnWederhoor.objects.values_list("summary", flat=True)) == [
        "De inwoner erkent de inkomsten."
    ]


def test_a_document_is_uploaded_and_its_download_is_logged(client, world, media_root):
    client.force_login(world["handhaver"])
    upload = SimpleUploadedFile("Bank afschrift.pdf", b"%PDF-1.7\nafschrift", content_type="application/pdf")
    response = client.post(
        url("document", world),
        {"document-version": 1, "document-description": "Bankafschrift september", "document-file": upload},
    )
    assert response.status_code == 302
    document = InvestigationDocument.objects.get()
    assert document.filename == "Bank_afschrift.pdf"
    assert document.file.name.startswith(f"investigations/{world['investigation'].pk}/")
    assert (media_root / document.file.name).read_bytes() == b"%PDF-1.7\nafschrift"

    client.force_login(world["consulent"])
    response = client.get(url("document_download", world, document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7\nafschrift"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    event = AuditEvent.objects.get(code="investigation.document_downloaded")
    assert event.actor_id == world["consulent"].pk and event.resident_id == world["jansen"].pk
    assert event.purpose.startswith("Eigen caseload")


def test_a_disguised_document_is_refused_on_the_page(client, world):
    client.force_login(world["handhaver"])
    upload = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00programma")
    response = client.post(
        url("document", world),
        {"document-version": 1, "document-description": "Rapport", "document-file": upload},
    )
    assert "past niet bij de extensie .pdf" in response.content.decode()
    assert not InvestigationDocument.objects.exists()


def test_closed_investigations_accept_no_more_work(client, world):
    investigation = world["investigation"]
    Investigation.objects.filter(pk=investigation.pk).update(status="afgerond", outcome="geen_schending")
    client.force_login(world["handhaver"])
    response = client.post(url("hearing", world), hearing_data(1), follow=True)
    assert "Dit onderzoek is afgerond" in response.content.decode()
    assert not HoorEnWederhoor.objects.exists()
    assert "Hoor en wederhoor vastleggen" not in client.get(url("detail", world)).content.decode()


POSTS = {
    "assign": ("teamleider",),
    "action": ("handhaver",),
    "document": ("handhaver",),
    "hearing": ("handhaver",),
    "findings": ("handhaver",),
    "close": ("handhaver",),
}
SEES_INVESTIGATION = ("consulent", "handhaver", "teamleider")
OTHERS = ("consulent_zuid", "teamleider_zuid", "analist", "fg", "beleid", "beheerder")
POST_CASES = [(name, role) for name in POSTS for role in SEES_INVESTIGATION + OTHERS]


@pytest.mark.parametrize(("name", "role"), POST_CASES, ids=[f"{n}-{r}" for n, r in POST_CASES])
def test_post_matrix(client, world, name, role):
    """Each workspace form × each role: the allowed role gets the form back with its errors (nothing was
    filled in), a role that sees the investigation but may not do this gets 403, anyone else 404."""
    client.force_login(world[role])
    response = client.post(url(name, world), {})
    if role in POSTS[name]:
        expected = 200
    elif role in SEES_INVESTIGATION:
        expected = 403
    else:
        expected = 404
    assert response.status_code == expected
    assert Investigation.objects.get(pk=world["investigation"].pk).version == 1


def test_a_stale_save_on_an_investigation_closed_meanwhile_says_both(client, world, monkeypatch):
    """A colleague closes the investigation between loading the page and the service's claim."""
    from naleving.investigations import services

    def closed_meanwhile(*, investigation, **kwargs):
        Investigation.objects.filter(pk=investigation.pk).update(
            status="afgerond", outcome="geen_schending", version=2, updated_by=world["teamleider"]
        )
        raise services.InvestigationChangedError(Investigation.objects.get(pk=investigation.pk))

    monkeypatch.setattr(services, "investigation_hoor_en_wederhoor_record", closed_meanwhile)
    client.force_login(world["handhaver"])
    body = client.post(url("hearing", world), hearing_data(1), follow=True).content.decode()
    assert f"{STALE} Teamleider om " in body and "Dit onderzoek is afgerond" in body
    assert "Hoor en wederhoor vastleggen" not in body
