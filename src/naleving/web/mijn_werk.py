"""Mijn werk: the home page's to-dos per role, each with its count, its nearest term and a link to exactly
those items; and the plain links to pages that are not work ("Snel naar").

A to-do is shown because the user holds the permission to act on it, never for reading alone: the
consulent does not see untriaged signals (she may not triage), the teamleider no claims (he does not
manage them). Every count is one query within the actor's scope (``*_visible_to``; only Invordering walks
the claims in arrears, as ``claims.arrears`` does for its own page); a to-do with nothing to do stays on
the page, calm ("Niets te doen"), so the page has the same shape every day.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from naleving.accounts.permissions import MANAGE_USERS
from naleving.audit.permissions import VIEW_EVENTS
from naleving.controls.permissions import READ_PERMISSIONS as CONTROLS_READ
from naleving.investigations.permissions import ASSIGN
from naleving.reports.permissions import VIEW_REPORTS
from naleving.retention.permissions import VIEW as RETENTION_VIEW
from naleving.web.todo import Todo
from naleving.web.todos_casework import casework_todos
from naleving.web.todos_oversight import oversight_todos


@dataclass(frozen=True)
class QuickLink:
    label: str
    url: str
    explanation: str


def todos_for(actor, *, today: date) -> list[Todo]:
    return casework_todos(actor, today=today) + oversight_todos(actor, today=today)


def quick_links(actor) -> list[QuickLink]:
    """Pages that are not a to-do but that the role opens often: reports, logs, registers."""
    links = []
    if actor.has_perm(ASSIGN):
        url = reverse("investigations:deadlines")
        links.append(
            QuickLink("Termijnen van het team", url, "signalen, onderzoeken en besluiten over de norm")
        )
    if any(actor.has_perm(p) for p in CONTROLS_READ):
        links.append(QuickLink("Analyses", reverse("controls:list"), "themacontroles en biascheck"))
    if actor.has_perm(VIEW_REPORTS):
        links.append(QuickLink("Rapportages", reverse("reports:overview"), "cijfers per periode"))
    if actor.has_perm(VIEW_EVENTS):
        links.append(
            QuickLink("Auditlog", reverse("audit:search"), "wie zag welke inwoner, wanneer en waarom")
        )
    if actor.has_perm(MANAGE_USERS):
        links.append(QuickLink("Gebruikers", reverse("beheer:users"), "gebruikers, teams en rollen"))
    if actor.has_perm(RETENTION_VIEW):
        links.append(QuickLink("Bewaartermijnen", reverse("retention:index"), "vernietigingslijsten"))
    return links
