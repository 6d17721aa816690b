"""The navigation of the cirkel van naleving, filtered by what the user may do."""

from django.conf import settings
from django.urls import reverse

from naleving import __version__
from naleving.accounts.services import user_roles

# (label, url name, permission that shows it; None = every signed-in user)
NAVIGATION = (
    ("Overzicht", "web:home", None),
    (
        "Inwoners",
        "residents:list",
        (
            "residents.view_caseload",
            "residents.view_team",
            "residents.view_investigated",
            "residents.view_all",
        ),
    ),
    ("Preventie", "prevention:list", ("prevention.view_preventiveintervention",)),
    ("Werkvoorraad", "prevention:worklist", ("prevention.view_preventiveintervention",)),
    ("Signalen", "signals:list", ("signals.view_signal",)),
    ("Triage", "signals:triage_queue", ("signals.triage_signal",)),
    ("Onderzoeken", "investigations:list", ("investigations.view_investigation",)),
    ("Termijnen", "investigations:deadlines", ("investigations.assign_investigation",)),
    ("Besluiten", "decisions:list", ("decisions.view_besluit",)),
    ("Vorderingen", "claims:list", ("claims.view_vordering",)),
    (
        "Analyses",
        "controls:list",
        ("controls.run_control", "controls.approve_filter", "controls.view_register"),
    ),
    ("Rapportages", "reports:overview", ("reports.view_reports",)),
    ("Auditlog", "audit:search", ("audit.view_auditevent",)),
    ("Gebruikers", "beheer:users", ("accounts.manage_users",)),
    (
        "Wettelijke bedragen",
        "ruleset:list",
        ("ruleset.propose_parameterset", "ruleset.approve_parameterset"),
    ),
)


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        for label, url_name, perms in NAVIGATION:
            if perms is None or any(user.has_perm(p) for p in perms):
                url = reverse(url_name)
                items.append({"label": label, "url": url, "active": _is_active(request.path, url)})
        _only_most_specific_active(items)
    roles = user_roles(user) if user is not None and user.is_authenticated else []
    return {
        "navigation": items,
        "organisation_name": settings.NALEVING_ORGANISATION,
        "user_roles": roles,
        "naleving_version": __version__,
    }


def _is_active(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)


def _only_most_specific_active(items: list[dict]) -> None:
    """/onderzoeken/termijnen/ lies under /onderzoeken/: only the longest matching item is current."""
    active = [item for item in items if item["active"]]
    if len(active) > 1:
        longest = max(active, key=lambda item: len(item["url"]))
        for item in active:
            item["active"] = item is longest
