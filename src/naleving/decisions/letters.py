"""The decision letter (beschikking) as a PDF: a Django template rendered by WeasyPrint as PDF/A-2a, tagged.

Plain Dutch (B1). Every letter gives the motivation (Awb 3:46, ``Besluit.motivation``, written from the
engine's outcome and the consulent's weighing): without one no letter is made (``letter_problems``). A fine
letter adds the calculation exactly as the engine made it (``letter_content.fine_calculation``); a
suspension letter what the resident must supply and by when (Pw 54(1)-(2)); a decision on objection what was
objected, the outcome, the new amounts and how to appeal (Awb 8:1, 6:7). Each letter has the objection or
appeal clause with the municipality's address, the last day per the Algemene termijnenwet
(``common.termijnen.term_end``) and the postal rule of Awb 6:9 in plain words, a privacy paragraph and the
consulent's contact details. Internal notes (the deviation's motivation, the omgekeerde toets) stay out.

The statutory basis follows the besluit's regulation (``decisions.legal_basis``): an IOAW or IOAZ decision
cites its own law, never the Participatiewet; Bbz aid is Pw aid. The letter is sent by the municipality that
decided (``Besluit.gemeente``, ADR 0021). No network: the template carries its own print CSS and uses the
system's fonts; the logo is read from the storage.

A sent letter is stored once (``Brief``, see ``decisions.dispatch``); this module only renders.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from naleving.claims.collection import first_instalment, payment_due, payment_reference
from naleving.claims.plan import add_months, repayment_plan
from naleving.claims.selectors import draagkracht_room
from naleving.claims.services import remaining_of
from naleving.common.formatting import long_date, month_year
from naleving.common.pdf import html_to_pdf
from naleving.common.termijnen import REMEDY_WEEKS, term_end
from naleving.decisions import letter_content
from naleving.decisions.legal_basis import benefit_noun, citation, decision_basis, regulation_of
from naleving.decisions.maatregel_letter import maatregel_context
from naleving.decisions.models import Besluit, BesluitStatus, Opschorting
from naleving.gemeenten.letters import sender

#: The objection term: six weeks (Awb 6:7), starting the day after the letter is sent (Awb 6:8).
BEZWAAR_WEEKS = REMEDY_WEEKS
#: Awb 6:9(2): a letter posted in time may arrive up to a week after the last day.
POSTAL_GRACE = timedelta(weeks=1)


@dataclass(frozen=True)
class ClaimLine:
    """One claim in the letter's payment section: the amount and instalment, and where, how and from when
    it is paid (the payment term of Awb 4:87 starts when the letter is sent, ``claims.collection``)."""

    kind: str
    amount: object
    instalment: object
    setoff: bool
    end_month: str
    reference: str = ""
    due_on: str = ""
    start_month: str = ""


def letter_problems(besluit: Besluit) -> list[str]:
    """Why no letter can be made for ``besluit`` (Dutch sentences for the consulent); empty when it can."""
    problems = []
    if besluit.status != BesluitStatus.VASTGESTELD:
        problems.append("Het besluit is nog niet vastgesteld. Een brief kan pas daarna.")
    if not besluit.motivation.strip():
        problems.append(
            "Het besluit heeft geen motivering. Een brief zonder motivering mag niet (artikel 3:46 Awb). "
            "Leg het besluit opnieuw vast met een motivering."
        )
    opschorting = Opschorting.objects.filter(besluit=besluit).first()
    if opschorting is not None and not opschorting.requested_information.strip():
        problems.append(
            "Bij de opschorting staat niet welke gegevens de inwoner moet geven. De brief moet dat noemen "
            "(artikel 54 lid 1 en 2 Participatiewet). Vul de gevraagde gegevens in."
        )
    if besluit.kind == "op_bezwaar" and letter_content.objection_facts(besluit) is None:
        problems.append("Bij deze beslissing op bezwaar is geen bezwaar met een uitkomst vastgelegd.")
    if not besluit.gemeente.payment_iban and _pays_by_transfer(besluit):
        problems.append(
            f"Gemeente {besluit.gemeente.name} heeft geen IBAN voor betalingen, en de inwoner moet zelf betalen. "
            "De brief moet het rekeningnummer noemen. Vul het in onder Beheer › Gemeenten."
        )
    return problems


def _pays_by_transfer(besluit: Besluit) -> bool:
    """Whether an open claim of ``besluit`` is paid by transfer (no set-off, or none possible today)."""
    claims = list(besluit.vorderingen.filter(status="open"))
    if not claims:
        return False
    today = timezone.localdate()
    return any(not v.setoff for v in claims) or not letter_content.setoff_possible(besluit, today)


def _claims(besluit: Besluit, sent_on: date) -> list[ClaimLine]:
    """The claims as the letter states them. Once the letter is sent the claims hold their payment term
    (``due_on``, ``start_on``, ``payment_reference``); a concept computes the same from ``sent_on``."""
    can_setoff = letter_content.setoff_possible(besluit, sent_on)
    lines = []
    for vordering in besluit.vorderingen.order_by("-kind", "pk"):  # recovery first, then the fine
        setoff = vordering.setoff and can_setoff
        due_on = vordering.due_on or payment_due(sent_on, besluit.profile or "landelijk")
        start_on = vordering.start_on or first_instalment(setoff=setoff, sent_on=sent_on, due_on=due_on)
        plan = repayment_plan(
            remaining=remaining_of(vordering),
            instalment=vordering.monthly_instalment,
            last_activity=add_months(start_on, -1),
        )
        lines.append(
            ClaimLine(
                kind=vordering.get_kind_display().lower(),
                amount=vordering.amount,
                instalment=vordering.monthly_instalment,
                setoff=setoff,
                end_month=month_year(plan.end_month) if plan.end_month else "",
                reference=payment_reference(vordering),
                due_on=long_date(due_on),
                start_month=month_year(start_on),
            )
        )
    return lines


def _period(besluit: Besluit) -> dict[str, str]:
    violation = (besluit.engine_request or {}).get("violation") or {}
    start, end = violation.get("start"), violation.get("end")
    if not (start and end) and besluit.investigation is not None:
        start, end = besluit.investigation.period_start, besluit.investigation.period_end
    if not (start and end):
        return {"period_start": "", "period_end": ""}
    as_date = lambda day: day if isinstance(day, date) else date.fromisoformat(day)  # noqa: E731
    return {"period_start": long_date(as_date(start)), "period_end": long_date(as_date(end))}


def _legal(besluit: Besluit) -> dict:
    """The citations and words that depend on the besluit's regulation (Pw, IOAW, IOAZ or Bbz)."""
    regulation = regulation_of(besluit)
    return {
        "legal_basis": [
            (basis.citation, basis.meaning) for basis in decision_basis(regulation, besluit.sanction_type)
        ],
        "benefit_noun": benefit_noun(regulation),
        "opschorting_citation": citation(regulation, "opschorting"),
        "verrekening_citation": citation(regulation, "verrekening"),
        "law_name": citation(regulation, "inlichtingenplicht").split(" ", 4)[-1],
    }


def _consulent(besluit: Besluit) -> dict:
    person = besluit.resident.consulent or besluit.recorded_by
    gemeente = besluit.gemeente
    return {
        "consulent": (person.get_full_name() or person.get_username()) if person else "",
        "consulent_email": (person.email if person else "") or gemeente.email,
        "consulent_phone": gemeente.phone,
        "signer": (besluit.recorded_by.get_full_name() or besluit.recorded_by.get_username())
        if besluit.recorded_by
        else "",
    }


def _deadline(sent_on: date) -> dict:
    last_day = term_end(sent_on)
    return {
        "bezwaar_weeks": BEZWAAR_WEEKS,
        "bezwaar_until": long_date(last_day),
        "bezwaar_moved": last_day != sent_on + timedelta(weeks=BEZWAAR_WEEKS),
        "post_until": long_date(last_day + POSTAL_GRACE),
    }


def letter_kind(besluit: Besluit) -> str:
    """Which letter this is: a decision on objection, a maatregel, a fine, a warning, a suspension or
    recovery only."""
    if besluit.kind == "op_bezwaar":
        return "op_bezwaar"
    if besluit.sanction_type == "maatregel":
        return "maatregel"
    if besluit.sanction_type in ("boete", "waarschuwing", "aangifte"):
        return besluit.sanction_type
    if Opschorting.objects.filter(besluit=besluit).exists():
        return "opschorting"
    return "terugvordering" if besluit.recovery_amount > 0 else "geen"


SUBJECTS = {
    "op_bezwaar": "Beslissing op uw bezwaar",
    "boete": "Besluit over uw uitkering: terugvordering en boete",
    "waarschuwing": "Besluit over uw uitkering: waarschuwing",
    "aangifte": "Besluit over uw uitkering: aangifte",
    "opschorting": "Besluit over uw uitkering: wij stoppen uw uitkering tijdelijk",
    "terugvordering": "Besluit over uw uitkering: terugvordering",
    "maatregel": "Besluit over uw uitkering: verlaging (maatregel)",
    "geen": "Besluit over uw uitkering",
}


def letter_context(
    besluit: Besluit, *, sent_on: date, addressee=None, role: str = "inwoner", concept: bool = False
) -> dict:
    """Everything the template shows, for the letter to ``addressee`` (the resident unless told otherwise)."""
    opschorting = Opschorting.objects.filter(besluit=besluit).first()
    claims = _claims(besluit, sent_on)
    kind = letter_kind(besluit)
    context = {
        "besluit": besluit,
        "kind": kind,
        "subject": SUBJECTS[kind],
        "concept": concept,
        "resident": besluit.resident,
        "addressee": addressee or besluit.resident,
        "role": role,
        "joint_liability": letter_content.joint_liability(besluit),
        "sender": sender(besluit.gemeente),
        "letter_date": long_date(sent_on),
        "decision_date": long_date(besluit.decision_date),
        **_period(besluit),
        **_legal(besluit),
        **_consulent(besluit),
        **_deadline(sent_on),
        "motivation": [p.strip() for p in besluit.motivation.split("\n\n") if p.strip()],
        "calculation": letter_content.fine_calculation(besluit) if besluit.sanction_type == "boete" else [],
        "fine_steps": letter_content.fine_steps(besluit) if besluit.sanction_type == "boete" else [],
        "claims": claims,
        "payment_iban": besluit.gemeente.payment_iban,
        "payment_account_name": besluit.gemeente.payment_account_name or besluit.gemeente.letterhead,
        "draagkracht": draagkracht_room(besluit=besluit) if claims else None,
        "opschorting": opschorting,
        "hersteltermijn_end": long_date(opschorting.hersteltermijn_end) if opschorting else "",
        **_objection(besluit),
    }
    if kind == "maatregel":
        context |= maatregel_context(besluit)
    return context


def _objection(besluit: Besluit) -> dict:
    facts = letter_content.objection_facts(besluit)
    if facts is None:
        return {"objection": None}
    return {
        "objection": facts,
        "objection_received": long_date(facts.received_on),
        "objection_hearing": long_date(facts.hearing_on) if facts.hearing_on else "",
        "original_date": long_date(facts.original.decision_date),
    }


def letter_pdf(
    *, besluit: Besluit, sent_on: date, addressee=None, role: str = "inwoner", concept: bool = False
) -> bytes:
    """The beschikking as PDF/A bytes (A4, tagged), dated ``sent_on``; ``concept`` marks a preview."""
    context = letter_context(besluit, sent_on=sent_on, addressee=addressee, role=role, concept=concept)
    return html_to_pdf(render_to_string("decisions/letter.html", context), archival=True)


def besluit_letter_pdf(*, besluit: Besluit, sent_on: date) -> bytes:
    """The resident's letter: as it was sent when it was (the stored bytes), else made anew from the
    recorded data dated ``sent_on`` (the inzage bundle of an older besluit)."""
    brief = besluit.brieven.filter(role="inwoner").first()
    if brief is not None:
        return bytes(brief.pdf)
    return letter_pdf(besluit=besluit, sent_on=sent_on)
