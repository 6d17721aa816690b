"""The figures on the home page, each counted within what the actor may see."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from naleving.accounts.permissions import MANAGE_USERS
from naleving.audit.permissions import VIEW_EVENTS
from naleving.claims import permissions as claims
from naleving.claims.arrears import collection_counts
from naleving.claims.models import ClaimStatus
from naleving.claims.selectors import vorderingen_in_scope
from naleving.controls.outcomes import flagged_reviews_waiting
from naleving.controls.permissions import APPROVE_FILTER
from naleving.controls.permissions import READ_PERMISSIONS as CONTROLS_READ
from naleving.decisions import permissions as decisions
from naleving.decisions.models import BesluitStatus
from naleving.decisions.selectors import besluiten_visible_to
from naleving.decisions.selectors_remedies import remedy_counts
from naleving.investigations import permissions as investigations
from naleving.investigations.models import Investigation
from naleving.investigations.selectors import investigations_visible_to
from naleving.reports.permissions import VIEW_REPORTS
from naleving.residents.permissions import VIEW_PERMISSIONS as RESIDENTS_VIEW
from naleving.residents.selectors import residents_visible_to
from naleving.ruleset import permissions as ruleset
from naleving.ruleset.selectors import parameter_sets
from naleving.signals import permissions as signals
from naleving.signals.selectors import signals_visible_to


@dataclass(frozen=True)
class Card:
    title: str
    figure: int | str
    url: str
    explanation: str


def overview_cards(actor) -> list[Card]:
    cards = []
    residents = residents_visible_to(actor)
    if _any(actor, RESIDENTS_VIEW):
        cards.append(Card("Inwoners", residents.count(), reverse("residents:list"), "in uw werkvoorraad"))
    if actor.has_perm(signals.VIEW):
        untriaged = signals_visible_to(actor).filter(route="").count()
        cards.append(
            Card(
                "Signalen zonder triage",
                untriaged,
                reverse("signals:list") + "?route=geen",
                "wachten op beoordeling",
            )
        )
    if actor.has_perm(investigations.VIEW):
        open_inv = (
            investigations_visible_to(actor)
            .filter(status=Investigation._meta.get_field("status").default)
            .count()
        )
        cards.append(
            Card(
                "Open onderzoeken",
                open_inv,
                reverse("investigations:list") + "?status=open",
                "nog niet afgerond",
            )
        )
    if actor.has_perm(decisions.VIEW):
        waiting = besluiten_visible_to(actor).filter(status=BesluitStatus.TER_ONDERTEKENING).count()
        cards.append(
            Card(
                "Besluiten ter ondertekening",
                waiting,
                reverse("decisions:list") + "?status=ter_ondertekening",
                "vier-ogenprincipe",
            )
        )
    if actor.has_perm(decisions.HANDLE_BEZWAAR):
        cards.append(_remedies_card(actor))
    if actor.has_perm(claims.VIEW):
        open_claims = vorderingen_in_scope(actor).filter(status=ClaimStatus.OPEN).count()
        cards.append(
            Card(
                "Open vorderingen", open_claims, reverse("claims:list") + "?status=open", "nog niet afgelost"
            )
        )
        cards.append(_collection_card(actor))
    if actor.has_perm(VIEW_REPORTS):
        cards.append(Card("Rapportages", "→", reverse("reports:overview"), "cijfers per periode"))
    if actor.has_perm(VIEW_EVENTS):
        cards.append(
            Card("Auditlog", "→", reverse("audit:search"), "wie zag welke inwoner, wanneer en waarom")
        )
    if _any(actor, CONTROLS_READ):
        cards.append(Card("Analyses", "→", reverse("controls:list"), "themacontroles en biascheck"))
    return cards + _fg_cards(actor) + _beheer_cards(actor)


def _fg_cards(actor) -> list[Card]:
    """Flagged outcome reviews of theme controls that wait for the FG (issue #23)."""
    if not actor.has_perm(APPROVE_FILTER):
        return []
    return [
        Card(
            "Uitkomstcontroles",
            flagged_reviews_waiting().count(),
            reverse("controls:outcome_reviews"),
            "gemarkeerd: wie na selectie voor niets werd onderzocht; wacht op de FG",
        )
    ]


def _beheer_cards(actor) -> list[Card]:
    """Legal amounts waiting for the four-eyes review, and Beheer › Gebruikers (users, teams, roles)."""
    cards = []
    if _any(actor, ruleset.PERMISSIONS):
        open_sets = parameter_sets().filter(status="voorgesteld").count()
        cards.append(
            Card(
                "Wettelijke bedragen",
                open_sets,
                reverse("ruleset:list"),
                "voorstellen die op goedkeuring wachten (vier ogen)",
            )
        )
    if actor.has_perm(MANAGE_USERS):
        cards.append(Card("Gebruikers", "→", reverse("beheer:users"), "gebruikers, teams en rollen"))
    return cards


def _remedies_card(actor) -> Card:
    """Open objections and appeals awaiting a judgment; how many objections are past their decision term."""
    counts = remedy_counts(actor)
    return Card(
        "Termijnen bezwaar en beroep",
        counts["open"] + counts["appeals"],
        reverse("decisions:remedy_terms"),
        f"open bezwaren en beroepen; over de beslistermijn: {counts['overdue']}",
    )


def _collection_card(actor) -> Card:
    """Claims paid by transfer with arrears; how many wait for an aanmaning or a dwangbevel."""
    counts = collection_counts(actor, timezone.localdate())
    return Card(
        "Invordering",
        counts["arrears"],
        reverse("claims:collection"),
        f"vorderingen met achterstand; aanmaning of dwangbevel nodig: {counts['actionable']}",
    )


def _any(actor, permissions) -> bool:
    return any(actor.has_perm(p) for p in permissions)
