"""The privacy officer's pages on the audit log: who saw resident X, what employee Y saw, and the search.

A small scenario: the consulent opens Jansen's file twice and the handhaver once; the FG asks both questions.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.audit.services import audit_record

ROLES = ["consulent", "consulent_zuid", "handhaver", "teamleider", "analist", "beleid", "beheerder"]
PAGES = ["audit:search", "audit:resident_history", "audit:employee_history"]


@pytest.fixture
def scenario(world, client):
    """Jansen's file read twice by the consulent and once by the handhaver; the FG logged in."""
    jansen = reverse("residents:detail", args=[world["jansen"].pk])
    for role, times in (("consulent", 2), ("handhaver", 1)):
        client.force_login(world[role])
        for _ in range(times):
            assert client.get(jansen).status_code == 200
    # A search of the consulent's, as the resident list records it (a search names no single resident).
    audit_record(
        actor=world["consulent"],
        code="resident.searched",
        purpose="Zoeken in eigen werkvoorraad",
        after={"zoekterm": "q=Jansen", "aantal": 1},
    )
    client.force_login(world["fg"])
    return world


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def visible(page: str) -> str:
    """The text a person reads: without tags and attributes (option values carry the codes)."""
    return re.sub(r"<[^>]+>", " ", page)


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_fg_opens_the_audit_pages(client, world, page, role):
    client.force_login(world[role])
    assert client.get(reverse(page)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_the_fg_opens_the_audit_pages(client, world, page):
    client.force_login(world["fg"])
    assert client.get(reverse(page)).status_code == 200


@pytest.mark.django_db
def test_who_saw_a_resident_by_bsn(client, scenario):
    jansen = scenario["jansen"]
    response = client.get(reverse("audit:resident_history"), {"bsn": jansen.bsn})
    page = body(response)
    reads = response.context["page_obj"]
    assert reads.paginator.count == 3
    assert [e.actor_id for e in reads] == [scenario["handhaver"].pk, *[scenario["consulent"].pk] * 2]
    assert [(r.actor_id, r.reads) for r in response.context["readers"]] == [
        (scenario["consulent"].pk, 2),
        (scenario["handhaver"].pk, 1),
    ]
    assert "3 keer ingezien door 2 medewerkers" in page
    assert "Dossier van inwoner bekeken" in page and "resident.viewed" not in visible(page)
    assert "Eigen caseload (uitvoering uitkering)" in page and "Toegewezen handhavingsonderzoek" in page
    assert "Handhaver / toezichthouder" in page  # the reader's role
    handhaver_read = AuditEvent.objects.filter(code="resident.viewed", actor=scenario["handhaver"]).get()
    assert handhaver_read.request_id in page
    # The FG sees the dossier number and the masked BSN, never the resident's name.
    assert jansen.masked_bsn in page and f"dossiernummer {jansen.pk}" in page
    assert jansen.family_name not in page and jansen.first_names not in page


@pytest.mark.django_db
def test_who_saw_a_resident_by_dossier_number_and_period(client, scenario):
    jansen = scenario["jansen"]
    url = reverse("audit:resident_history")
    today = timezone.localdate()
    assert client.get(url, {"dossier": jansen.pk}).context["page_obj"].paginator.count == 3
    tomorrow = {"dossier": jansen.pk, "date_from": today + timedelta(days=1)}
    assert client.get(url, tomorrow).context["page_obj"].paginator.count == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"bsn": "111222334"}, "elfproef"),
        ({"bsn": "12345"}, "precies 9 cijfers"),
        ({"date_from": "2026-01-01"}, "Vul een BSN of een dossiernummer in."),
        ({"bsn": "111222333", "dossier": "1"}, "niet allebei"),
    ],
)
def test_the_resident_question_needs_one_valid_bsn_or_dossier_number(client, world, params, message):
    client.force_login(world["fg"])
    page = body(client.get(reverse("audit:resident_history"), params))
    assert message in page
    assert not AuditEvent.objects.filter(code="audit.resident_history_viewed").exists()


@pytest.mark.django_db
def test_an_unknown_resident_is_said_so_and_the_question_is_logged(client, world):
    client.force_login(world["fg"])
    page = body(client.get(reverse("audit:resident_history"), {"bsn": "999999990"}))
    assert "Geen inwoner gevonden" in page
    event = AuditEvent.objects.get(code="audit.resident_history_viewed")
    assert event.resident_id is None
    assert event.after["bsn"] == "*****9990" and event.after["gevonden"] is False


@pytest.mark.django_db
def test_the_resident_question_is_itself_logged(client, scenario):
    jansen = scenario["jansen"]
    response = client.get(reverse("audit:resident_history"), {"bsn": jansen.bsn})
    event = AuditEvent.objects.get(code="audit.resident_history_viewed")
    assert event.actor == scenario["fg"]
    assert event.resident_id == jansen.pk
    assert event.purpose == "Toezicht op gegevensgebruik (FG)"
    assert event.request_id == response["X-Request-ID"]
    assert event.after["aantal"] == 3 and jansen.bsn not in str(event.after)
    # The FG's own question is not a read of the resident: the next answer still counts three.
    again = client.get(reverse("audit:resident_history"), {"bsn": jansen.bsn})
    assert again.context["page_obj"].paginator.count == 3


@pytest.mark.django_db
def test_what_an_employee_saw(client, scenario):
    jansen = scenario["jansen"]
    response = client.get(reverse("audit:employee_history"), {"employee": "consulent"})
    page = body(response)
    assert response.context["page_obj"].paginator.count == 3  # two files and one search
    summary = response.context["summary"]
    assert (summary.events, summary.residents, summary.searches, summary.downloads) == (3, 1, 1, 0)
    assert "Dossier van inwoner bekeken" in page and "Inwoners gezocht" in page
    assert "resident.viewed" not in visible(page) and "resident.searched" not in visible(page)
    assert f"({jansen.masked_bsn})" in page
    assert "zoekterm: q=Jansen" in page  # what the employee searched for
    assert "Eigen caseload (uitvoering uitkering)" in page
    event = AuditEvent.objects.get(code="audit.employee_history_viewed")
    assert event.actor == scenario["fg"] and event.after["medewerker"] == "consulent"
    assert event.after["aantal"] == 3


@pytest.mark.django_db
def test_what_an_employee_saw_in_a_period_without_reads(client, scenario):
    today = timezone.localdate()
    params = {"employee": "handhaver", "date_to": today - timedelta(days=1)}
    response = client.get(reverse("audit:employee_history"), params)
    assert "Deze medewerker heeft in deze periode niets ingezien." in body(response)


@pytest.mark.django_db
def test_the_period_cannot_end_before_it_starts(client, world):
    client.force_login(world["fg"])
    params = {"employee": "handhaver", "date_from": "2026-02-01", "date_to": "2026-01-01"}
    assert "De einddatum ligt vóór de begindatum." in body(
        client.get(reverse("audit:employee_history"), params)
    )


@pytest.mark.django_db
def test_the_search_shows_dutch_descriptions_and_filters_by_group(client, scenario):
    url = reverse("audit:search")
    page = body(client.get(url))
    assert "Dossier van inwoner bekeken" in page and "Inzage" in page
    assert "resident.viewed" not in visible(page) and "audit.searched" not in visible(page)
    reads = client.get(url, {"group": "inzage"}).context["paginator"].count
    assert reads == 4  # three files and one search
    accounts = client.get(url, {"group": "accounts"}).context["page_obj"]
    assert all(e.code.startswith(("user.", "team.")) for e in accounts)
    one = client.get(url, {"code": "resident.searched"}).context["paginator"].count
    assert one == 1
    by_resident = client.get(url, {"resident": scenario["jansen"].pk, "group": "inzage"})
    assert by_resident.context["paginator"].count == 3
    assert client.get(url, {"username": "HANDHAVER", "group": "inzage"}).context["paginator"].count == 1


@pytest.mark.django_db
def test_each_search_is_logged(client, world):
    client.force_login(world["fg"])
    client.get(reverse("audit:search"), {"group": "inzage", "username": "consulent"})
    event = AuditEvent.objects.get(code="audit.searched")
    assert event.actor == world["fg"] and event.purpose == "Toezicht op gegevensgebruik (FG)"
    assert event.after == {"group": "inzage", "username": "consulent", "aantal": 0}


@pytest.mark.django_db
def test_both_answers_download_as_csv_and_the_download_is_logged(client, scenario):
    jansen = scenario["jansen"]
    response = client.get(reverse("audit:resident_history"), {"bsn": jansen.bsn, "formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Wanneer,Wie,Rol (nu),Wat,Waarom (doel),Verzoeknummer"
    assert len(lines) == 1 + 3 and all("Dossier van inwoner bekeken" in line for line in lines[1:])
    assert jansen.family_name not in response.content.decode()
    event = AuditEvent.objects.get(code="audit.resident_history_viewed")
    assert event.after["formaat"] == "csv" and event.resident_id == jansen.pk

    response = client.get(reverse("audit:employee_history"), {"employee": "consulent", "formaat": "csv"})
    text = response.content.decode()
    assert len(text.splitlines()) == 1 + 3
    assert f"{jansen.pk},{jansen.masked_bsn}" in text and "zoekterm: q=Jansen" in text
    assert AuditEvent.objects.get(code="audit.employee_history_viewed").after["formaat"] == "csv"
