"""Lead-time norms and the teamleider's Termijnen page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from naleving.investigations import deadlines
from naleving.investigations.selectors import investigations_visible_to
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.signals.selectors import signals_visible_to
from naleving.signals.tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


def test_the_norms_are_named_constants_a_municipality_can_override(settings):
    assert (deadlines.TRIAGE_DAYS, deadlines.INVESTIGATION_WEEKS, deadlines.DECISION_WEEKS) == (10, 13, 8)
    assert deadlines.triage_due(date(2026, 3, 1)) == date(2026, 3, 11)
    assert deadlines.investigation_due(date(2026, 3, 1)) == date(2026, 5, 31)
    assert deadlines.decision_due(date(2026, 3, 1)) == date(2026, 4, 26)
    settings.NALEVING_TRIAGE_DAYS = 5
    assert deadlines.triage_due(date(2026, 3, 1)) == date(2026, 3, 6)


def test_overdue_work_per_team_with_days_overdue(world):
    teamleider = world["teamleider"]
    # Noord: the world's signal (received 01-02-2026) and investigation (opened 10-02-2026), plus one
    # signal still within the norm and a closed breach waiting for a decision.
    SignalFactory(
        resident=world["jansen"],
        origin="collega",
        kind="address",
        received_on=TODAY - timedelta(days=3),
        description="x",
        external_reference="",
        registered_by=None,
    )
    signals = deadlines.overdue_triage(signals_visible_to(teamleider), today=TODAY)
    assert [(r.obj.pk, r.team, r.days_overdue) for r in signals] == [
        (world["signal"].pk, "Team Noord", (TODAY - date(2026, 2, 11)).days),
        (world["anonymous_signal"].pk, "Zonder team", (TODAY - date(2026, 3, 15)).days),
    ]
    investigations = deadlines.overdue_investigations(investigations_visible_to(teamleider), today=TODAY)
    assert [(r.obj.pk, r.due_on) for r in investigations] == [(world["investigation"].pk, date(2026, 5, 12))]
    assert investigations[0].days_overdue == 20


def test_awaiting_decision_lists_closed_breaches_without_a_besluit(world):
    closed = InvestigationFactory(
        resident=world["jansen"],
        assigned_to=world["handhaver"],
        opened_on=date(2026, 1, 5),
        status="afgerond",
        closed_on=date(2026, 5, 1),
        outcome="schending",
        signals=[],
    )
    InvestigationFactory(
        resident=world["jansen"], assigned_to=None, opened_on=date(2026, 1, 5), closed_without_breach=True,
        closed_on=date(2026, 5, 1), signals=[],
    )  # fmt: skip
    rows = deadlines.awaiting_decision(investigations_visible_to(world["teamleider"]), today=TODAY)
    # The world's own investigation has a besluit; a finding of no breach needs none.
    assert [(r.obj.pk, r.due_on, r.days_overdue, r.days_left) for r in rows] == [
        (closed.pk, date(2026, 6, 26), -25, 25)
    ]


def test_the_termijnen_page_shows_the_teams_overdue_work(client, world):
    client.force_login(world["teamleider"])
    response = client.get(reverse("investigations:deadlines"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Termijnen</h1>' in body
    assert f"Signaal {world['signal'].pk}: Inkomsten" in body
    assert f"Onderzoek {world['investigation'].pk}</a>" in body
    assert "Team Noord: 1" in body
    overdue_days = (timezone.localdate() - date(2026, 2, 10) - timedelta(weeks=13)).days
    assert f">{overdue_days}</td>" in body
    assert "Pietersen" not in body  # team Zuid's work is not the Noord teamleider's

    client.force_login(world["teamleider_zuid"])
    body = client.get(reverse("investigations:deadlines")).content.decode()
    assert "Pietersen" in body and "Jansen" not in body


def test_the_navigation_shows_termijnen_and_triage_to_those_who_use_them(client, world):
    client.force_login(world["teamleider"])
    body = client.get(reverse("investigations:deadlines")).content.decode()
    assert ">Termijnen</a>" in body and ">Triage</a>" in body
    assert body.count('aria-current="page"') == 1
    client.force_login(world["consulent"])
    body = client.get(reverse("web:home")).content.decode()
    assert ">Termijnen</a>" not in body and ">Triage</a>" not in body
