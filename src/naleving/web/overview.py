"""The figures on the home page, each counted within what the actor may see."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Card:
    title: str
    figure: int | str
    url: str
    explanation: str


def overview_cards(actor) -> list[Card]:
    from naleving.claims.models import ClaimStatus
    from naleving.claims.selectors import vorderingen_visible_to
    from naleving.decisions.models import BesluitStatus
    from naleving.decisions.selectors import besluiten_visible_to
    from naleving.investigations.models import Investigation
    from naleving.investigations.selectors import investigations_visible_to
    from naleving.residents.selectors import residents_visible_to
    from naleving.signals.selectors import signals_visible_to

    cards = []
    residents = residents_visible_to(actor)
    if (
        actor.has_perm("residents.view_caseload")
        or actor.has_perm("residents.view_team")
        or actor.has_perm("residents.view_investigated")
    ):
        cards.append(Card("Inwoners", residents.count(), reverse("residents:list"), "in uw werkvoorraad"))
    if actor.has_perm("signals.view_signal"):
        untriaged = signals_visible_to(actor).filter(route="").count()
        cards.append(
            Card(
                "Signalen zonder triage",
                untriaged,
                reverse("signals:list") + "?route=geen",
                "wachten op beoordeling",
            )
        )
    if actor.has_perm("investigations.view_investigation"):
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
    if actor.has_perm("decisions.view_besluit"):
        waiting = besluiten_visible_to(actor).filter(status=BesluitStatus.TER_ONDERTEKENING).count()
        cards.append(
            Card(
                "Besluiten ter ondertekening",
                waiting,
                reverse("decisions:list") + "?status=ter_ondertekening",
                "vier-ogenprincipe",
            )
        )
    if actor.has_perm("claims.view_vordering"):
        open_claims = vorderingen_visible_to(actor).filter(status=ClaimStatus.OPEN).count()
        cards.append(
            Card(
                "Open vorderingen", open_claims, reverse("claims:list") + "?status=open", "nog niet afgelost"
            )
        )
    if actor.has_perm("reports.view_reports"):
        cards.append(Card("Rapportages", "→", reverse("reports:overview"), "cijfers per periode"))
    if actor.has_perm("audit.view_auditevent"):
        cards.append(
            Card("Auditlog", "→", reverse("audit:search"), "wie zag welke inwoner, wanneer en waarom")
        )
    if any(
        actor.has_perm(perm)
        for perm in ("controls.run_control", "controls.approve_filter", "controls.view_register")
    ):
        cards.append(Card("Analyses", "→", reverse("controls:list"), "themacontroles en biascheck"))
    return cards + _beheer_cards(actor)


def _beheer_cards(actor) -> list[Card]:
    """Legal amounts waiting for the four-eyes review, and Beheer › Gebruikers (users, teams, roles)."""
    cards = []
    if actor.has_perm("ruleset.propose_parameterset") or actor.has_perm("ruleset.approve_parameterset"):
        from naleving.ruleset.selectors import parameter_sets

        open_sets = parameter_sets().filter(status="voorgesteld").count()
        cards.append(
            Card(
                "Wettelijke bedragen",
                open_sets,
                reverse("ruleset:list"),
                "voorstellen die op goedkeuring wachten (vier ogen)",
            )
        )
    if actor.has_perm("accounts.manage_users"):
        cards.append(Card("Gebruikers", "→", reverse("beheer:users"), "gebruikers, teams en rollen"))
    return cards
