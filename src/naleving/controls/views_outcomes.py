"""Outcome fairness pages (issue #23): recording an outcome review of a run or a filter (analyst), the list of
reviews with the flagged ones waiting for the FG, and the FG's acknowledgement. The tables themselves are
rendered on the run, filter and public pages by the ``outcome_section`` tag (templatetags/controls_outcomes).
Only counts per group are shown, no resident."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from naleving.common.views import or_404
from naleving.controls import outcomes, selectors
from naleving.controls.models import OutcomeReview
from naleving.controls.permissions import APPROVE_FILTER, RUN
from naleving.controls.views import _need


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label="Toelichting FG: wat gebeurt er met deze uitkomst?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Schrijf wat er met de uitkomst gebeurt (toelichting FG)."},
    )


@login_required
def outcome_reviews(request):
    """Every recorded outcome review, the flagged ones the FG has not seen first."""
    _need(request)
    reviews = outcomes.recent_reviews()
    waiting = [r for r in reviews if r.flagged and r.fg_seen_at is None]
    for review in waiting:  # one form per review, each with its own field ids
        review.ack_form = AcknowledgeForm(auto_id=f"id_review{review.pk}_%s")
    return render(
        request,
        "controls/outcome_reviews.html",
        {
            "waiting": waiting,
            "reviews": [r for r in reviews if r not in waiting],
            "fg": request.user.has_perm(APPROVE_FILTER),
        },
    )


def _back(request, review: OutcomeReview):
    target = request.POST.get("next", "")
    if target == "run" and review.run_id:
        return redirect("controls:run_detail", pk=review.run_id)
    if target == "filter":
        return redirect("controls:filter_detail", name=review.filter.name)
    return redirect("controls:outcome_reviews")


@login_required
@require_POST
def outcome_review_acknowledge(request, pk):
    _need(request, APPROVE_FILTER)
    review = or_404(outcomes.review_get, review_id=pk)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back(request, review)
    try:
        outcomes.outcome_review_acknowledge(actor=request.user, review=review, note=form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "U hebt de gemarkeerde uitkomstcontrole gezien; uw toelichting is vastgelegd."
        )
    return _back(request, review)


def _recorded(request, review: OutcomeReview) -> None:
    if review.flagged:
        messages.warning(
            request, "De uitkomstcontrole is vastgelegd en gemarkeerd: de FG krijgt haar te zien."
        )
    else:
        messages.success(request, "De uitkomstcontrole is vastgelegd; niets gemarkeerd.")


@login_required
@require_POST
def run_outcome_record(request, pk):
    _need(request, RUN)
    run = or_404(selectors.run_get, actor=request.user, run_id=pk)
    _recorded(request, outcomes.outcome_review_record(actor=request.user, run=run))
    return redirect("controls:run_detail", pk=pk)


@login_required
@require_POST
def filter_outcome_record(request, name):
    _need(request, RUN)
    filter_ = or_404(selectors.filter_get, name=name)
    _recorded(request, outcomes.outcome_review_record(actor=request.user, filter_=filter_))
    return redirect("controls:filter_detail", name=name)
