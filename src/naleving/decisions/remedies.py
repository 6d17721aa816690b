"""Writes for objection (bezwaar) and appeal (beroep, hoger beroep) against a besluit.

Each service checks ``decisions.handle_bezwaar`` and that the actor may see the besluit, runs in one
transaction and writes its audit event there. The terms come from ``common.termijnen`` (Awb 6:7-6:9, the
Algemene termijnenwet); what they mean for irrevocability and the limitation term is ``decisions.finality``.

- ``bezwaar_register``: the objection with its receipt (and, by post, the posting) date; the term check of
  Awb 6:9. A late objection is registered as not in time; the reason why the delay is excusable (Awb 6:11)
  can be recorded, else a niet-ontvankelijk decision follows. The decision term (Awb 7:10(1)) is six weeks
  after the objection term ended, or twelve when an advisory committee (Awb 7:13) advises: a choice made per
  objection (``advisory_committee``), since not every municipality sends every objection to its committee.
  ``bezwaar_excuse`` records that reason after registration.
- ``bezwaar_hearing``: the hearing (Awb 7:2) and its record.
- ``bezwaar_decide``: the decision on objection. Withdrawn (Awb 6:21) closes the objection. Every other
  outcome is a new version of the besluit (kind ``op_bezwaar``, ``replaces`` the old one, its own letter),
  the old one becomes ``vervangen`` and its claims move to the new version with the new amounts
  (``claims.services.vordering_adjust_for_besluit``). The reconsideration (Awb 7:11) may not leave the resident
  worse off than the contested besluit (verbod van reformatio in peius): a higher fine or recovery is refused.
- ``beroep_register`` / ``beroep_outcome`` (in ``decisions.appeals``): beroep at the rechtbank against the decision on objection
  (Awb 8:1, 7:1) and hoger beroep at the Centrale Raad van Beroep, with the judgment's date and the day it
  was sent (the hoger-beroep term runs from it).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.common.formatting import euro
from naleving.common.termijnen import received_in_time, term_end
from naleving.decisions import finality

# Beroep and hoger beroep live in decisions.appeals; named here too, so every remedy is one import away.
from naleving.decisions.appeals import appeal_deadline, beroep_outcome, beroep_register
from naleving.decisions.models import (
    Besluit,
    BesluitKind,
    BesluitStatus,
    Bezwaar,
    BezwaarOutcome,
    SanctionType,
)
from naleving.decisions.remedy_checks import d as _d
from naleving.decisions.remedy_checks import not_future as _not_future
from naleving.decisions.remedy_checks import require_handler as _require_handler
from naleving.investigations.access import access_final_on_refresh

#: Awb 7:10(1): decide within six weeks, or twelve with an advisory committee (Awb 7:13).
DECIDE_WEEKS = 6
DECIDE_WEEKS_COMMITTEE = 12
#: Outcomes that leave the besluit's content as it was.
UNCHANGED = (BezwaarOutcome.ONGEGROND, BezwaarOutcome.NIET_ONTVANKELIJK)


def decide_by(besluit: Besluit, *, advisory_committee: bool = False) -> date:
    """Awb 7:10(1): the last day to decide on an objection against ``besluit`` (sent), counted from the day
    after the objection term ended, extended by the Atw."""
    weeks = DECIDE_WEEKS_COMMITTEE if advisory_committee else DECIDE_WEEKS
    return term_end(finality.objection_deadline(besluit), weeks=weeks)


def _check_objectable(besluit: Besluit) -> None:
    if besluit.kind == BesluitKind.OP_BEZWAAR:
        raise ValidationError(
            "Tegen een beslissing op bezwaar staat geen bezwaar open, maar beroep bij de rechtbank "
            "(art. 7:1 en 8:1 Awb)."
        )
    if besluit.status == BesluitStatus.VERVANGEN:
        raise ValidationError("Dit besluit is al vervangen door een beslissing op bezwaar.")
    if besluit.status != BesluitStatus.VASTGESTELD:
        raise ValidationError("Bezwaar kan alleen tegen een vastgesteld besluit.")
    if besluit.sent_on is None:
        raise ValidationError(
            "Het besluit is nog niet verzonden. Verstuur eerst de brief: de bezwaartermijn begint de dag na "
            "de verzending (art. 6:8 Awb)."
        )
    running = besluit.bezwaren.filter(outcome="").first()
    if running is not None:
        raise ValidationError(
            f"Er loopt al een bezwaar tegen dit besluit (ontvangen op {_d(running.received_on)})."
        )


def _check_receipt(besluit: Besluit, received_on: date, posted_on: date | None) -> None:
    _not_future("received_on", received_on, "het bezwaar is ontvangen")
    _not_future("posted_on", posted_on, "het bezwaar op de post is gedaan")
    if received_on < besluit.decision_date:
        raise ValidationError(
            {"received_on": f"Het bezwaar is ontvangen vóór de besluitdatum ({_d(besluit.decision_date)})."}
        )
    if posted_on is not None and posted_on > received_on:
        raise ValidationError({"posted_on": "De postdatum ligt na de datum van ontvangst."})


@transaction.atomic
def bezwaar_register(
    *,
    actor,
    besluit: Besluit,
    received_on: date,
    posted_on: date | None = None,
    grounds: str,
    late_excused: str = "",
    advisory_committee: bool = False,
) -> Bezwaar:
    """Register an objection against ``besluit`` (primary, vastgesteld and sent), with the term check of
    Awb 6:9 and the decision term of Awb 7:10. Late and not excused: registered with ``in_time`` false (the
    page asks the Awb 6:11 question); late with a reason: ``in_time`` false and the reason in
    ``late_excused``, so the objection is treated as admissible."""
    _require_handler(actor, besluit)
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    _check_objectable(besluit)
    _check_receipt(besluit, received_on, posted_on)
    if not grounds.strip():
        raise ValidationError(
            {
                "grounds": "Vul de gronden van het bezwaar in (art. 6:5 Awb). Ontbreken ze nog, schrijf dan "
                "dat de gronden later volgen (pro forma)."
            }
        )
    last_day = finality.objection_deadline(besluit)
    in_time = received_in_time(last_day, received_on, posted_on)
    bezwaar = Bezwaar.objects.create(
        besluit=besluit,
        received_on=received_on,
        posted_on=posted_on,
        grounds=grounds.strip(),
        in_time=in_time,
        late_excused="" if in_time else late_excused.strip(),
        decide_by=decide_by(besluit, advisory_committee=advisory_committee),
        registered_by=actor,
    )
    access_final_on_refresh([besluit.investigation_id])
    audit_record(
        actor=actor,
        code="objection.registered",
        obj=bezwaar,
        resident_id=besluit.resident_id,
        purpose=f"Bezwaar tegen {besluit.kenmerk}",
        after={
            "ontvangen_op": received_on,
            "ter_post": posted_on,
            "termijn_tot_en_met": last_day,
            "tijdig": in_time,
            "verschoonbaar": bool(bezwaar.late_excused),
            "adviescommissie": advisory_committee,
            "beslissen_uiterlijk": bezwaar.decide_by,
        },
    )
    return bezwaar


def _lock_open(bezwaar: Bezwaar) -> Bezwaar:
    bezwaar = Bezwaar.objects.select_for_update().select_related("besluit").get(pk=bezwaar.pk)
    if bezwaar.outcome:
        raise ValidationError(f"Op dit bezwaar is al beslist ({bezwaar.get_outcome_display().lower()}).")
    return bezwaar


@transaction.atomic
def bezwaar_excuse(*, actor, bezwaar: Bezwaar, late_excused: str) -> Bezwaar:
    """Answer the Awb 6:11 question for a late objection after it was registered: why the delay is
    excusable. The objection is then treated as admissible; without a reason, niet-ontvankelijk follows."""
    _require_handler(actor, bezwaar.besluit)
    bezwaar = _lock_open(bezwaar)
    if bezwaar.in_time:
        raise ValidationError("Dit bezwaar is op tijd ingediend: de vraag van art. 6:11 Awb speelt niet.")
    if not late_excused.strip():
        raise ValidationError({"late_excused": "Schrijf op waarom de te late indiening verschoonbaar is."})
    bezwaar.late_excused = late_excused.strip()
    bezwaar.save(update_fields=["late_excused"])
    audit_record(actor=actor, code="objection.excused", obj=bezwaar, resident_id=bezwaar.besluit.resident_id,
                 after={"verschoonbaar": True})  # fmt: skip
    return bezwaar


@transaction.atomic
def bezwaar_hearing(*, actor, bezwaar: Bezwaar, hearing_on: date, hearing_record: str) -> Bezwaar:
    """Record the hearing (Awb 7:2): its date and a record of what was said."""
    _require_handler(actor, bezwaar.besluit)
    bezwaar = _lock_open(bezwaar)
    _not_future("hearing_on", hearing_on, "de hoorzitting was")
    if hearing_on < bezwaar.received_on:
        raise ValidationError(
            {
                "hearing_on": f"De hoorzitting ligt vóór de ontvangst van het bezwaar ({_d(bezwaar.received_on)})."
            }
        )
    if not hearing_record.strip():
        raise ValidationError({"hearing_record": "Schrijf kort op wat er tijdens de hoorzitting is gezegd."})
    before = {"hoorzitting": bezwaar.hearing_on}
    bezwaar.hearing_on, bezwaar.hearing_record = hearing_on, hearing_record.strip()
    bezwaar.save(update_fields=["hearing_on", "hearing_record"])
    audit_record(
        actor=actor,
        code="objection.heard",
        obj=bezwaar,
        resident_id=bezwaar.besluit.resident_id,
        before=before,
        after={"hoorzitting": hearing_on},
    )
    return bezwaar


def _check_amounts(old: Besluit, outcome: str, fine: Decimal, recovery: Decimal) -> None:
    errors = {}
    if fine < 0:
        errors["fine_amount"] = "De boete kan niet negatief zijn."
    elif fine > old.fine_amount:
        errors["fine_amount"] = (
            f"De boete kan in bezwaar niet hoger worden dan in het bestreden besluit ({euro(old.fine_amount)}). "
            "De heroverweging mag de inwoner niet in een slechtere positie brengen (art. 7:11 Awb, verbod "
            "van reformatio in peius)."
        )
    if recovery < 0:
        errors["recovery_amount"] = "De terugvordering kan niet negatief zijn."
    elif recovery > old.recovery_amount:
        errors["recovery_amount"] = (
            f"De terugvordering kan in bezwaar niet hoger worden dan in het bestreden besluit "
            f"({euro(old.recovery_amount)}) (art. 7:11 Awb). Is er meer terug te vorderen, neem dan een nieuw "
            "primair besluit."
        )
    if outcome in UNCHANGED and not errors and (fine, recovery) != (old.fine_amount, old.recovery_amount):
        errors["outcome"] = (
            "Bij een ongegrond of niet-ontvankelijk bezwaar blijft het besluit zoals het was: de bedragen "
            "veranderen niet. Kies gegrond of deels gegrond als u de bedragen aanpast."
        )
    if errors:
        raise ValidationError(errors)


def _check_decision_date(bezwaar: Bezwaar, decided_on: date) -> None:
    _not_future("decided_on", decided_on, "is beslist")
    earliest = max(bezwaar.received_on, bezwaar.hearing_on or bezwaar.received_on)
    if decided_on < earliest:
        raise ValidationError(
            {"decided_on": f"De beslisdatum ligt vóór de ontvangst of de hoorzitting ({_d(earliest)})."}
        )


def _changes(old: Besluit, fine: Decimal, recovery: Decimal) -> str:
    parts = []
    if fine != old.fine_amount:
        parts.append(f"boete van {euro(old.fine_amount)} naar {euro(fine)}")
    if recovery != old.recovery_amount:
        parts.append(f"terugvordering van {euro(old.recovery_amount)} naar {euro(recovery)}")
    return "; ".join(parts)


def _maatregel_after(old: Besluit, outcome: str, months: int | None) -> dict:
    """The maatregel of the decision on objection (Pw 18): gegrond ends it; deels gegrond may shorten it
    (never lengthen: Awb 7:11); ongegrond and niet-ontvankelijk keep it."""
    if old.sanction_type != SanctionType.MAATREGEL:
        return {}
    keep = old.maatregel_months or 0
    if outcome == BezwaarOutcome.GEGROND:
        months = 0
    elif outcome in UNCHANGED or months is None:
        months = keep
    elif not 0 <= months <= keep:
        raise ValidationError(
            {
                "maatregel_months": f"Kies 0 tot en met {keep} maanden: de verlaging kan in bezwaar niet langer "
                "worden dan in het bestreden besluit (art. 7:11 Awb)."
            }
        )
    return {
        "sanction_type": SanctionType.MAATREGEL if months else SanctionType.GEEN,
        "maatregel_percentage": old.maatregel_percentage if months else None,
        "maatregel_months": months or None,
        "maatregel_start": old.maatregel_start if months else None,
        "maatregel_monthly": old.maatregel_monthly if months else Decimal("0.00"),
        "maatregel_total": old.maatregel_monthly * months,
    }


def _new_version(
    actor, old: Besluit, outcome, decided_on, fine, recovery, motivation, maatregel=None
) -> Besluit:
    """The decision on objection: a copy of the contested besluit with the new amounts. The engine's request
    and response are copied as they were (the reasoning that was reconsidered, still replayable); the changes
    are noted in the deviation motivation, as any outcome that differs from the engine's proposal is."""
    sanction = old.sanction_type
    if sanction == SanctionType.BOETE and fine == 0:
        sanction = SanctionType.GEEN
    maatregel = {"sanction_type": sanction, **(maatregel or {})}
    changes = _changes(old, fine, recovery)
    if maatregel.get("maatregel_total", old.maatregel_total) != old.maatregel_total:
        shorter = f"verlaging van de bijstand van {old.maatregel_months} naar {maatregel['maatregel_months'] or 0} maanden"
        changes = "; ".join(part for part in (changes, shorter) if part)
    note = f"Beslissing op bezwaar ({BezwaarOutcome(outcome).label.lower()}): {changes}." if changes else ""
    return Besluit.objects.create(
        resident=old.resident, investigation=old.investigation, gemeente_id=old.gemeente_id,
        decision_date=decided_on, profile=old.profile, benadelingsbedrag=old.benadelingsbedrag,
        correction_type=old.correction_type, recovery_amount=recovery, **maatregel,
        fine_amount=fine, verwijtbaarheid=old.verwijtbaarheid, engine_request=old.engine_request,
        engine_response=old.engine_response, rules_version=old.rules_version,
        parameter_set_seq=old.parameter_set_seq, deviates=old.deviates or bool(note),
        deviation_motivation="\n\n".join(p for p in (old.deviation_motivation, note) if p),
        omgekeerde_toets=old.omgekeerde_toets, cooperation=old.cooperation, weging=old.weging,
        motivation=motivation.strip(), kind=BesluitKind.OP_BEZWAAR, replaces=old,
        status=BesluitStatus.VASTGESTELD, recorded_by=actor, recorded_at=timezone.now(),
    )  # fmt: skip


@transaction.atomic
def bezwaar_decide(
    *,
    actor,
    bezwaar: Bezwaar,
    outcome: str,
    decided_on: date,
    fine_amount: Decimal | None = None,
    recovery_amount: Decimal | None = None,
    maatregel_months: int | None = None,
    motivation: str,
) -> Bezwaar:
    """Decide on the objection. ``ingetrokken``: the objection ends and the besluit stands. Any other
    outcome creates the decision on objection (see ``_new_version``), replaces the contested besluit
    (``vervangen``) and moves its claims to the new version with the new amounts. Amounts left out stay as
    they were; ongegrond and niet-ontvankelijk keep them; a higher amount is refused (Awb 7:11). For a
    maatregel, ``maatregel_months`` may shorten the reduction (see ``_maatregel_after``)."""
    from naleving.claims.services import vordering_adjust_for_besluit

    _require_handler(actor, bezwaar.besluit)
    bezwaar = _lock_open(bezwaar)
    if outcome not in BezwaarOutcome.values:
        raise ValidationError({"outcome": "Kies de uitkomst van het bezwaar."})
    _check_decision_date(bezwaar, decided_on)
    if outcome == BezwaarOutcome.INGETROKKEN:
        return _withdraw(actor, bezwaar, decided_on, motivation)
    if not motivation.strip():
        raise ValidationError(
            {"motivation": "Schrijf de motivering van de beslissing op bezwaar op (art. 7:12 Awb)."}
        )
    old = Besluit.objects.select_for_update().get(pk=bezwaar.besluit_id)
    fine = old.fine_amount if fine_amount is None else Decimal(fine_amount)
    recovery = old.recovery_amount if recovery_amount is None else Decimal(recovery_amount)
    _check_amounts(old, outcome, fine, recovery)
    maatregel = _maatregel_after(old, outcome, maatregel_months)
    new = _new_version(actor, old, outcome, decided_on, fine, recovery, motivation, maatregel)
    old.status = BesluitStatus.VERVANGEN
    old.save(update_fields=["status"])
    bezwaar.outcome, bezwaar.decided_on, bezwaar.decision = outcome, decided_on, new
    bezwaar.save(update_fields=["outcome", "decided_on", "decision"])
    access_final_on_refresh([old.investigation_id])
    audit_record(
        actor=actor,
        code="objection.decided",
        obj=bezwaar,
        resident_id=old.resident_id,
        purpose=f"Beslissing op bezwaar tegen {old.kenmerk}",
        before={"besluit": old.pk, "boete": old.fine_amount, "terugvordering": old.recovery_amount},
        after={
            "uitkomst": outcome,
            "beslist_op": decided_on,
            "besluit": new.pk,
            "boete": fine,
            "terugvordering": recovery,
            "verlaging_maanden": new.maatregel_months,
        },
    )
    vordering_adjust_for_besluit(actor=actor, old=old, new=new)
    return bezwaar


def _withdraw(actor, bezwaar: Bezwaar, decided_on: date, note: str) -> Bezwaar:
    bezwaar.outcome, bezwaar.decided_on = BezwaarOutcome.INGETROKKEN, decided_on
    bezwaar.save(update_fields=["outcome", "decided_on"])
    access_final_on_refresh([bezwaar.besluit.investigation_id])
    audit_record(
        actor=actor,
        code="objection.withdrawn",
        obj=bezwaar,
        resident_id=bezwaar.besluit.resident_id,
        purpose=(note.strip() or f"Bezwaar tegen {bezwaar.besluit.kenmerk} ingetrokken")[:300],
        after={"ingetrokken_op": decided_on},
    )
    return bezwaar


__all__ = [
    "appeal_deadline",
    "beroep_outcome",
    "beroep_register",
    "bezwaar_decide",
    "bezwaar_excuse",
    "bezwaar_hearing",
    "bezwaar_register",
    "decide_by",
]
