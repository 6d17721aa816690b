"""The navigation of the cirkel van naleving, filtered by what the user may do."""

from django.utils.functional import lazy

from naleving import __version__
from naleving.accounts import permissions as accounts
from naleving.accounts.services import user_roles
from naleving.audit import permissions as audit
from naleving.claims import permissions as claims
from naleving.common.reversing import reverse_cached
from naleving.controls import permissions as controls
from naleving.decisions import permissions as decisions
from naleving.gemeenten.selectors import header_organisation_name
from naleving.investigations import permissions as investigations
from naleving.prevention import permissions as prevention
from naleving.reports import permissions as reports
from naleving.residents import permissions as residents
from naleving.retention import permissions as retention
from naleving.ruleset import permissions as ruleset
from naleving.signals import permissions as signals
from naleving.web.public import Branding

# (label, url name, permissions of which one shows it (None: every signed-in user), rank). When a role may
# open more than ``MAX_TOP_LEVEL`` pages, those of the lowest rank stay in the bar (in this order) and the
# rest move under "Meer"; the home page's to-dos reach most of them (the prevention worklist, the claims).
NAVIGATION = (
    ("Mijn werk", "web:home", None, 0),
    ("Inwoners", "residents:list", residents.VIEW_PERMISSIONS, 1),
    ("Preventie", "prevention:list", (prevention.VIEW,), 8),
    ("Werkvoorraad", "prevention:worklist", (prevention.VIEW,), 9),
    ("Signalen", "signals:list", (signals.VIEW,), 2),
    ("Triage", "signals:triage_queue", (signals.TRIAGE,), 5),
    ("Onderzoeken", "investigations:list", (investigations.VIEW,), 3),
    ("Termijnen", "investigations:deadlines", (investigations.ASSIGN,), 6),
    ("Besluiten", "decisions:list", (decisions.VIEW,), 4),
    ("Vorderingen", "claims:list", (claims.VIEW,), 7),
    ("Analyses", "controls:list", controls.READ_PERMISSIONS, 10),
    ("Rapportages", "reports:overview", (reports.VIEW_REPORTS,), 11),
    ("Auditlog", "audit:search", (audit.VIEW_EVENTS,), 12),
    ("Gebruikers", "beheer:users", (accounts.MANAGE_USERS,), 13),
    ("Wettelijke bedragen", "ruleset:list", ruleset.PERMISSIONS, 14),
    ("Bewaartermijnen", "retention:index", (retention.VIEW,), 15),
)
#: at most this many top-level items, "Meer" included (a teamleider's twelve wrapped at 1280 px)
MAX_TOP_LEVEL = 8
MORE = ("Meer", "web:more")

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


#: The organisation's name for the header, read only when a page shows it. ``lazy`` builds a proxy class each
#: time it is called (about 50 µs): once here, not once per request.
_organisation_name = lazy(header_organisation_name, str)


def navigation(request):
    user = getattr(request, "user", None)
    items, more = [], []
    if user is not None and user.is_authenticated:
        items, more = navigation_items(user, request.path)
    tabs = [
        {"label": label, "url": reverse_cached(url_name), "key": key}
        for label, url_name, perm, key in PRIVACY_TABS
        if user is not None and user.is_authenticated and user.has_perm(perm)
    ]
    roles = user_roles(user) if user is not None and user.is_authenticated else []
    return {
        "navigation": items,
        "navigation_more": more,
        "privacy_tabs": tabs,
        # lazy: read from the database only when a page shows it (the organisation row, else the setting)
        "organisation_name": _organisation_name(),
        # the municipality's name and logo in the header (ADR 0021: the user's, or the only one), read lazily
        "branding": Branding(request),
        "user_roles": roles,
        "naleving_version": __version__,
    }


def navigation_items(user, path: str) -> tuple[list[dict], list[dict]]:
    """The top-level items and the pages under "Meer", each ``{label, url, active}``; the item of the
    current page (or "Meer", for a page under it) is active, for ``aria-current``."""
    allowed = [
        (label, reverse_cached(url_name), rank)
        for label, url_name, perms, rank in NAVIGATION
        if perms is None or any(user.has_perm(p) for p in perms)
    ]
    items = [_item(label, url, path) for label, url, _ in allowed]
    _only_most_specific_active(items)
    if len(items) <= MAX_TOP_LEVEL:
        return items, []
    kept = sorted(rank for _, _, rank in allowed)[: MAX_TOP_LEVEL - 1]
    top = [item for item, (_, _, rank) in zip(items, allowed, strict=True) if rank in kept]
    more = [item for item, (_, _, rank) in zip(items, allowed, strict=True) if rank not in kept]
    more_item = _item(MORE[0], reverse_cached(MORE[1]), path)
    more_item["active"] = more_item["active"] or any(item["active"] for item in more)
    return [*top, more_item], more


def _item(label: str, url: str, path: str) -> dict:
    return {"label": label, "url": url, "active": _is_active(path, url)}


def _is_active(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)


def _only_most_specific_active(items: list[dict]) -> None:
    """/onderzoeken/termijnen/ lies under /onderzoeken/: only the longest matching item is current."""
    active = [item for item in items if item["active"]]
    if len(active) > 1:
        longest = max(active, key=lambda item: len(item["url"]))
        for item in active:
            item["active"] = item is longest
