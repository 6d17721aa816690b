"""The navigation of the cirkel van naleving, filtered by what the user may do."""

from django.urls import reverse
from django.utils.functional import lazy

from naleving import __version__
from naleving.accounts import permissions as accounts
from naleving.accounts.services import user_roles
from naleving.audit import permissions as audit
from naleving.claims import permissions as claims
from naleving.controls import permissions as controls
from naleving.decisions import permissions as decisions
from naleving.gemeenten.selectors import organisation_name
from naleving.investigations import permissions as investigations
from naleving.prevention import permissions as prevention
from naleving.reports import permissions as reports
from naleving.residents import permissions as residents
from naleving.retention import permissions as retention
from naleving.ruleset import permissions as ruleset
from naleving.signals import permissions as signals
from naleving.web.public import Branding

# (label, url name, permissions of which one shows it; None = every signed-in user)
NAVIGATION = (
    ("Overzicht", "web:home", None),
    ("Inwoners", "residents:list", residents.VIEW_PERMISSIONS),
    ("Preventie", "prevention:list", (prevention.VIEW,)),
    ("Werkvoorraad", "prevention:worklist", (prevention.VIEW,)),
    ("Signalen", "signals:list", (signals.VIEW,)),
    ("Triage", "signals:triage_queue", (signals.TRIAGE,)),
    ("Onderzoeken", "investigations:list", (investigations.VIEW,)),
    ("Termijnen", "investigations:deadlines", (investigations.ASSIGN,)),
    ("Besluiten", "decisions:list", (decisions.VIEW,)),
    ("Vorderingen", "claims:list", (claims.VIEW,)),
    ("Analyses", "controls:list", controls.READ_PERMISSIONS),
    ("Rapportages", "reports:overview", (reports.VIEW_REPORTS,)),
    ("Auditlog", "audit:search", (audit.VIEW_EVENTS,)),
    ("Gebruikers", "beheer:users", (accounts.MANAGE_USERS,)),
    ("Wettelijke bedragen", "ruleset:list", ruleset.PERMISSIONS),
    ("Bewaartermijnen", "retention:index", (retention.VIEW,)),
)

#: The privacy officer's pages next to the audit log (``audit/_tabs.html``): (label, url name, permission,
#: the ``current`` value of the page that includes the tabs)
PRIVACY_TABS = (
    ("Inzageverzoek", "audit:inzage_request", audit.VIEW_EVENTS, "inzage"),
    (
        "Bezwaren tegen verwerking",
        "residents:privacy_objections",
        residents.DECIDE_PRIVACY_OBJECTION,
        "objections",
    ),
    ("Bewaartermijnen", "retention:index", retention.VIEW, "retention"),
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
    tabs = [
        {"label": label, "url": reverse(url_name), "key": key}
        for label, url_name, perm, key in PRIVACY_TABS
        if user is not None and user.is_authenticated and user.has_perm(perm)
    ]
    roles = user_roles(user) if user is not None and user.is_authenticated else []
    return {
        "navigation": items,
        "privacy_tabs": tabs,
        # lazy: read from the database only when a page shows it (the organisation row, else the setting)
        "organisation_name": lazy(organisation_name, str)(),
        # the municipality's name and logo in the header (ADR 0021: the user's, or the only one), read lazily
        "branding": Branding(request),
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
