"""``{% outcome_section run=run %}``, ``{% outcome_section filter=filter %}`` and, on the public page,
``{% outcome_section filter=filter public=True %}``: the outcome-fairness section (issue #23) with its table
per attribute, how to read it, the latest recorded review and the actions the user may take. Counts per group
only, no resident; the public version hides groups with fewer than ``PUBLIC_MIN_CLOSED`` outcomes."""

from django import template

from naleving.controls import outcomes
from naleving.controls.permissions import APPROVE_FILTER, RUN
from naleving.controls.presentation.outcomes import COLUMNS, HOW_TO_READ, outcome_rows
from naleving.controls.selectors import PUBLIC_MIN_CLOSED

register = template.Library()


@register.inclusion_tag("controls/_outcomes.html", takes_context=True)
def outcome_section(context, run=None, filter=None, public=False):
    filter_ = run.filter if run is not None else filter
    report = outcomes.outcome_report_for(filter_=filter_, run=run)
    user = None if public else getattr(context.get("request"), "user", None)
    review = None if public else outcomes.latest_review(filter_=filter_, run=run)
    return {
        "csrf_token": context.get("csrf_token"),
        "run": run,
        "filter": filter_,
        "public": public,
        "rows": outcome_rows(report, public=public, min_public=PUBLIC_MIN_CLOSED),
        "columns": COLUMNS,
        "how_to_read": HOW_TO_READ,
        "outcomes": report["outcomes"],
        "flagged": report["flagged"],
        "min_group_size": report["min_group_size"],
        "min_public": PUBLIC_MIN_CLOSED,
        "review": review,
        "can_record": bool(user and user.has_perm(RUN)),
        "fg": bool(user and user.has_perm(APPROVE_FILTER)),
    }
