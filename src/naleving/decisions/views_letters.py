"""The letters of a besluit: the section on the besluit page, the concept (preview), sending it once, and
downloading a sent letter (the stored bytes, never rendered again)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving.common.views import or_404
from naleving.decisions import dispatch
from naleving.decisions.letters import letter_problems
from naleving.decisions.models import Besluit, Brief
from naleving.decisions.selectors import besluit_get
from naleving.decisions.views_detail import LetterSendForm, detail_render

DOWNLOAD_PURPOSE = "Verzonden beschikking opnieuw inzien of afdrukken"


def _pdf(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _letter_besluit(request, pk: int) -> Besluit:
    if not dispatch.may_send_letters(request.user):
        raise PermissionDenied
    besluit = or_404(besluit_get, actor=request.user, besluit_id=pk)
    if not besluit.is_vastgesteld:
        raise Http404("Het besluit is nog niet vastgesteld")
    return besluit


def _preview_date(request) -> date:
    try:
        return date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return timezone.localdate()


@login_required
def letter_preview(request, pk: int):
    """The concept letter dated ``?datum=`` (default today): marked as concept, not stored."""
    besluit = _letter_besluit(request, pk)
    try:
        pdf = dispatch.letter_preview(actor=request.user, besluit=besluit, sent_on=_preview_date(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("decisions:detail", pk=besluit.pk)
    return _pdf(pdf, f"concept-beschikking-{besluit.kenmerk}.pdf")


@login_required
def besluit_letter(request, pk: int):
    """The resident's letter: the stored one once sent, before that the concept."""
    besluit = _letter_besluit(request, pk)
    brief = besluit.brieven.filter(role="inwoner").first()
    if brief is None:
        return letter_preview(request, pk)
    pdf = dispatch.brief_read(actor=request.user, brief=brief, purpose=DOWNLOAD_PURPOSE)
    return _pdf(pdf, f"beschikking-{besluit.kenmerk}.pdf")


@login_required
def brief_download(request, pk: int, brief_pk: int):
    """One sent letter (the resident's or the partner's copy), as it was stored."""
    besluit = _letter_besluit(request, pk)
    brief = get_object_or_404(Brief, pk=brief_pk, besluit=besluit)
    pdf = dispatch.brief_read(actor=request.user, brief=brief, purpose=DOWNLOAD_PURPOSE)
    return _pdf(pdf, f"beschikking-{besluit.kenmerk}-{brief.role}.pdf")


@login_required
@require_POST
def letter_send(request, pk: int):
    besluit = _letter_besluit(request, pk)
    form = LetterSendForm(request.POST)
    if form.is_valid():
        try:
            brieven = dispatch.letter_send(
                actor=request.user, besluit=besluit, sent_on=form.cleaned_data["sent_on"]
            )
        except ValidationError as exc:
            besluit.refresh_from_db()
            if besluit.sent_on is not None or letter_problems(besluit):  # no form to show the error at
                messages.error(request, " ".join(exc.messages))
                return redirect("decisions:detail", pk=besluit.pk)
            form.add_error("sent_on", exc)
        else:
            to = " en ".join(brief.get_role_display().lower() for brief in brieven)
            messages.success(request, f"De brief is verzonden en opgeslagen (aan: {to}).")
            return redirect("decisions:detail", pk=besluit.pk)
    # the besluit page again, the letter step open with the error above its form
    return detail_render(request, besluit, send_form=form)
