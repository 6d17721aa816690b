"""Lead-time norms (termijnen) and the overdue work a teamleider must see.

The norms are working agreements, not statutory terms: a municipality sets its own in its settings
(``NALEVING_TRIAGE_DAYS``, ``NALEVING_INVESTIGATION_WEEKS``, ``NALEVING_DECISION_WEEKS``). They matter
legally all the same: when the municipality acts slowly on a signal, this can lower culpability
(Boetebesluit art. 2a(2)(d)) and be an urgent reason to refrain from recovery (Pw 58(8)). See
docs/howto/deadlines.md.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import Investigation

#: Triage within 10 calendar days of the signal's receipt.
TRIAGE_DAYS = 10
#: An investigation is closed within 13 weeks of opening.
INVESTIGATION_WEEKS = 13
#: The decision follows within 8 weeks of closing an investigation that found a breach
#: (the Awb 4:13(2) default for decisions on applications, used here as the norm).
DECISION_WEEKS = 8

NO_TEAM = "Zonder team"


def triage_days() -> int:
    return getattr(settings, "NALEVING_TRIAGE_DAYS", TRIAGE_DAYS)


def investigation_weeks() -> int:
    return getattr(settings, "NALEVING_INVESTIGATION_WEEKS", INVESTIGATION_WEEKS)


def decision_weeks() -> int:
    return getattr(settings, "NALEVING_DECISION_WEEKS", DECISION_WEEKS)


def triage_due(received_on: date) -> date:
    return received_on + timedelta(days=triage_days())


def investigation_due(opened_on: date) -> date:
    return opened_on + timedelta(weeks=investigation_weeks())


def decision_due(closed_on: date) -> date:
    return closed_on + timedelta(weeks=decision_weeks())


@dataclass(frozen=True)
class Overdue:
    """One piece of work with its due date; ``days_overdue`` ≤ 0 means still within the norm."""

    obj: object
    team: str
    started_on: date
    due_on: date
    days_overdue: int

    @property
    def days_left(self) -> int:
        return max(-self.days_overdue, 0)


def _team(resident) -> str:
    consulent = resident.consulent if resident else None
    team = consulent.team if consulent else None
    return team.name if team else NO_TEAM


def overdue_triage(signals, *, today: date) -> list[Overdue]:
    """Signals (already scoped to the actor) waiting for triage longer than the norm, oldest first."""
    late = (
        signals.filter(route="", received_on__lt=today - timedelta(days=triage_days()))
        .select_related("resident__consulent__team")
        .order_by("received_on", "id")
    )
    return [_overdue(s, s.resident, s.received_on, triage_due(s.received_on), today) for s in late]


def overdue_investigations(investigations, *, today: date) -> list[Overdue]:
    """Open investigations (scoped to the actor) past the norm, oldest first."""
    late = (
        investigations.filter(
            status=Status.OPEN, opened_on__lt=today - timedelta(weeks=investigation_weeks())
        )
        .select_related("resident__consulent__team", "assigned_to")
        .order_by("opened_on", "id")
    )
    return [_overdue(i, i.resident, i.opened_on, investigation_due(i.opened_on), today) for i in late]


def awaiting_decision(investigations, *, today: date) -> list[Overdue]:
    """Closed investigations with a breach and no besluit yet, oldest first, overdue or not."""
    waiting = (
        investigations.filter(status=Status.AFGEROND, outcome=Outcome.SCHENDING, besluiten__isnull=True)
        .select_related("resident__consulent__team", "assigned_to")
        .order_by("closed_on", "id")
    )
    return [
        _overdue(i, i.resident, i.closed_on, decision_due(i.closed_on), today) for i in waiting if i.closed_on
    ]


def _overdue(obj, resident, started_on: date, due_on: date, today: date) -> Overdue:
    return Overdue(obj, _team(resident), started_on, due_on, (today - due_on).days)


def by_team(rows: list[Overdue]) -> list[tuple[str, list[Overdue]]]:
    """Rows grouped per team, teams in alphabetical order and "Zonder team" last."""
    groups: dict[str, list[Overdue]] = {}
    for row in rows:
        groups.setdefault(row.team, []).append(row)
    return sorted(groups.items(), key=lambda item: (item[0] == NO_TEAM, item[0]))


def is_overdue(investigation: Investigation, *, today: date) -> bool:
    return investigation.status == Status.OPEN and today > investigation_due(investigation.opened_on)
