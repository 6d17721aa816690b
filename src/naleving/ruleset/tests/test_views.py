"""Beheer › Wettelijke bedragen in the web app: proposing a value or a file, the four-eyes review, the checks
and the effect preview on open cases, and who may do what."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.ruleset.models import ParameterSet, SetStatus
from naleving.ruleset.tests.yaml_texts import FINE_CATEGORY_2, INVALID_VALUE, NORMS_2027, SOURCE, norms_2027

pytestmark = pytest.mark.django_db

PROFILES = Path(__file__).resolve().parents[2] / "rules" / "profiles"

VALUE = {
    "parameter": "fine.category.2",
    "valid_from": "2026-07-01",
    "valid_to": "2027-12-31",
    "value": "5.500,00",
    "confidence": "H",
    "law": "Sr",
    "article": "23",
    "paragraph": "4",
    "legal_url": "https://wetten.overheid.nl/jci1.3:c:BWBR0001854&artikel=23",
    "source_url": SOURCE,
    "title": "",
    "note": "Indexering boetecategorieën",
}


def upload(text: str, name: str = "bedragen.yaml", **fields):
    data = {"source_url": SOURCE, "title": "", "note": "", **fields}
    data["file"] = SimpleUploadedFile(name, text.encode(), content_type="application/x-yaml")
    return data


def propose_file(client, text: str, **fields):
    return client.post(reverse("ruleset:propose_file"), upload(text, **fields))


def review(client, parameter_set, decision: str, note: str = ""):
    return client.post(
        reverse("ruleset:review", args=[parameter_set.pk]), {"decision": decision, "note": note}, follow=True
    )


def body(response) -> str:
    return response.content.decode()


# -- proposing and approving ---------------------------------------------------------------------------------


def test_propose_a_value_and_approve_it_with_four_eyes(client, world):
    client.force_login(world["beheerder"])
    response = client.post(reverse("ruleset:propose"), VALUE)
    parameter_set = ParameterSet.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "ruleset:detail", args=[parameter_set.pk]
    )
    assert parameter_set.status == SetStatus.PROPOSED and parameter_set.proposed_by == world["beheerder"]
    assert "name: fine.category.2" in parameter_set.text and "value: 5500.00" in parameter_set.text
    assert parameter_set.source_url == SOURCE and parameter_set.note == "Indexering boetecategorieën"

    page = body(client.get(reverse("ruleset:detail", args=[parameter_set.pk])))
    assert 'data-testid="four-eyes"' in page and "wacht op goedkeuring door een ander (vier ogen)" in page
    assert "Goedkeuren" not in page
    assert f'href="{SOURCE}"' in page

    # the proposer cannot approve their own proposal: a Dutch message, nothing changes
    refused = body(review(client, parameter_set, "approve"))
    assert (
        "U heeft dit voorstel zelf gedaan. Een andere medewerker moet het goedkeuren (vier ogen)." in refused
    )
    parameter_set.refresh_from_db()
    assert parameter_set.status == SetStatus.PROPOSED and parameter_set.seq is None

    client.force_login(world["teamleider"])
    page = body(client.get(reverse("ruleset:detail", args=[parameter_set.pk])))
    assert "Goedkeuren" in page and "Afwijzen" in page and 'data-testid="four-eyes"' not in page
    approved = body(review(client, parameter_set, "approve", "Gecontroleerd in de Staatscourant"))
    assert f"Voorstel {parameter_set.pk} is goedgekeurd en geldt nu als set 1." in approved
    parameter_set.refresh_from_db()
    assert (parameter_set.status, parameter_set.seq, parameter_set.decided_by) == (
        SetStatus.APPROVED,
        1,
        world["teamleider"],
    )
    assert AuditEvent.objects.filter(code="parameters.approved", actor_id=world["teamleider"].pk).exists()


def test_an_approved_value_overrides_the_shipped_one_on_detail_and_in_force(client, world, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 8, 1))
    client.force_login(world["beheerder"])
    propose_file(client, FINE_CATEGORY_2)
    parameter_set = ParameterSet.objects.get()
    overrides = parameter_set.checks["overrides"]
    assert [(o["name"], o["replaces"], o["origin"]) for o in overrides] == [
        ("fine.category.2", "5150.00", "meegeleverd")
    ]
    page = body(client.get(reverse("ruleset:detail", args=[parameter_set.pk])))
    assert 'data-testid="overrides"' in page and "meegeleverd" in page and "2026-01-01 t/m 2027-12-31" in page

    client.force_login(world["teamleider"])
    review(client, parameter_set, "approve")
    client.force_login(world["beheerder"])
    response = client.get(reverse("ruleset:list"), {"datum": "2026-03-01"})
    rows = {row["name"]: row for row in response.context["rows"]}
    today, before = rows["fine.category.2"]["today"], rows["fine.category.2"]["chosen"]
    assert (today.value, today.origin, today.replaces) == ("€ 5.500,00", "beheer, set 1", "€ 5.150,00")
    assert (before.value, before.origin) == ("€ 5.150,00", "meegeleverd")  # before the set's period
    assert rows["fine.category.3"]["today"].origin == "meegeleverd"
    page = body(response)
    assert "beheer, set 1" in page and "vervangt meegeleverd € 5.150,00" in page and "Op 01-03-2026" in page

    # a later proposal for the same amount names the approved value it replaces as "beheer, set 1"
    propose_file(client, FINE_CATEGORY_2.replace("5500.00", "5600.00"))
    later = ParameterSet.objects.get(status=SetStatus.PROPOSED)
    assert {o["origin"] for o in later.checks["overrides"]} == {"beheer, set 1", "meegeleverd"}
    assert "beheer, set 1" in body(client.get(reverse("ruleset:detail", args=[later.pk])))


def test_reject_needs_a_note_on_the_field(client, world):
    client.force_login(world["beheerder"])
    propose_file(client, FINE_CATEGORY_2)
    parameter_set = ParameterSet.objects.get()
    client.force_login(world["teamleider"])
    response = review(client, parameter_set, "reject")
    assert response.context["review_form"].errors["note"] == ["Schrijf op waarom u het voorstel afwijst."]
    assert "Het voorstel is nog niet beoordeeld" in body(response)
    page = body(review(client, parameter_set, "reject", "Bedrag klopt niet met de Staatscourant"))
    assert f"Voorstel {parameter_set.pk} is afgewezen." in page
    parameter_set.refresh_from_db()
    assert parameter_set.status == SetStatus.REJECTED and parameter_set.seq is None
    assert "Bedrag klopt niet met de Staatscourant" in page and "Goedkeuren" not in page


def test_a_change_over_10_percent_is_flagged_and_needs_a_note(client, world):
    client.force_login(world["beheerder"])
    propose_file(client, norms_2027(rise="1.20"))
    parameter_set = ParameterSet.objects.get()
    page = body(client.get(reverse("ruleset:detail", args=[parameter_set.pk])))
    assert (
        'data-testid="flagged"' in page
        and "20,0%" in page
        and "Goedkeuren kan pas met een toelichting" in page
    )
    client.force_login(world["teamleider"])
    response = review(client, parameter_set, "approve")
    assert "meer dan 10 % af van de vorige periode" in response.context["review_form"].errors["note"][0]
    parameter_set.refresh_from_db()
    assert parameter_set.status == SetStatus.PROPOSED
    review(client, parameter_set, "approve", "Wetswijziging: normen verhoogd met 20 %")
    parameter_set.refresh_from_db()
    assert parameter_set.status == SetStatus.APPROVED


def test_a_profile_file_shows_the_period_old_and_new(client, world):
    text = (
        (PROFILES / "groningen-2024.yaml").read_text().replace("valid_to: 2026-12-31", "valid_to: 2028-12-31")
    )
    client.force_login(world["beheerder"])
    response = propose_file(client, text, name="groningen-2024.yaml")
    parameter_set = ParameterSet.objects.get()
    assert response.status_code == 302 and parameter_set.kind == "profiel"
    page = body(client.get(reverse("ruleset:detail", args=[parameter_set.pk])))
    assert "nu 2024-01-01 t/m 2026-12-31 → 2024-01-01 t/m 2028-12-31" in page


# -- refused proposals ---------------------------------------------------------------------------------------


def test_an_invalid_file_names_the_parameter_and_field(client, world):
    client.force_login(world["beheerder"])
    response = propose_file(client, INVALID_VALUE)
    assert response.status_code == 200 and not ParameterSet.objects.exists()
    [error] = response.context["form"].errors["file"]
    assert error.startswith("Het bestand klopt niet: ")
    assert "fine.category.2.values[0].value" in error and "vijfduizend" in error
    assert "set-1000000000" not in error
    page = body(response)
    assert "Het voorstel is nog niet vastgelegd" in page and "fine.category.2.values[0].value" in page


def test_a_file_that_is_not_yaml_or_without_source_is_refused(client, world):
    client.force_login(world["beheerder"])
    response = propose_file(client, "scope: law\n", name="bedragen.txt")
    assert response.context["form"].errors["file"] == ["Kies een YAML-bestand (.yaml)."]
    response = propose_file(client, FINE_CATEGORY_2, source_url="")
    assert response.context["form"].errors["source_url"] == [
        "Geef de bron: een link naar de Staatscourant of wetten.overheid.nl."
    ]
    assert not ParameterSet.objects.exists()


def test_an_overlap_with_another_open_proposal_is_refused(client, world):
    client.force_login(world["beheerder"])
    propose_file(client, NORMS_2027)
    first = ParameterSet.objects.get()
    response = propose_file(client, norms_2027(rise="1.02"))
    [error] = response.context["form"].errors["file"]
    assert f"staat al in voorstel {first.pk}, dat nog op goedkeuring wacht" in error
    assert ParameterSet.objects.count() == 1


def test_single_value_errors_are_on_their_fields_in_dutch(client, world):
    client.force_login(world["beheerder"])
    response = client.post(reverse("ruleset:propose"), {**VALUE, "value": "veel"})
    assert response.context["form"].errors["value"] == [
        "Vul een getal in, bijvoorbeeld 1419,46 (zonder €-teken is ook goed)."
    ]
    response = client.post(reverse("ruleset:propose"), {**VALUE, "valid_to": "2026-01-01"})
    assert response.context["form"].errors["valid_to"] == ["De einddatum ligt vóór de begindatum."]
    # the norms go together: one norm alone is refused on the parameter field
    norm = {**VALUE, "parameter": "norm.alleenstaande.21_to_aow", "valid_from": "2027-01-01", "valid_to": ""}
    response = client.post(
        reverse("ruleset:propose"), {**norm, "value": "1440,75", "law": "Pw", "article": "21"}
    )
    [error] = response.context["form"].errors["parameter"]
    assert error.startswith("De bijstandsnormen gaan samen:")
    # a period that leaves a day without a value is refused on the start date
    gap = {**norm, "parameter": "fine.category.3", "valid_from": "2028-02-01"}
    response = client.post(reverse("ruleset:propose"), gap)
    assert "geen waarde" in response.context["form"].errors["valid_from"][0]
    assert not ParameterSet.objects.exists()


def test_the_parameter_select_names_each_unit(client, world):
    client.force_login(world["beheerder"])
    page = body(client.get(reverse("ruleset:propose")))
    assert '<option value="fine.category.2">fine.category.2 (euro)</option>' in page
    assert (
        '<option value="norm.alleenstaande.21_to_aow">norm.alleenstaande.21_to_aow (euro per maand)</option>'
        in page
    )


# -- the effect preview --------------------------------------------------------------------------------------


@pytest.fixture
def breach(world):
    """A closed investigation with a breach for Jansen (team Noord), without a besluit."""
    from naleving.investigations.tests.factories import InvestigationFactory

    return InvestigationFactory(
        resident=world["jansen"], assigned_to=world["handhaver"], closed_with_breach=True
    )


@pytest.fixture
def norms_proposed(client, world, monkeypatch):
    """The 2027 norms proposed by the beheerder, previewed on 5 January 2027 (the shipped norms end 2026)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 1, 5))
    client.force_login(world["beheerder"])
    propose_file(client, NORMS_2027)
    return ParameterSet.objects.get()


def test_effect_preview_lists_a_changed_open_case_for_the_approver(client, world, breach, norms_proposed):
    client.force_login(world["teamleider"])
    response = client.get(reverse("ruleset:detail", args=[norms_proposed.pk]))
    effect = response.context["effect"]
    assert effect["count"] == 1 and effect["others"] == []
    [row] = effect["shown"]
    assert row["investigation"] == breach.pk
    assert row["before"] == "geen besluit mogelijk (bedrag ontbreekt)"
    assert row["after"] != row["before"] and "terugvordering € 1250.00" in row["after"]
    page = body(response)
    assert f'href="{reverse("investigations:detail", args=[breach.pk])}"' in page
    assert "Jansen" not in page and world["jansen"].bsn not in page
    # showing a case's outcome is a read about a resident, logged with its purpose
    event = AuditEvent.objects.get(code="resident.viewed", actor_id=world["teamleider"].pk)
    assert event.resident_id == world["jansen"].pk and "Effect van voorgestelde" in event.purpose


def test_effect_preview_shows_only_counts_and_ids_to_who_may_not_see_the_case(
    client, world, breach, norms_proposed
):
    for role in ("beheerder", "teamleider_zuid"):
        client.force_login(world[role])
        response = client.get(reverse("ruleset:detail", args=[norms_proposed.pk]))
        effect = response.context["effect"]
        assert effect["count"] == 1 and effect["shown"] == [] and effect["others"] == [breach.pk], role
        page = body(response)
        assert "1 open zaak krijgt na goedkeuring een ander voorstel" in page
        assert reverse("investigations:detail", args=[breach.pk]) not in page
        assert "bedrag ontbreekt" not in page and "Jansen" not in page and world["jansen"].bsn not in page
    assert not AuditEvent.objects.filter(code="resident.viewed").exists()


def test_no_effect_preview_once_decided(client, world, breach, norms_proposed):
    client.force_login(world["teamleider"])
    review(client, norms_proposed, "approve")
    assert client.get(reverse("ruleset:detail", args=[norms_proposed.pk])).context["effect"] is None


# -- who may do what -----------------------------------------------------------------------------------------


def test_only_a_proposer_proposes_and_only_an_approver_reviews(client, world):
    client.force_login(world["beheerder"])
    propose_file(client, FINE_CATEGORY_2)
    parameter_set = ParameterSet.objects.get()
    for role in ("consulent", "handhaver", "analist", "fg", "beleid"):
        client.force_login(world[role])
        assert client.get(reverse("ruleset:list")).status_code == 403, role
        assert client.post(reverse("ruleset:propose"), VALUE).status_code == 403, role
        assert review(client, parameter_set, "approve").status_code == 403, role
    client.force_login(world["teamleider"])
    assert client.post(reverse("ruleset:propose"), VALUE).status_code == 403
    assert client.post(reverse("ruleset:propose_file"), upload(FINE_CATEGORY_2)).status_code == 403
    # another functional administrator may propose, but not approve
    other = world["beheerder"].__class__.objects.create_user("beheerder2", password="x" * 20)
    other.groups.set(world["beheerder"].groups.all())
    client.force_login(other)
    assert review(client, parameter_set, "approve").status_code == 403
    parameter_set.refresh_from_db()
    assert parameter_set.status == SetStatus.PROPOSED
    assert ParameterSet.objects.count() == 1


def test_navigation_and_home_show_the_pages_to_both_roles(client, world):
    url = reverse("ruleset:list")
    # in the menu bar, or, for a role with many pages (the teamleider), on the page Meer it links to
    for role in ("beheerder", "teamleider"):
        client.force_login(world[role])
        page = body(client.get(reverse("web:home"))) + body(client.get(reverse("web:more")))
        assert f'href="{url}"' in page and ">Wettelijke bedragen</a>" in page, role
    for role in ("consulent", "fg", "beleid"):
        client.force_login(world[role])
        page = body(client.get(reverse("web:home"))) + body(client.get(reverse("web:more")))
        assert f'href="{url}"' not in page, role


def test_list_shows_sets_and_buttons_by_permission(client, world):
    client.force_login(world["beheerder"])
    propose_file(client, FINE_CATEGORY_2, title="Boetecategorie 2 per juli 2026")
    page = body(client.get(reverse("ruleset:list")))
    assert "Boetecategorie 2 per juli 2026" in page and "Voorgesteld, wacht op goedkeuring" in page
    assert (
        f'href="{reverse("ruleset:propose")}"' in page and f'href="{reverse("ruleset:propose_file")}"' in page
    )
    client.force_login(world["teamleider"])
    page = body(client.get(reverse("ruleset:list")))
    assert "Boetecategorie 2 per juli 2026" in page and f'href="{reverse("ruleset:propose")}"' not in page
    assert client.get(reverse("ruleset:list"), {"datum": "gisteren"}).context["date_error"]
