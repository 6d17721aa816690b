"""The work behind the to-dos of "Mijn werk": each a query set within what the actor may see.

Pure reads on top of the apps' actor-scoped selectors (``*_visible_to``): the home page counts them, the
to-do lists (``web/todo_lists.py``) show them, so a count and its list can never disagree.
"""

from datetime import date, timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet

from naleving.controls.models import ControlRun, Filter, FilterStatus, Verdict
from naleving.gemeenten.selectors import gemeente_scope
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.deadlines import investigation_weeks
from naleving.investigations.models import HoorEnWederhoor, Investigation
from naleving.investigations.selectors import investigations_visible_to

#: hoor en wederhoor is due when the investigation's own term ends within this many days (or has ended)
HEARING_HORIZON_DAYS = 7
#: bias verdicts after which the analist explains and the FG approves before the hits may become signals
NEEDS_FG = (Verdict.FLAG, Verdict.INSUFFICIENT_DATA)


def investigations_awaiting_besluit(actor) -> QuerySet[Investigation]:
    """Closed with a breach and no besluit yet: the consulent prepares the besluit (besluit_prepare)."""
    return investigations_visible_to(actor).filter(
        status=Status.AFGEROND, outcome=Outcome.SCHENDING, besluiten__isnull=True
    )


def investigations_unassigned(actor) -> QuerySet[Investigation]:
    """Open investigations without a handhaver: the teamleider assigns them."""
    return investigations_visible_to(actor).filter(status=Status.OPEN, assigned_to__isnull=True)


def investigations_mine_open(actor) -> QuerySet[Investigation]:
    """Open investigations assigned to the actor (the handhaver's own work)."""
    return investigations_visible_to(actor).filter(status=Status.OPEN, assigned_to=actor)


def _mine_open_heard(actor) -> QuerySet[Investigation]:
    """``investigations_mine_open`` with ``heard``: whether hoor en wederhoor has taken place."""
    heard = Exists(HoorEnWederhoor.objects.filter(investigation=OuterRef("pk")))
    return investigations_mine_open(actor).annotate(heard=heard)


def _hearing_due(today: date) -> Q:
    """Not heard, and the term (``deadlines.investigation_due``) ends within ``HEARING_HORIZON_DAYS`` or has
    ended."""
    latest_start = today + timedelta(days=HEARING_HORIZON_DAYS) - timedelta(weeks=investigation_weeks())
    return Q(heard=False, opened_on__lte=latest_start)


#: heard, and no findings recorded yet
_FINDINGS_DUE = Q(heard=True, findings_recorded_at__isnull=True)


def hearings_due(actor, *, today: date) -> QuerySet[Investigation]:
    """The actor's open investigations without hoor en wederhoor whose term ends within
    ``HEARING_HORIZON_DAYS`` or has ended: the resident must be heard before any finding."""
    return _mine_open_heard(actor).filter(_hearing_due(today))


def findings_due(actor) -> QuerySet[Investigation]:
    """The actor's open investigations where the resident was heard and no findings are recorded yet."""
    return _mine_open_heard(actor).filter(_FINDINGS_DUE)


def handhaver_tallies(actor, *, today: date) -> dict[str, tuple[int, date | None]]:
    """The counts and earliest opening dates of ``investigations_mine_open``, ``hearings_due`` and
    ``findings_due`` in one read: the same conditions as those query sets, as filtered aggregates."""
    hearing = _hearing_due(today)
    found = (
        _mine_open_heard(actor)
        .order_by()
        .aggregate(
            mine=Count("pk", distinct=True),
            first_mine=Min("opened_on"),
            hearings=Count("pk", distinct=True, filter=hearing),
            first_hearings=Min("opened_on", filter=hearing),
            findings=Count("pk", distinct=True, filter=_FINDINGS_DUE),
            first_findings=Min("opened_on", filter=_FINDINGS_DUE),
        )
    )
    return {name: (found[name], found[f"first_{name}"]) for name in ("mine", "hearings", "findings")}


def _runs(actor) -> QuerySet[ControlRun]:
    # the runs of the actor's municipalities, as controls.selectors scopes them (ADR 0021)
    return ControlRun.objects.filter(gemeente_scope(actor), status=ControlRun.Status.DONE)


def runs_awaiting_explanation(actor) -> QuerySet[ControlRun]:
    """Runs whose bias check needs the analist's explanation before the FG can approve them."""
    return _runs(actor).filter(verdict__in=NEEDS_FG, explanation="")


def runs_awaiting_fg(actor) -> QuerySet[ControlRun]:
    """Explained runs with a flagged or impossible bias check, waiting for the FG's approval."""
    return _runs(actor).filter(verdict__in=NEEDS_FG, fg_approved_by__isnull=True).exclude(explanation="")


def runs_approved_not_released(actor) -> QuerySet[ControlRun]:
    """Runs the FG approved whose hits the analist has not yet released as signals."""
    return _runs(actor).filter(verdict__in=NEEDS_FG, fg_approved_by__isnull=False)


def filters_awaiting_fg() -> QuerySet[Filter]:
    """Filters in development that the FG has never assessed (the register is organisation-wide)."""
    return Filter.objects.filter(status=FilterStatus.IN_ONTWIKKELING, approvals__isnull=True)
