"""What a decision letter says beyond the besluit's own fields: the fine's calculation as the engine made it,
who else is liable for the money (joint liability of a family), whether the money is set off against a
running benefit, and, for a decision on objection, what was objected and how it ended.

Joint liability (hoofdelijke aansprakelijkheid), read in the law texts (docs/rules/ioaw-ioaz-articles.md,
/work/shared/domain/law-texts.md):
- a fine on Pw or Bbz aid granted to a family (gezinsbijstand): every family member pays, jointly and
  severally (Pw 18a(9)); the IOAW and IOAZ have no such paragraph, so an IOAW or IOAZ fine goes to the
  resident alone;
- recovery of aid granted to a family: Pw 59(4) (Pw and Bbz; the paragraph number is the one the issue and
  the municipality's findings cite, not re-read in the corpus: docs/rules/ioaw-ioaz-articles.md marks Pw 59
  UNCONFIRMED), IOAW and IOAZ 26(3) (read).
The besluit's engine request records the household the aid was granted to (``household.type``); a family is
``gehuwden`` with a partner on record, who then gets the letter too.

Set-off (verrekening, Pw 60(4), IOAW/IOAZ 28) needs a benefit to set off against: only when one runs on the
day the letter is sent and it is not suspended (by this besluit or an earlier suspension in force that day).
Otherwise the letter says the resident pays by transfer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from naleving.common.formatting import euro
from naleving.decisions.legal_basis import IOAW, IOAZ, PW, law_of, regulation_of
from naleving.decisions.models import Besluit, Opschorting
from naleving.residents.selectors import active_benefit

#: the culpability levels of the Boetebesluit in the letter's words
CULPABILITY_WORDS = {
    "opzet": "opzet",
    "grove_schuld": "grove schuld",
    "normaal": "normale verwijtbaarheid",
    "verminderd": "verminderde verwijtbaarheid",
    "geen": "geen verwijtbaarheid",
}
#: joint liability per law: (fine, recovery); None where the law has none
JOINT_LIABILITY = {
    PW: ("art. 18a lid 9 Participatiewet", "art. 59 lid 4 Participatiewet"),
    IOAW: (None, "art. 26 lid 3 IOAW"),
    IOAZ: (None, "art. 26 lid 3 IOAZ"),
}


@dataclass(frozen=True)
class CalculationRow:
    label: str
    value: str
    citation: str = ""


def _step(response: dict, rule: str) -> dict:
    return next((s for s in response.get("trace") or [] if s.get("rule") == rule), {})


def fine_calculation(besluit: Besluit) -> list[CalculationRow]:
    """The fine as the engine computed it, row by row, in the stored response's numbers (never recomputed):
    the benadelingsbedrag, the culpability and its percentage, recidive, the result, the cap and the fine
    decided. Empty when the engine did not propose a fine."""
    response = besluit.engine_response or {}
    sanction = response.get("sanction") or {}
    if sanction.get("type") != "boete":
        return []
    fine_step, cap_step = _step(response, "boete"), _step(response, "plafond")
    inputs = fine_step.get("inputs") or {}
    rows = [
        CalculationRow(
            "Bedrag dat u te veel kreeg (benadelingsbedrag)", euro(response.get("benadelingsbedrag"))
        ),
        CalculationRow(
            "Verwijtbaarheid", CULPABILITY_WORDS.get(besluit.verwijtbaarheid, besluit.verwijtbaarheid)
        ),
    ]
    if sanction.get("recidive"):
        rows.append(
            CalculationRow("Herhaling: de boete gaat uit van", euro(inputs.get("base")), "art. 18a lid 5")
        )
    if sanction.get("base_percentage") is not None:
        rows.append(
            CalculationRow(
                "Percentage",
                f"{sanction['base_percentage']}% van {euro(inputs.get('base') or response.get('benadelingsbedrag'))}",
                fine_step.get("citation", ""),
            )
        )
    rows.append(
        CalculationRow("Berekende boete", euro(fine_step.get("result")), fine_step.get("citation", ""))
    )
    capped_by = sanction.get("capped_by")
    if capped_by:
        what = "wat u kunt betalen" if capped_by == "draagkracht" else "de grens in de wet"
        rows.append(
            CalculationRow(
                f"Verlaagd tot {what}", euro(sanction.get("fine_amount")), cap_step.get("citation", "")
            )
        )
    rows.append(CalculationRow("Uw boete", euro(besluit.fine_amount)))
    return rows


def fine_steps(besluit: Besluit) -> list[dict]:
    """The engine's own sentences for the fine and its cap, with their citations."""
    response = besluit.engine_response or {}
    return [
        {"text": step["text_nl"], "citation": step.get("citation", "")}
        for rule in ("recidive", "boete", "plafond")
        if (step := _step(response, rule)) and step.get("text_nl")
    ]


def is_gezinsbijstand(besluit: Besluit) -> bool:
    """Aid granted to a family: the household in the engine request was a couple, with a partner on record."""
    household = ((besluit.engine_request or {}).get("household") or {}).get("type")
    return household == "gehuwden" and besluit.resident.partner_id is not None


def joint_liability(besluit: Besluit) -> list[str]:
    """The articles that make the partner jointly liable for this besluit's money; empty when none do."""
    if not is_gezinsbijstand(besluit):
        return []
    fine_article, recovery_article = JOINT_LIABILITY[law_of(regulation_of(besluit))]
    articles = []
    if fine_article and besluit.sanction_type == "boete" and besluit.fine_amount > 0:
        articles.append(fine_article)
    if recovery_article and besluit.recovery_amount > 0:
        articles.append(recovery_article)
    return articles


def suspended_on(resident, on: date) -> bool:
    """Whether a suspension of the resident's benefit is in force on ``on``."""
    for opschorting in Opschorting.objects.filter(resident=resident, takes_effect_on__lte=on):
        if opschorting.ends_on is None or opschorting.ends_on >= on:
            return True
    return False


def setoff_possible(besluit: Besluit, on: date) -> bool:
    """Set-off needs a running benefit on ``on`` that is not suspended, now or by this besluit."""
    if active_benefit(besluit.resident, on) is None:
        return False
    if Opschorting.objects.filter(besluit=besluit).exists():
        return False
    return not suspended_on(besluit.resident, on)


@dataclass(frozen=True)
class ObjectionFacts:
    """A decision on objection: the objection, its outcome, and the amounts before and after. The grounds as
    the handler summarised them stay out: an internal note, often in the third person; the motivation of the
    decision on objection answers them."""

    original: Besluit
    received_on: date
    hearing_on: date | None
    outcome: str
    outcome_label: str
    amounts: list[tuple[str, Decimal, Decimal]]


def objection_facts(besluit: Besluit) -> ObjectionFacts | None:
    """For a decision on objection (``kind == "op_bezwaar"``): what was objected and what changed."""
    if besluit.kind != "op_bezwaar":
        return None
    bezwaar = getattr(besluit, "op_bezwaar", None)
    original = besluit.replaces or (bezwaar.besluit if bezwaar else None)
    if bezwaar is None or original is None:
        return None
    amounts = [
        ("Terugvordering", original.recovery_amount, besluit.recovery_amount),
        ("Boete", original.fine_amount, besluit.fine_amount),
        ("Verlaging van de bijstand", original.maatregel_total, besluit.maatregel_total),
    ]
    return ObjectionFacts(
        original=original,
        received_on=bezwaar.received_on,
        hearing_on=bezwaar.hearing_on,
        outcome=bezwaar.outcome,
        outcome_label=bezwaar.get_outcome_display().lower() if bezwaar.outcome else "",
        amounts=[row for row in amounts if row[1] or row[2]],
    )
