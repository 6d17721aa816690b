"""The consulent's worklist: new change reports and due reminders of the own caseload, marked handled."""

from datetime import date

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.prevention.models import ChangeReport, Reminder
from naleving.prevention.reminders import reminders_create_due
from naleving.prevention.selectors import worklist_for
from naleving.prevention.tests.factories import ChangeReportFactory, ReminderScheduleFactory

WORKLIST = reverse("prevention:worklist")


@pytest.fixture
def items(world):
    ReminderScheduleFactory(resident=world["jansen"], next_due_on=date(2026, 3, 2))
    reminders_create_due(today=date(2026, 3, 2))
    return {
        "jansen_report": ChangeReportFactory(resident=world["jansen"]),
        "handled": ChangeReportFactory(resident=world["jansen"], handled=True, kind="verhuizen"),
        "pietersen_report": ChangeReportFactory(resident=world["pietersen"], kind="werk_inkomen"),
        "reminder": Reminder.objects.get(),
    }


@pytest.mark.django_db
def test_worklist_is_scoped_to_the_caseload(world, items):
    mine = worklist_for(world["consulent"])
    assert mine.change_reports == [items["jansen_report"]] and mine.reminders == [items["reminder"]]
    other = worklist_for(world["consulent_zuid"])
    assert other.change_reports == [items["pietersen_report"]] and other.reminders == []
    assert worklist_for(world["teamleider"]).change_reports == [items["jansen_report"]]
    assert worklist_for(world["handhaver"]).change_reports == []
    assert worklist_for(world["handhaver"]).reminders == []


@pytest.mark.django_db
def test_fixed_contact_person_sees_the_residents_items(world, items):
    world["pietersen"].fixed_contact_person = world["consulent"]
    world["pietersen"].save()
    assert items["pietersen_report"] in worklist_for(world["consulent"]).change_reports


@pytest.mark.django_db
def test_worklist_page_and_marking_handled(client, world, items):
    client.force_login(world["consulent"])
    body = client.get(WORKLIST).content.decode()
    assert items["jansen_report"].reference in body and items["pietersen_report"].reference not in body
    assert items["handled"].reference not in body
    report = items["jansen_report"]
    assert (
        client.post(
            reverse("prevention:change_report_handled", args=[report.pk]), {"note": "Uitkering aangepast."}
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.status == "afgehandeld" and report.handled_by == world["consulent"]
    assert report.handling_note == "Uitkering aangepast."
    reminder = items["reminder"]
    letter = client.get(reverse("prevention:reminder_letter", args=[reminder.pk]))
    assert letter.content.startswith(b"%PDF-")
    client.post(reverse("prevention:reminder_sent", args=[reminder.pk]))
    reminder.refresh_from_db()
    assert (
        reminder.handled_by == world["consulent"] and reminder.intervention.performed_by == world["consulent"]
    )
    body = client.get(WORKLIST).content.decode()
    assert "Geen nieuwe wijzigingen." in body and "Geen herinneringen om te versturen." in body
    codes = set(AuditEvent.objects.values_list("code", flat=True))
    assert {"change_report.handled", "reminder.letter_printed", "reminder.sent"} <= codes


@pytest.mark.django_db
def test_others_cannot_handle_or_see_the_report(client, world, items):
    report = items["jansen_report"]
    client.force_login(world["consulent_zuid"])
    assert client.post(reverse("prevention:change_report_handled", args=[report.pk])).status_code == 404
    client.force_login(world["teamleider"])
    assert client.get(reverse("prevention:change_report_detail", args=[report.pk])).status_code == 200
    assert client.post(reverse("prevention:change_report_handled", args=[report.pk])).status_code == 403
    assert ChangeReport.objects.get(pk=report.pk).status == "nieuw"


@pytest.mark.django_db
def test_the_residents_timeline_shows_the_change_report(client, world, items):
    client.force_login(world["consulent"])
    body = client.get(reverse("residents:detail", args=[world["jansen"].pk])).content.decode()
    assert f"Wijziging doorgegeven: {items['jansen_report'].get_kind_display()}" in body
    assert "Intake rechten en plichten" in body
