"""The intake at the gate: checklist per application, the information sheet, the application's outcome;
support needs with a fixed contact person; referrals with their follow-up and the suggested ones."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.prevention import checklist, services
from naleving.prevention.models import (
    IntakeChecklist,
    InterventionKind,
    PreventiveIntervention,
    ReminderSchedule,
)
from naleving.prevention.selectors import suggested_referrals
from naleving.prevention.tests.factories import ReferralFactory
from naleving.residents.models import Application
from naleving.residents.services import application_decide
from naleving.residents.tests.factories import ApplicationFactory

ALL = list(checklist.ITEM_CODES)


def _intake(world, **overrides):
    data = {
        "actor": world["consulent"],
        "resident": world["jansen"],
        "items": ALL,
        "language": "nl",
        "sheet_handed_over": True,
        "recorded_on": date(2026, 3, 2),
        "regulation": "Pw",
        "received_on": date(2026, 2, 20),
    }
    return services.intake_record(**{**data, **overrides})


@pytest.mark.django_db
def test_intake_records_checklist_intervention_application_and_yearly_reminder(world):
    intake = _intake(world, language="ar")
    assert intake.items == ALL and intake.catalogue_version == checklist.CATALOGUE_VERSION
    assert (
        intake.application.received_on == date(2026, 2, 20) and intake.application.outcome == "in_behandeling"
    )
    assert intake.intervention.kind == InterventionKind.VOORLICHTING_INTAKE
    assert "Arabisch" in intake.intervention.notes
    schedule = ReminderSchedule.objects.get(resident=world["jansen"])
    assert (schedule.kind, schedule.next_due_on, schedule.interval_months) == (
        "jaarlijks",
        date(2027, 3, 2),
        12,
    )
    codes = set(AuditEvent.objects.values_list("code", flat=True))
    assert {"intake.recorded", "application.registered", "reminder.scheduled"} <= codes


@pytest.mark.django_db
def test_intake_needs_what_when_how_and_otherwise(world):
    with pytest.raises(ValidationError) as exc:
        _intake(world, items=["wat_werk_inkomen", "hoe_formulier"])
    assert "wanneer" in str(exc.value) and "wat er anders gebeurt" in str(exc.value)
    assert not IntakeChecklist.objects.exists() and not PreventiveIntervention.objects.exists()


@pytest.mark.django_db
def test_one_intake_per_application_and_only_the_residents_own(world):
    application = ApplicationFactory(resident=world["jansen"])
    _intake(world, application=application)
    with pytest.raises(ValidationError, match="al vastgelegd"):
        _intake(world, application=application)
    with pytest.raises(ValidationError, match="andere inwoner"):
        _intake(world, application=ApplicationFactory(resident=world["pietersen"]))


@pytest.mark.django_db
def test_a_teamleider_may_not_record_an_intake(world):
    with pytest.raises(PermissionDenied):
        _intake(world, actor=world["teamleider"])


@pytest.mark.django_db
def test_application_outcome_for_the_gate_indicators(world):
    application = ApplicationFactory(resident=world["jansen"], received_on=date(2026, 2, 1))
    application_decide(
        actor=world["consulent"], application=application, outcome="toegekend", decided_on=date(2026, 2, 20)
    )
    application.refresh_from_db()
    assert (application.outcome, application.decided_on) == ("toegekend", date(2026, 2, 20))
    with pytest.raises(ValidationError):
        application_decide(
            actor=world["consulent"],
            application=application,
            outcome="in_behandeling",
            decided_on=date(2026, 3, 1),
        )
    with pytest.raises(ValidationError, match="vóór"):
        application_decide(
            actor=world["consulent"],
            application=application,
            outcome="afgewezen",
            decided_on=date(2026, 1, 1),
        )
    assert AuditEvent.objects.filter(code="application.decided").count() == 1


@pytest.mark.django_db
def test_intake_pages_and_personal_sheet(client, world):
    client.force_login(world["consulent"])
    url = reverse("prevention:intake_create", args=[world["jansen"].pk])
    page = client.get(url)
    assert page.status_code == 200 and "Wat moet u doorgeven?" in page.content.decode()
    response = client.post(url, {"application": "nieuw", "recorded_on": "2026-03-02", "language": "nl"})
    assert response.status_code == 200 and "Vink aan wat u heeft uitgelegd." in response.content.decode()
    data = {
        "application": "nieuw", "regulation": "Pw", "received_on": "2026-02-20", "recorded_on": "2026-03-02",
        "language": "uk", "items": ALL, "sheet_handed_over": "on",
    }  # fmt: skip
    response = client.post(url, data)
    intake = IntakeChecklist.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "prevention:intake_detail", args=[intake.pk]
    )
    sheet = client.get(reverse("prevention:intake_sheet", args=[intake.pk]))
    assert sheet["Content-Type"] == "application/pdf" and sheet.content.startswith(b"%PDF-")
    assert AuditEvent.objects.filter(code="intake.sheet_printed", after__taal="uk").exists()
    decided = client.post(
        reverse("prevention:application_outcome", args=[intake.application.pk]),
        {"outcome": "afgewezen", "decided_on": "2026-03-10"},
    )
    assert decided.status_code == 302
    assert Application.objects.get(pk=intake.application.pk).outcome == "afgewezen"


@pytest.mark.django_db
def test_support_needs_and_fixed_contact_person(world):
    resident = world["jansen"]
    with pytest.raises(ValidationError, match="vaste contactpersoon"):
        services.support_needs_update(
            actor=world["consulent"], resident=resident, needs_extra_support=True,
            support_needs=["vaste_contactpersoon"], fixed_contact_person=None,
        )  # fmt: skip
    services.support_needs_update(
        actor=world["consulent"], resident=resident, needs_extra_support=True,
        support_needs=["geen_digitaal_contact", "tolk"], fixed_contact_person=world["consulent"], on=date(2026, 4, 1),
    )  # fmt: skip
    resident.refresh_from_db()
    assert resident.needs_extra_support and resident.support_needs == ["tolk", "geen_digitaal_contact"]
    assert resident.fixed_contact_person == world["consulent"]
    support = PreventiveIntervention.objects.get(kind=InterventionKind.EXTRA_ONDERSTEUNING)
    assert support.topic.startswith("Vaste contactpersoon") and "tolk bij gesprekken" in support.notes
    with pytest.raises(ValidationError):
        services.support_needs_update(
            actor=world["consulent"], resident=resident, needs_extra_support=True,
            support_needs=["diagnose"], fixed_contact_person=None,
        )  # fmt: skip


@pytest.mark.django_db
def test_referral_follow_up_needs_the_partners_feedback_to_close(world):
    referral = ReferralFactory(resident=world["jansen"], referred_by=world["consulent"])
    services.referral_status_update(actor=world["consulent"], referral=referral, status="in_behandeling")
    with pytest.raises(ValidationError, match="terugmeldde"):
        services.referral_status_update(actor=world["consulent"], referral=referral, status="afgerond")
    services.referral_status_update(
        actor=world["consulent"], referral=referral, status="afgerond", followup_note="Betalingsregeling getroffen.",
        on=date(2026, 5, 1),
    )  # fmt: skip
    referral.refresh_from_db()
    assert (referral.status, referral.status_changed_on) == ("afgerond", date(2026, 5, 1))
    assert AuditEvent.objects.filter(code="referral.status_changed").count() == 2
    with pytest.raises(PermissionDenied):
        services.referral_status_update(actor=world["teamleider"], referral=referral, status="verwezen")


@pytest.mark.django_db
def test_suggested_referrals_come_from_the_latest_besluit(world):
    besluit = world["besluit"]
    besluit.engine_response = {"followups": ["voorlichting_herhalen", "verwijzing_schuldhulp"]}
    besluit.save()
    [suggestion] = suggested_referrals(world["consulent"])
    assert suggestion.resident == world["jansen"] and suggestion.followups == ("verwijzing_schuldhulp",)
    assert suggested_referrals(world["consulent_zuid"]) == []
    ReferralFactory(resident=world["jansen"], referred_on=besluit.decision_date)
    assert suggested_referrals(world["consulent"]) == []


@pytest.mark.django_db
def test_referral_pages(client, world):
    client.force_login(world["consulent"])
    url = reverse("prevention:referral_create", args=[world["jansen"].pk])
    assert client.post(url, {"partner": "wijkteam", "handover_note": ""}).status_code == 200
    response = client.post(
        url, {"partner": "wijkteam", "handover_note": "Hulpvraag: administratie; instemming gegeven."}
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert "Warme overdracht" in detail.content.decode()
    listing = client.get(reverse("prevention:referral_list")).content.decode()
    assert "Wijkteam" in listing
