"""Collection steps on a claim not paid in time (Awb title 4.4, afdeling 4.4.4): the aanmaning and the
dwangbevel, each a PDF/A letter stored with its SHA-256 (``Invorderingsstap``) and an audit event.

Law (wetten.overheid.nl BWBR0005537 and the commentary on handhavingsrecht.nl, read for this module):
- Awb 4:112(1): the authority sends a debtor in default (in verzuim: the payment term of 4:87 passed) a
  written aanmaning to pay within two weeks, counted from the day after it was sent
  (`collection.aanmaning_term_days`); 4:112(3): it says that collection measures at the debtor's costs follow
  when not paid in time. 4:113: an aanmaningsvergoeding per order in council (`collection.aanmaning_costs`,
  0.00 UNCONFIRMED).
- Awb 4:114: the dwangbevel is a written order of the authority to enforce payment. 4:117(1): only issued
  when the debt was not fully paid within the aanmaning's term. 4:116: it is an executoriale titel, executed
  under the Wetboek van Burgerlijke Rechtsvordering; art. 430(2) Rv: it carries the words "In naam des
  Konings" (the heading "In naam van de Koning" is the form used under a king). 4:119: the aanmaningsvergoeding
  and costs may be collected with it; 4:120: service and execution at the debtor's costs. 4:122: it states
  the word "dwangbevel" at the head, the principal sum, the beschikking the debt comes from, the costs, and
  that it may be executed at the debtor's costs. 4:123: it is made known by a bailiff's writ (betekening bij
  deurwaardersexploot). 4:118: no hearing (4:8) is needed for an aanmaning or dwangbevel.
- Objection: no bezwaar or beroep against an aanmaning or dwangbevel (Awb 8:4(1)(b) per the commentary on
  4:114); the debtor opposes a dwangbevel by verzet at the civil court (art. 438 Rv per that commentary).
  The term for verzet is UNCONFIRMED here, so the letter names none.

A claim set off against a running benefit is collected by the monthly set-off, never by these steps.
"""

from datetime import date
from decimal import Decimal
from hashlib import sha256

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.claims.arrears import aanmaning_owed, arrears_of, paid_by
from naleving.claims.collection import collection_value, days_after, profile_of
from naleving.claims.models import Invorderingsstap, StepKind, Vordering
from naleving.claims.services import _lock_open, _require_manager
from naleving.common.formatting import euro, long_date
from naleving.common.pdf import html_to_pdf
from naleving.gemeenten.letters import sender


def _common_checks(vordering: Vordering, day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"De datum {long_date(day)} ligt in de toekomst. {what} kan niet vooruit.")
    if vordering.setoff:
        raise ValidationError(
            "Deze vordering wordt verrekend met de lopende uitkering (art. 60 Pw). Een aanmaning of dwangbevel "
            "is dan niet aan de orde; stop eerst de verrekening als er geen uitkering meer is."
        )
    if vordering.due_on is None:
        raise ValidationError(
            "De betalingstermijn is nog niet gestart: de besluitbrief met de betaalgegevens is niet verzonden."
        )


def _payment_account(vordering: Vordering) -> tuple[str, str]:
    gemeente = vordering.besluit.gemeente if vordering.besluit_id else vordering.resident.gemeente
    if not gemeente.payment_iban:
        raise ValidationError(
            f"Gemeente {gemeente.name} heeft geen IBAN voor betalingen. Vul dit in onder Beheer › Gemeenten."
        )
    return gemeente.payment_iban, gemeente.payment_account_name or gemeente.letterhead


def _letter(template: str, vordering: Vordering, step: dict) -> bytes:
    gemeente = vordering.besluit.gemeente if vordering.besluit_id else vordering.resident.gemeente
    iban, account_name = _payment_account(vordering)
    context = {
        "sender": sender(gemeente),
        "resident": vordering.resident,
        "vordering": vordering,
        "kind": vordering.get_kind_display().lower(),
        "besluit": vordering.besluit,
        "decision_date": long_date(vordering.besluit.decision_date) if vordering.besluit_id else "",
        "iban": iban,
        "account_name": account_name,
        "reference": vordering.payment_reference,
        "due_on": long_date(vordering.due_on),
        **step,
    }
    return html_to_pdf(render_to_string(template, context), archival=True)


def _store(actor, vordering: Vordering, kind: str, day: date, term_end, amount: Decimal, costs: Decimal,
           pdf: bytes) -> Invorderingsstap:  # fmt: skip
    step = Invorderingsstap.objects.create(
        vordering=vordering, kind=kind, sent_on=day, term_end=term_end, amount_due=amount, costs=costs,
        pdf=pdf, sha256=sha256(pdf).hexdigest(), created_by=actor,
    )  # fmt: skip
    audit_record(
        actor=actor,
        code=f"claim.{kind}",
        obj=vordering,
        resident_id=vordering.resident_id,
        after={
            "datum": day,
            "termijn_tot": term_end,
            "bedrag": amount,
            "kosten": costs,
            "sha256": step.sha256,
        },
    )
    return step


@transaction.atomic
def aanmaning_send(*, actor, vordering: Vordering, sent_on: date) -> Invorderingsstap:
    """Send an aanmaning (Awb 4:112) for what is in arrears on ``sent_on``: only after the payment term
    (4:87) with an amount in arrears, not while an earlier aanmaning's term runs, not after a dwangbevel."""
    _require_manager(actor, vordering)
    vordering = _lock_open(vordering)
    _common_checks(vordering, sent_on, "Een aanmaning")
    if sent_on <= vordering.due_on:
        raise ValidationError(
            f"De betalingstermijn loopt nog tot en met {long_date(vordering.due_on)} (art. 4:87 Awb). "
            "Een aanmaning kan pas daarna."
        )
    state = arrears_of(vordering, sent_on)
    if state.dwangbevel is not None:
        raise ValidationError(
            f"Er is al een dwangbevel uitgevaardigd op {long_date(state.dwangbevel.sent_on)}. De deurwaarder int; "
            "registreer betalingen met de wijze 'ontvangen na dwangbevel'."
        )
    if state.aanmaning is not None and sent_on <= state.aanmaning.term_end:
        raise ValidationError(
            f"Er loopt al een aanmaning van {long_date(state.aanmaning.sent_on)} met een termijn tot en met "
            f"{long_date(state.aanmaning.term_end)}."
        )
    if state.arrears <= 0:
        raise ValidationError(
            f"Er is op {long_date(sent_on)} geen achterstand: betaald {euro(state.paid)}, verschuldigd "
            f"{euro(state.expected)}. Een aanmaning is niet nodig."
        )
    profile = profile_of(vordering)
    term_end = days_after(sent_on, "collection.aanmaning_term_days", profile)
    costs = collection_value("collection.aanmaning_costs", sent_on, profile)
    pdf = _letter(
        "claims/letter/aanmaning.html",
        vordering,
        {"letter_date": long_date(sent_on), "term_end": long_date(term_end), "amount_due": state.arrears,
         "costs": costs, "total": state.arrears + costs, "open_after": state.open - state.arrears, "paid": state.paid},
    )  # fmt: skip
    return _store(actor, vordering, StepKind.AANMANING, sent_on, term_end, state.arrears, costs, pdf)


@transaction.atomic
def dwangbevel_issue(*, actor, vordering: Vordering, issued_on: date) -> Invorderingsstap:
    """Issue a dwangbevel (Awb 4:114) for what the aanmaning asked and was not paid within its term
    (4:117(1)), with the aanmaning's costs (4:119). Served by a bailiff (4:123)."""
    _require_manager(actor, vordering)
    vordering = _lock_open(vordering)
    _common_checks(vordering, issued_on, "Een dwangbevel")
    state = arrears_of(vordering, issued_on)
    aanmaning = state.aanmaning
    if aanmaning is None:
        raise ValidationError(
            "Een dwangbevel kan pas na een aanmaning (art. 4:117 lid 1 Awb). Stuur eerst een aanmaning."
        )
    if state.dwangbevel is not None:
        raise ValidationError(
            f"Na de aanmaning van {long_date(aanmaning.sent_on)} is al een dwangbevel uitgevaardigd op "
            f"{long_date(state.dwangbevel.sent_on)}."
        )
    if issued_on <= aanmaning.term_end:
        raise ValidationError(
            f"De termijn van de aanmaning loopt nog tot en met {long_date(aanmaning.term_end)} (art. 4:112 Awb). "
            "Een dwangbevel kan pas daarna."
        )
    owed = aanmaning_owed(aanmaning)
    if paid_by(vordering, aanmaning.term_end) >= owed:
        raise ValidationError(
            "De achterstand uit de aanmaning is binnen de termijn betaald. Een dwangbevel kan niet."
        )
    unpaid = owed - state.paid
    if unpaid <= 0:
        raise ValidationError(
            "De achterstand uit de aanmaning is inmiddels betaald. Een dwangbevel is niet nodig; stuur bij een "
            "nieuwe achterstand een nieuwe aanmaning."
        )
    costs = aanmaning.costs
    pdf = _letter(
        "claims/letter/dwangbevel.html",
        vordering,
        {"letter_date": long_date(issued_on), "amount_due": unpaid, "costs": costs, "total": unpaid + costs,
         "aanmaning_date": long_date(aanmaning.sent_on), "aanmaning_term_end": long_date(aanmaning.term_end),
         "open": state.open, "paid": state.paid},
    )  # fmt: skip
    return _store(actor, vordering, StepKind.DWANGBEVEL, issued_on, None, unpaid, costs, pdf)


def step_pdf(*, actor, step: Invorderingsstap, purpose: str) -> bytes:
    """The stored letter of a step, logged as a read of the resident's data; the caller found the claim
    within the actor's scope (``claims.selectors.vordering_get``)."""
    audit_record(
        actor=actor,
        code="claim.step_downloaded",
        obj=step.vordering,
        resident_id=step.vordering.resident_id,
        purpose=purpose,
        after={"stap": step.kind, "datum": step.sent_on, "sha256": step.sha256},
    )
    return bytes(step.pdf)
