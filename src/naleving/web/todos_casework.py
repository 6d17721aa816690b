"""The to-dos of casework: consulent, handhaver and teamleider (and whoever holds their permissions)."""

from datetime import date

from django.urls import reverse

from naleving.claims import permissions as claims
from naleving.claims.arrears import collection_counts
from naleving.claims.models import ClaimStatus
from naleving.claims.selectors import vorderingen_in_scope
from naleving.decisions import permissions as decisions
from naleving.decisions.models import Beroep, BesluitStatus, Bezwaar
from naleving.decisions.selectors import besluiten_visible_to
from naleving.investigations import permissions as investigations
from naleving.investigations.deadlines import decision_due, investigation_due, triage_due
from naleving.prevention import permissions as prevention
from naleving.prevention.models import ChangeReportStatus
from naleving.prevention.selectors import change_reports_visible_to, reminders_visible_to
from naleving.residents.permissions import HANDLE_REQUESTS
from naleving.residents.selectors import registratieverzoeken_open
from naleving.signals import permissions as signals
from naleving.signals.selectors import signals_visible_to
from naleving.web import todo_queries as queries
from naleving.web.todo import Todo, tally


def todo_list_url(task: str) -> str:
    return reverse("web:todo_investigations", args=[task])


def casework_todos(actor, *, today: date) -> list[Todo]:
    todos: list[Todo] = []
    if actor.has_perm(signals.TRIAGE):
        todos.append(_triage(actor, today))
    if actor.has_perm(prevention.ADD):
        todos += _prevention(actor, today)
    if actor.has_perm(investigations.CONDUCT):
        todos += _handhaver(actor, today)
    if actor.has_perm(investigations.ASSIGN):
        todos.append(_unassigned(actor, today))
    if actor.has_perm(HANDLE_REQUESTS):
        todos.append(_registratieverzoeken(actor, today))
    if actor.has_perm(decisions.RECORD):
        todos.append(_awaiting_besluit(actor, today))
    if actor.has_perm(decisions.COSIGN):
        todos.append(_cosign(actor, today))
    if actor.has_perm(decisions.HANDLE_BEZWAAR):
        todos.append(_remedies(actor, today))
    if actor.has_perm(claims.MANAGE):
        todos += _claims(actor, today)
    return todos


def _triage(actor, today: date) -> Todo:
    count, first = tally(signals_visible_to(actor).filter(route=""), "received_on")
    return Todo(
        "triage",
        "Signalen beoordelen",
        count,
        reverse("signals:triage_queue"),
        "signalen zonder triage, de oudste eerst",
        today,
        triage_due(first) if first else None,
    )


def _prevention(actor, today: date) -> list[Todo]:
    worklist = reverse("prevention:worklist")
    reports = change_reports_visible_to(actor).filter(status=ChangeReportStatus.NIEUW)
    reminders, first_reminder = tally(reminders_visible_to(actor).filter(handled_at__isnull=True), "due_on")
    return [
        Todo(
            "wijzigingen",
            "Doorgegeven wijzigingen verwerken",
            tally(reports)[0],
            worklist + "#wijzigingen",
            "door inwoners zelf doorgegeven, nog niet afgehandeld",
            today,
        ),
        Todo(
            "herinneringen",
            "Herinneringen versturen",
            reminders,
            worklist + "#herinneringen",
            "brieven en berichten die klaarstaan",
            today,
            first_reminder,
        ),
    ]


def _handhaver(actor, today: date) -> list[Todo]:
    tallies = queries.handhaver_tallies(actor, today=today)
    (mine, first_mine), (hearings, first_hearing) = tallies["mine"], tallies["hearings"]
    findings, first_findings = tallies["findings"]
    return [
        Todo(
            "mijn_onderzoeken",
            "Mijn open onderzoeken",
            mine,
            reverse("investigations:list") + "?status=open",
            "aan u toegewezen, nog niet afgerond",
            today,
            investigation_due(first_mine) if first_mine else None,
        ),
        Todo(
            "hoor_en_wederhoor",
            "Hoor en wederhoor",
            hearings,
            todo_list_url("hoor-en-wederhoor"),
            f"nog niet gehouden; de termijn van het onderzoek loopt binnen {queries.HEARING_HORIZON_DAYS} "
            "dagen af of is verlopen",
            today,
            investigation_due(first_hearing) if first_hearing else None,
        ),
        Todo(
            "bevindingen",
            "Bevindingen vastleggen",
            findings,
            todo_list_url("bevindingen"),
            "de inwoner is gehoord; de bevindingen ontbreken nog",
            today,
            investigation_due(first_findings) if first_findings else None,
        ),
    ]


def _unassigned(actor, today: date) -> Todo:
    count, first = tally(queries.investigations_unassigned(actor), "opened_on")
    return Todo(
        "toewijzen",
        "Onderzoeken toewijzen",
        count,
        reverse("investigations:list") + "?status=open&toegewezen=nee",
        "open onderzoeken zonder handhaver",
        today,
        investigation_due(first) if first else None,
    )


def _registratieverzoeken(actor, today: date) -> Todo:
    count = tally(registratieverzoeken_open(actor))[0]
    return Todo(
        "registratieverzoeken",
        "Registratieverzoeken afhandelen",
        count,
        reverse("residents:requests"),
        "inwoners die medewerkers van uw team niet konden vinden",
        today,
    )


def _awaiting_besluit(actor, today: date) -> Todo:
    count, first = tally(queries.investigations_awaiting_besluit(actor), "closed_on")
    return Todo(
        "besluit_nodig",
        "Onderzoeken wachten op uw besluit",
        count,
        todo_list_url("besluit-nodig"),
        "afgerond met een schending, nog geen besluit",
        today,
        decision_due(first) if first else None,
    )


def _cosign(actor, today: date) -> Todo:
    waiting = besluiten_visible_to(actor).filter(status=BesluitStatus.TER_ONDERTEKENING)
    return Todo(
        "medeondertekenen",
        "Besluiten medeondertekenen",
        tally(waiting.exclude(recorded_by=actor))[0],
        reverse("decisions:list") + "?status=ter_ondertekening",
        "vastgelegd door een collega; wachten op uw tweede handtekening (vier ogen)",
        today,
    )


def _remedies(actor, today: date) -> Todo:
    visible = besluiten_visible_to(actor).values("pk")
    objections, first = tally(Bezwaar.objects.filter(besluit__in=visible, outcome=""), "decide_by")
    appeals = tally(Beroep.objects.filter(besluit__in=visible, outcome=""))[0]
    return Todo(
        "bezwaar_beroep",
        "Bezwaren en beroepen",
        objections + appeals,
        reverse("decisions:remedy_terms"),
        f"{objections} {'bezwaar' if objections == 1 else 'bezwaren'} te beslissen, "
        f"{appeals} {'beroep wacht' if appeals == 1 else 'beroepen wachten'} op de uitspraak",
        today,
        first,
    )


def _claims(actor, today: date) -> list[Todo]:
    open_claims = tally(vorderingen_in_scope(actor).filter(status=ClaimStatus.OPEN))[0]
    counts = collection_counts(actor, today)
    return [
        Todo(
            "vorderingen",
            "Open vorderingen",
            open_claims,
            reverse("claims:list") + "?status=open",
            "nog niet afgelost",
            today,
        ),
        Todo(
            "invordering",
            "Invordering",
            counts["actionable"],
            reverse("claims:collection"),
            f"aanmaning of dwangbevel nodig; {counts['arrears']} vorderingen met achterstand",
            today,
        ),
    ]
