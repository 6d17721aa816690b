"""Case examples (casusvoorbeelden): marked by staff who can see the case, refused when not anonymous,
shown (title and summary only) in the MER report."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.reports.build import report_build
from naleving.reports.models import Casusvoorbeeld
from naleving.reports.periods import parse
from naleving.reports.presentation import report_present
from naleving.reports.presentation_json import report_json
from naleving.reports.services import anonymity_problems, casusvoorbeeld_mark, casusvoorbeeld_withdraw

pytestmark = pytest.mark.django_db

SUMMARY = (
    "Tijdens een voorlichtingsgesprek bleek dat de inwoner net werk had gevonden. Zij gaf het dezelfde week "
    "door; er was geen terugvordering en geen boete nodig."
)


def _mark(world, actor="consulent", **changes):
    fields = {
        "case_kind": "besluit",
        "reference": world["besluit"].kenmerk,
        "period": "2026-T1",
        "title": "Werk op tijd doorgegeven",
        "summary": SUMMARY,
    }
    return casusvoorbeeld_mark(actor=world[actor], **{**fields, **changes})


def test_consulent_marks_an_example_of_own_caseload(world):
    example = _mark(world)
    assert (example.resident, example.besluit, example.investigation) == (
        world["jansen"],
        world["besluit"],
        world["investigation"],
    )
    assert (example.period_code, example.period_start, example.period_end) == (
        "2026-T1",
        date(2026, 1, 1),
        date(2026, 4, 30),
    )
    event = AuditEvent.objects.get(code="report.case_example_marked")
    assert event.resident_id == world["jansen"].pk and event.actor_id == world["consulent"].pk


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("De heer Jansen gaf zijn werk tijdig door na het gesprek met de consulent.", "achternaam"),
        ("Test Jansen gaf het werk tijdig door na het voorlichtingsgesprek van mei.", "volledige naam"),
        ("Inwoner met BSN 111 222 333 gaf het werk tijdig door na het gesprek.", "BSN"),
        ("Inwoner met BSN 111.222.333 gaf het werk tijdig door na het gesprek.", "BSN"),
        ("De inwoner van Dorpsstraat 1 gaf het werk tijdig door na het gesprek.", "adres"),
        ("De inwoner uit 1234 AB gaf het werk tijdig door na het gesprek met ons.", "postcode"),
    ],
)
def test_summaries_that_identify_the_resident_are_refused(world, text, problem):
    with pytest.raises(ValidationError) as error:
        _mark(world, summary=text)
    assert problem in " ".join(error.value.message_dict["summary"])
    assert not Casusvoorbeeld.objects.exists()


def test_a_name_in_the_title_is_refused_and_an_unrelated_word_is_not(world):
    with pytest.raises(ValidationError) as error:
        _mark(world, title="Casus Jansen")
    assert "title" in error.value.message_dict
    assert (
        anonymity_problems("Janssen-achtige situaties komen vaker voor bij jonge inwoners.", world["jansen"])
        == []
    )
    world["jansen"].family_name = "Groot"
    assert anonymity_problems("Een groot bedrag bleef zo buiten beeld.", world["jansen"]) == []
    assert anonymity_problems("Mevrouw Groot belde zelf.", world["jansen"]) == [
        "de achternaam van de inwoner"
    ]


def test_cases_outside_ones_work_are_not_found(world):
    with pytest.raises(ValidationError) as error:
        _mark(world, actor="consulent_zuid")  # Jansen is in team Noord
    assert "reference" in error.value.message_dict
    with pytest.raises(ValidationError):
        _mark(world, case_kind="inwoner", reference=str(world["pietersen"].pk))
    with pytest.raises(PermissionDenied):
        _mark(world, actor="handhaver")
    with pytest.raises(PermissionDenied):
        _mark(world, actor="beleid")


def test_teamleider_marks_by_investigation_and_a_bad_period_is_refused(world):
    example = _mark(
        world,
        actor="teamleider",
        case_kind="onderzoek",
        reference=str(world["investigation"].pk),
        period="2026",
    )
    assert example.besluit is None and example.period_code == "2026"
    with pytest.raises(ValidationError) as error:
        _mark(world, period="2026-T9")
    assert "period" in error.value.message_dict


def test_the_mer_report_shows_examples_of_overlapping_periods_without_the_case(world):
    _mark(world)  # 2026-T1
    _mark(world, period="2025-T3", title="Eerder voorbeeld")
    data = report_json(report_present(report_build("mer", parse("2026")), suppress=True))
    section = next(s for s in data["sections"] if s["key"] == "casusvoorbeelden")
    assert [e["title"] for e in section["case_examples"]] == ["Werk op tijd doorgegeven"]
    assert set(section["case_examples"][0]) == {"period", "title", "summary"}
    t3 = report_json(report_present(report_build("mer", parse("2025-T3")), suppress=True))
    assert [
        e["title"] for s in t3["sections"] if s["key"] == "casusvoorbeelden" for e in s["case_examples"]
    ] == ["Eerder voorbeeld"]


def test_withdraw_by_the_marker_or_the_team_lead_only(world):
    example = _mark(world)
    with pytest.raises(PermissionDenied):
        casusvoorbeeld_withdraw(actor=world["teamleider_zuid"], example=example)
    casusvoorbeeld_withdraw(actor=world["teamleider"], example=example)
    assert not Casusvoorbeeld.objects.exists()
    assert AuditEvent.objects.filter(code="report.case_example_withdrawn").count() == 1


def test_form_marks_an_example_and_shows_refusals(client, world):
    client.force_login(world["consulent"])
    url = reverse("reports:case_example_create")
    assert client.get(url).status_code == 200
    data = {
        "case_kind": "besluit",
        "reference": world["besluit"].kenmerk,
        "period": "2026-T1",
        "title": "Werk",
        "summary": SUMMARY,
    }
    refused = client.post(url, {**data, "summary": SUMMARY + " Meneer Jansen was blij."})
    assert refused.status_code == 200 and "Niet anoniem" in refused.content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    listing = client.get(reverse("reports:case_examples")).content.decode()
    assert "Werk" in listing and "Intrekken" in listing


def test_list_and_withdraw_views(client, world):
    example = _mark(world)
    client.force_login(world["beleid"])
    assert "Werk op tijd doorgegeven" in client.get(reverse("reports:case_examples")).content.decode()
    assert client.post(reverse("reports:case_example_withdraw", args=[example.pk])).status_code == 403
    client.force_login(world["consulent_zuid"])
    assert client.post(reverse("reports:case_example_withdraw", args=[example.pk])).status_code == 404
    client.force_login(world["consulent"])
    assert client.post(reverse("reports:case_example_withdraw", args=[example.pk])).status_code == 302
    assert not Casusvoorbeeld.objects.exists()
