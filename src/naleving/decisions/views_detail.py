"""The besluit page: what was decided and its steps (``steps``), with the form of the step that is the
user's turn: co-signing or sending the letter. A failed send shows the page again with its errors."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from naleving.claims.selectors import vorderingen_visible_to
from naleving.common.ordering import in_model_order
from naleving.common.termijnen import term_end
from naleving.common.views import or_404
from naleving.decisions import dispatch, selectors
from naleving.decisions.forms import DateInput, OpschortingStartForm
from naleving.decisions.letters import letter_problems
from naleving.decisions.models import OMGEKEERDE_TOETS, Besluit
from naleving.decisions.permissions import RECORD
from naleving.decisions.selectors import besluit_get
from naleving.decisions.steps import besluit_steps, may_cosign, proposal_labels
from naleving.decisions.weighing import answer_rows
from naleving.residents.reads import case_shown


class LetterSendForm(forms.Form):
    sent_on = forms.DateField(
        label="Verzonden op",
        widget=DateInput(),
        error_messages={"invalid": "Vul een geldige verzenddatum in, bijvoorbeeld 04-05-2026."},
    )


def letters_section(user, besluit: Besluit, send_form: LetterSendForm | None = None) -> dict:
    """The context of the "Brieven" section on the besluit page."""
    if not besluit.is_vastgesteld or not dispatch.may_send_letters(user):
        return {"letters_shown": False}
    return {
        "letters_shown": True,
        # the resident's letter before the partner's ("inwoner" < "partner"), each in the order made
        "brieven": sorted(
            besluit.brieven.select_related("addressee").order_by(), key=lambda b: (b.role, b.pk)
        ),
        "letter_problems": letter_problems(besluit) if besluit.sent_on is None else [],
        "remedy_until": term_end(besluit.sent_on) if besluit.sent_on else None,
        "send_form": (send_form or LetterSendForm(initial={"sent_on": timezone.localdate()}))
        if besluit.sent_on is None
        else None,
    }


def detail_context(user, besluit: Besluit, send_form: LetterSendForm | None = None) -> dict:
    opschorting = selectors.opschorting_of(besluit)
    letters = letters_section(user, besluit, send_form)
    steps = besluit_steps(user, besluit, letters)
    return {
        "besluit": besluit,
        "steps": steps,
        "step": {step.key: step for step in steps},
        "trace": (besluit.engine_response or {}).get("trace", []),
        "proposed": proposal_labels(besluit.engine_response),
        "toets": [(question, besluit.omgekeerde_toets.get(key, "")) for key, question in OMGEKEERDE_TOETS],
        "weging": answer_rows(besluit.weging),
        "opschorting": opschorting,
        "vorderingen": in_model_order(vorderingen_visible_to(user).filter(besluit=besluit).order_by()),
        "can_cosign": may_cosign(user, besluit),
        **letters,
        "start_form": OpschortingStartForm(initial={"takes_effect_on": timezone.localdate()})
        if opschorting and opschorting.is_signed and not opschorting.takes_effect_on and user.has_perm(RECORD)
        else None,
    }


def detail_render(request, besluit: Besluit, *, send_form: LetterSendForm | None = None, status: int = 200):
    """The besluit page; the read of the resident's data is logged with its purpose."""
    case_shown(request, besluit, besluit.resident, code="decision.viewed")
    context = detail_context(request.user, besluit, send_form)
    return render(request, "decisions/detail.html", context, status=status)


@login_required
def besluit_detail(request, pk: int):
    """``?stap=`` is accepted but opens nothing: only the step that is the user's turn has its form."""
    besluit = or_404(besluit_get, actor=request.user, besluit_id=pk)
    return detail_render(request, besluit)
