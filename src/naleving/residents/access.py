"""How long a handhaver keeps access to the residents of his investigations (ADR 0030): the definition from the
cases themselves, and the filter the pages ask on the day each investigation keeps."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

#: The objection term (Awb 6:7, six weeks from the day after the decision, 6:8): a besluit nobody objected
#: to is irrevocable (onherroepelijk) from the day after it ends (decisions.finality counts it exactly, from
#: the dispatch date and with the Atw; this filter approximates it from the decision date). An objection or
#: appeal that is still open keeps the case open; a decision on objection is a new besluit with its own date.
OBJECTION_TERM = timedelta(weeks=6)


def investigation_access(*, prefix: str = "", today: date | None = None) -> Q:
    """A filter on Investigation (through ``prefix``) for cases whose assigned handhaver still has access:
    ``investigation_access_from_cases``, read from the day the case became final that the investigation
    keeps (``investigations.access``, ADR 0030): one column of one table, which PostgreSQL can estimate."""
    return access_after(access_cutoff(today), prefix)


def access_cutoff(today: date | None = None) -> date:
    """A handhaver keeps access to a case that became final after this day (``investigation_access``)."""
    return (today or timezone.localdate()) - timedelta(days=settings.NALEVING_HANDHAVER_ACCESS_DAYS)


def access_after(cutoff: date, prefix: str = "") -> Q:
    """``investigation_access`` for a cut-off already worked out (``access_cutoff``)."""
    return Q(**{f"{prefix}access_final_on__gt": cutoff})


def investigation_access_from_cases(*, prefix: str = "", today: date | None = None) -> Q:
    """The definition of ``investigation_access``, from the cases themselves (four tables): a filter on
    Investigation (through ``prefix``) for cases whose assigned handhaver still has access.

    Access lasts while the investigation is open, and ``NALEVING_HANDHAVER_ACCESS_DAYS`` days after the
    case is final: the investigation closed without a breach (from ``closed_on``), or its besluit became
    irrevocable (``decision_date`` + the objection term + one day). A breach still awaiting its besluit, a
    besluit not yet vastgesteld, or an objection or appeal awaiting its outcome keeps the case open (the
    handhaver answers the consulent's questions). Written with field names only, so residents imports neither
    investigations nor decisions. Pages do not ask it: ``investigations.access`` keeps the day each case
    became final by the same rules, and checks the kept days against this filter.
    """
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.NALEVING_HANDHAVER_ACCESS_DAYS)
    # irrevocable_on(decided) = decided + term + 1 day; access while irrevocable_on + days > today
    decided_after = cutoff - OBJECTION_TERM - timedelta(days=1)
    p = prefix
    open_case = Q(**{f"{p}status": "open"})
    closed_without_besluit = Q(**{f"{p}besluiten__isnull": True, f"{p}closed_on__gt": cutoff})
    # "schending" is the investigations app's Outcome.SCHENDING: the besluit on it is still to come.
    breach_awaiting_besluit = Q(**{f"{p}besluiten__isnull": True, f"{p}outcome": "schending"})
    # Positive conditions only: a negated lookup across besluiten would test "no besluit" instead of "this one".
    besluit_not_final = Q(**{f"{p}besluiten__status__in": ["concept", "ter_ondertekening"]}) | Q(
        **{f"{p}besluiten__status": "vastgesteld", f"{p}besluiten__decision_date__gt": decided_after}
    )
    # An objection or appeal awaiting its outcome (decisions.Bezwaar, decisions.Beroep, by field name).
    remedy_open = Q(**{f"{p}besluiten__bezwaren__outcome": ""}) | Q(
        **{f"{p}besluiten__beroepen__outcome": ""}
    )
    return open_case | closed_without_besluit | breach_awaiting_besluit | besluit_not_final | remedy_open
