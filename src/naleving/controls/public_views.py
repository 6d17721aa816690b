"""The public algorithm pages for residents at /algoritmes/ (no login, no personal data): the index of the
published filters and one page per filter, with only the released runs of a filter in use and, for a run whose
bias check was flagged or could not be done, the explanation the FG approved."""

from django.shortcuts import render

from naleving.common.views import or_404
from naleving.controls import algoritmeregister, filter_register, selectors
from naleving.controls.models import FilterStatus, Verdict

#: what residents read for each verdict of a released run
VERDICT_PUBLIC = {
    Verdict.OK: "geen aanwijzing voor ongelijke behandeling",
    Verdict.FLAG: "mogelijke ongelijke behandeling gevonden",
    Verdict.INSUFFICIENT_DATA: "te weinig gegevens om op ongelijke behandeling te toetsen",
}


def _run_line(run) -> dict:
    explained = run.verdict != Verdict.OK and run.explanation and run.fg_approved_by_id
    return {
        "run": run,
        "verdict": VERDICT_PUBLIC.get(run.verdict, run.get_verdict_display().lower()),
        # the FG approves the analyst's explanation (runs.control_run_fg_approve); a new one needs a new approval
        "explanation": run.explanation if explained else "",
    }


def public_index(request):
    filter_register.filters_sync()
    filters = algoritmeregister.published_filters()
    return render(
        request,
        "controls/public_index.html",
        {
            "in_use": [f for f in filters if f.status == FilterStatus.IN_GEBRUIK],
            "ended": [f for f in filters if f.status == FilterStatus.BUITEN_GEBRUIK],
            "contact": _contact(),
        },
    )


def _contact() -> str:
    return "" if algoritmeregister.contact_is_placeholder() else algoritmeregister.contact_email()


def public_filter(request, name):
    """For residents: what the filter does, which data, that a person always assesses, and the bias verdicts
    of its latest released runs. No personal data."""
    filter_register.filters_sync()
    filter_ = or_404(selectors.filter_get, name=name)
    runs = list(algoritmeregister.public_runs(filter_).select_related("filter"))
    total = selectors.total_effectiveness(selectors.runs_effectiveness(runs).values())
    entry = algoritmeregister.entry(filter_)
    return render(
        request,
        "controls/public_filter.html",
        {
            "filter": filter_,
            "runs": [_run_line(run) for run in runs[:5]],
            "entry": entry,
            "in_use": filter_.status == FilterStatus.IN_GEBRUIK,
            "total": total,
            "enough": total.public,
            "min_closed": selectors.PUBLIC_MIN_CLOSED,
            "contact": _contact(),
        },
    )
