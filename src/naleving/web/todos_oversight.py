"""The to-dos of the roles around casework: analist, FG, beheerder, archivaris and the approvers of legal
amounts. Each is work the user may do himself: four-eyes work proposed by the user is not counted."""

from datetime import date

from django.urls import reverse

from naleving.accounts.models import RoleGrant
from naleving.accounts.permissions import APPROVE_ROLE_GRANT
from naleving.controls import permissions as controls
from naleving.controls.outcomes import flagged_reviews_waiting
from naleving.residents.permissions import DECIDE_PRIVACY_OBJECTION
from naleving.residents.selectors import privacy_objections_open
from naleving.retention import permissions as retention
from naleving.retention.models import DestructionList, ListStatus
from naleving.ruleset import permissions as ruleset
from naleving.ruleset.models import SetStatus
from naleving.ruleset.selectors import parameter_sets
from naleving.web import todo_queries as queries
from naleving.web.todo import Todo, tally


def oversight_todos(actor, *, today: date) -> list[Todo]:
    todos: list[Todo] = []
    if actor.has_perm(controls.RUN):
        todos += _analist(actor, today)
    if actor.has_perm(controls.APPROVE_FILTER):
        todos += _fg_controls(actor, today)
    if actor.has_perm(DECIDE_PRIVACY_OBJECTION):
        todos.append(_privacy_objections(actor, today))
    if actor.has_perm(ruleset.APPROVE):
        todos.append(_parameter_sets(actor, today))
    if actor.has_perm(APPROVE_ROLE_GRANT):
        todos.append(_role_grants(actor, today))
    for permission, approved_by in (
        (retention.APPROVE_FG, "fg_approved_by"),
        (retention.APPROVE_ARCHIVIST, "archivist_approved_by"),
    ):
        if actor.has_perm(permission):
            todos.append(_destruction_lists(actor, today, approved_by))
    return todos


def _runs_url(task: str) -> str:
    return reverse("web:todo_runs", args=[task])


def _analist(actor, today: date) -> list[Todo]:
    return [
        Todo(
            "runs_toelichten",
            "Runs toelichten",
            tally(queries.runs_awaiting_explanation(actor))[0],
            _runs_url("toelichten"),
            "biascheck gemarkeerd of niet mogelijk: uw toelichting gaat naar de FG",
            today,
        ),
        Todo(
            "runs_vrijgeven",
            "Runs vrijgeven",
            tally(queries.runs_approved_not_released(actor))[0],
            _runs_url("vrijgeven"),
            "goedgekeurd door de FG; de treffers kunnen signalen worden",
            today,
        ),
    ]


def _fg_controls(actor, today: date) -> list[Todo]:
    analyses = reverse("controls:list")
    return [
        Todo(
            "runs_fg",
            "Runs goedkeuren",
            tally(queries.runs_awaiting_fg(actor))[0],
            _runs_url("goedkeuren"),
            "toegelicht door de analist; wachten op uw goedkeuring",
            today,
        ),
        Todo(
            "filters_fg",
            "Filters beoordelen",
            tally(queries.filters_awaiting_fg())[0],
            analyses,
            "in ontwikkeling, nog niet door u beoordeeld",
            today,
        ),
        Todo(
            "uitkomstcontroles",
            "Uitkomstcontroles",
            tally(flagged_reviews_waiting())[0],
            reverse("controls:outcome_reviews"),
            "gemarkeerd: wie na selectie voor niets werd onderzocht; wacht op de FG",
            today,
        ),
    ]


def _privacy_objections(actor, today: date) -> Todo:
    return Todo(
        "bezwaren_verwerking",
        "Bezwaren tegen verwerking",
        tally(privacy_objections_open(actor))[0],
        reverse("residents:privacy_objections"),
        "AVG art. 21: wachten op uw beslissing",
        today,
    )


def _parameter_sets(actor, today: date) -> Todo:
    waiting = parameter_sets().filter(status=SetStatus.PROPOSED).exclude(proposed_by=actor)
    return Todo(
        "wettelijke_bedragen",
        "Wettelijke bedragen goedkeuren",
        tally(waiting)[0],
        reverse("ruleset:list"),
        "voorgesteld door een collega (vier ogen)",
        today,
    )


def _role_grants(actor, today: date) -> Todo:
    waiting = RoleGrant.objects.filter(status=RoleGrant.Status.AANGEVRAAGD).exclude(requested_by=actor)
    return Todo(
        "roltoekenningen",
        "Roltoekenningen beoordelen",
        tally(waiting)[0],
        reverse("beheer:grants"),
        "aangevraagd door een collega (vier ogen)",
        today,
    )


def _destruction_lists(actor, today: date, approved_by: str) -> Todo:
    waiting = DestructionList.objects.filter(status=ListStatus.CONCEPT, **{f"{approved_by}__isnull": True})
    return Todo(
        f"vernietiging_{approved_by}",
        "Vernietigingslijsten goedkeuren",
        tally(waiting.exclude(proposed_by=actor))[0],
        reverse("retention:index"),
        "wachten op uw goedkeuring",
        today,
    )
