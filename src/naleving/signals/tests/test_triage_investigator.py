"""Triage to onderzoek asks who investigates, records that as an assignment, and lands on a page the
triager may open (issue #21)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.investigations.models import Investigation
from naleving.investigations.services import investigation_assign_at_triage
from naleving.signals.tests.test_triage import PROPORTIONAL, SUBSIDIARY
from naleving.signals.triage import signal_triage

pytestmark = pytest.mark.django_db


def onderzoek(investigator: str, **extra) -> dict:
    return {
        "route": "onderzoek",
        "motivation": "Aanwijzing voor inkomsten.",
        "proportionality_note": PROPORTIONAL,
        "subsidiarity_note": SUBSIDIARY,
        "investigator": investigator,
        "save": "1",
        **extra,
    }


def triage_anonymous_report(client, world, investigator: str):
    """The handhaver links the anonymous report to Pietersen (no investigation yet) and triages it."""
    client.force_login(world["handhaver"])
    page_url = reverse("signals:triage", args=[world["anonymous_signal"].pk])
    return client.post(page_url, onderzoek(investigator, bsn="123456782"), follow=True)


def test_the_form_offers_the_handhaver_himself_and_the_queue(client, world):
    client.force_login(world["handhaver"])
    body = client.get(reverse("signals:triage", args=[world["anonymous_signal"].pk])).content.decode()
    assert "Wie voert het onderzoek uit?" in body
    assert 'value="zelf"' in body and "Mijzelf" in body and 'value="wachtrij"' in body
    assert f'value="{world["teamleider"].pk}"' not in body


def test_the_teamleider_may_choose_a_handhaver_of_the_team_but_not_himself(client, world):
    client.force_login(world["teamleider"])
    body = client.get(reverse("signals:triage", args=[world["anonymous_signal"].pk])).content.decode()
    assert f'value="{world["handhaver"].pk}"' in body and "Mijzelf" not in body


def test_a_handhaver_who_takes_it_himself_lands_on_the_investigation(client, world):
    response = triage_anonymous_report(client, world, "zelf")
    investigation = Investigation.objects.get(resident=world["pietersen"], status="open")
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("investigations:detail", args=[investigation.pk])
    assert investigation.assigned_to == world["handhaver"]
    event = AuditEvent.objects.get(code="investigation.assigned", object_id=str(investigation.pk))
    assert event.actor_id == world["handhaver"].pk and event.after == {"handhaver": "Handhaver"}


def test_a_handhaver_who_leaves_it_to_the_teamleider_lands_on_an_open_page_with_the_message(client, world):
    response = triage_anonymous_report(client, world, "wachtrij")
    investigation = Investigation.objects.get(resident=world["pietersen"], status="open")
    assert investigation.assigned_to is None
    assert not AuditEvent.objects.filter(code="investigation.assigned").exists()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("signals:triage_queue")
    assert "Het onderzoek staat in de wachtrij van de teamleider" in response.content.decode()


def test_a_post_without_a_choice_goes_to_the_queue_as_before(client, world):
    data = onderzoek("", bsn="123456782")
    del data["investigator"]
    client.force_login(world["handhaver"])
    response = client.post(reverse("signals:triage", args=[world["anonymous_signal"].pk]), data, follow=True)
    assert response.status_code == 200
    assert Investigation.objects.get(resident=world["pietersen"], status="open").assigned_to is None


def test_the_teamleider_assigns_a_handhaver_at_triage_and_lands_on_the_investigation(client, world):
    client.force_login(world["teamleider"])
    signal = world["anonymous_signal"]
    response = client.post(
        reverse("signals:triage", args=[signal.pk]),
        onderzoek(str(world["handhaver"].pk), bsn="123456782"),
    )
    investigation = Investigation.objects.get(resident=world["pietersen"], status="open")
    assert investigation.assigned_to == world["handhaver"]
    # Pietersen is team Zuid's, the handhaver team Noord's: the Noord teamleider sees it through the handhaver.
    assert response["Location"] == reverse("investigations:detail", args=[investigation.pk])
    assert client.get(response["Location"]).status_code == 200


def test_joining_an_assigned_investigation_keeps_its_handhaver(world):
    signal_triage(
        actor=world["teamleider"],
        signal=world["signal"],
        route="onderzoek",
        motivation="Aanwijzing.",
        proportionality_note=PROPORTIONAL,
        subsidiarity_note=SUBSIDIARY,
        investigator=world["teamleider_zuid"],
    )
    investigation = Investigation.objects.get(pk=world["investigation"].pk)
    assert investigation.assigned_to == world["handhaver"]
    assert not AuditEvent.objects.filter(code="investigation.assigned").exists()


def test_only_yourself_or_as_a_teamleider_your_team(world):
    investigation = Investigation.objects.create(resident=world["pietersen"], opened_on="2026-03-10")
    with pytest.raises(PermissionDenied):  # a handhaver may not hand work to somebody else
        investigation_assign_at_triage(
            actor=world["handhaver"], investigation=investigation, handhaver=world["teamleider"]
        )
    with pytest.raises(PermissionDenied):  # a teamleider only to the handhavers of the own team
        investigation_assign_at_triage(
            actor=world["teamleider_zuid"], investigation=investigation, handhaver=world["handhaver"]
        )
    with pytest.raises(PermissionDenied):  # a consulent does not triage
        investigation_assign_at_triage(
            actor=world["consulent"], investigation=investigation, handhaver=world["handhaver"]
        )
    investigation_assign_at_triage(
        actor=world["handhaver"], investigation=investigation, handhaver=world["handhaver"]
    )
    assert Investigation.objects.get(pk=investigation.pk).assigned_to == world["handhaver"]
