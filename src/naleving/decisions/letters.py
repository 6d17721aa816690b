"""The decision letter (beschikking) as a PDF: a Django template rendered by WeasyPrint.

Plain Dutch (B1): what was decided, the amounts, the reasons from the engine's trace with their legal basis,
how the money is paid back, and how to object (bezwaar, Awb 6:4, 6:7 and 6:8). The statutory basis follows
the besluit's regulation (``decisions.legal_basis``): an IOAW or IOAZ decision cites its own law, never the
Participatiewet; Bbz aid is Pw aid. The letter is sent by the municipality that decided (``Besluit.gemeente``,
ADR 0021): its letterhead and logo, its bestuursorgaan, its objection address and contact details. No network:
the template carries its own print CSS and uses the system's fonts; the logo is read from the storage.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.template.loader import render_to_string

from naleving.audit.services import audit_record
from naleving.claims.plan import repayment_plan
from naleving.claims.selectors import draagkracht_room
from naleving.claims.services import remaining_of
from naleving.common.formatting import long_date, month_year
from naleving.common.pdf import html_to_pdf
from naleving.decisions.legal_basis import benefit_noun, citation, decision_basis, regulation_of
from naleving.decisions.models import Besluit, Opschorting
from naleving.gemeenten.letters import sender

#: The objection term: six weeks (Awb 6:7), starting the day after the letter is sent (Awb 6:8).
BEZWAAR_WEEKS = 6


@dataclass(frozen=True)
class ClaimLine:
    kind: str
    amount: object
    instalment: object
    setoff: bool
    end_month: str


def _claims(besluit: Besluit) -> list[ClaimLine]:
    lines = []
    for vordering in besluit.vorderingen.order_by("-kind", "pk"):  # recovery first, then the fine
        plan = repayment_plan(
            remaining=remaining_of(vordering),
            instalment=vordering.monthly_instalment,
            last_activity=vordering.created_on,
        )
        lines.append(
            ClaimLine(
                kind=vordering.get_kind_display().lower(),
                amount=vordering.amount,
                instalment=vordering.monthly_instalment,
                setoff=vordering.setoff,
                end_month=month_year(plan.end_month) if plan.end_month else "",
            )
        )
    return lines


def _reasons(besluit: Besluit) -> list[dict]:
    """The engine's reasons, in order, each with its citation; the parameters stay in the stored response."""
    trace = (besluit.engine_response or {}).get("trace", [])
    return [{"text": step["text_nl"], "citation": step["citation"]} for step in trace]


def _period(besluit: Besluit) -> dict[str, str]:
    investigation = besluit.investigation
    if investigation is None or investigation.period_start is None or investigation.period_end is None:
        return {"period_start": "", "period_end": ""}
    return {
        "period_start": long_date(investigation.period_start),
        "period_end": long_date(investigation.period_end),
    }


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
    }


def letter_context(besluit: Besluit, *, sent_on: date) -> dict:
    consulent = besluit.recorded_by
    opschorting = Opschorting.objects.filter(besluit=besluit).first()
    claims = _claims(besluit)
    return {
        "besluit": besluit,
        "resident": besluit.resident,
        "sender": sender(besluit.gemeente),
        "letter_date": long_date(sent_on),
        "decision_date": long_date(besluit.decision_date),
        **_period(besluit),
        **_legal(besluit),
        "reasons": _reasons(besluit),
        "claims": claims,
        "draagkracht": draagkracht_room(besluit=besluit) if claims else None,
        "opschorting": opschorting,
        "hersteltermijn_end": long_date(opschorting.hersteltermijn_end) if opschorting else "",
        "bezwaar_weeks": BEZWAAR_WEEKS,
        "bezwaar_until": long_date(sent_on + timedelta(weeks=BEZWAAR_WEEKS)),
        "consulent": (consulent.get_full_name() or consulent.get_username()) if consulent else "",
    }


def besluit_letter_pdf(*, besluit: Besluit, sent_on: date) -> bytes:
    """The beschikking as PDF bytes (A4), dated ``sent_on``."""
    html = render_to_string("decisions/letter.html", letter_context(besluit, sent_on=sent_on))
    return html_to_pdf(html)


def besluit_letter(*, actor, besluit: Besluit, sent_on: date) -> bytes:
    """The letter for ``actor``: a read of personal data, logged with its purpose before it is made."""
    audit_record(
        actor=actor,
        code="decision.letter_downloaded",
        obj=besluit,
        resident_id=besluit.resident_id,
        purpose="Beschikking opmaken voor verzending aan de inwoner",
        after={"kenmerk": besluit.kenmerk, "datum": sent_on},
    )
    return besluit_letter_pdf(besluit=besluit, sent_on=sent_on)
