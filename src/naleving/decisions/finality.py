"""When a besluit becomes irrevocable (onherroepelijk), derived from its objection and appeals.

Pure reads over ``Besluit``, ``Bezwaar`` and ``Beroep``; every date is a term of the Awb counted by
``common.termijnen`` (Awb 6:7 six weeks, 6:8 from the day after it was made known, extended by the Algemene
termijnenwet). A besluit is irrevocable when no remedy (bezwaar, beroep, hoger beroep) runs against it and
none can still be lodged. ``irrevocable_on`` returns the first day of that state, or None while it has not
come by the reference day ``on`` (default today). Recidive (Pw 18a(5)) counts only an irrevocable fine, and
only from this day (decisions.engine_request.history, decision-contract rule 8).

The chain, with the choices made where the Awb leaves room:

- **Not sent** (``sent_on`` empty): the objection term has not started (Awb 6:8), so None.
- **Sent, no objection**: irrevocable the day after the objection term's last day (Awb 6:7, 6:8, Atw art. 1).
- **Objection running** (no outcome yet): None; the decision on objection decides (Awb 7:11).
- **Objection withdrawn** (``ingetrokken``, Awb 6:21): the besluit stands as it was; it is irrevocable from
  the later of the day after the objection term (a new objection could still be lodged within it) and the
  day of the withdrawal.
- **Objection decided** (gegrond, deels gegrond, ongegrond, niet-ontvankelijk): the decision on objection
  (``Bezwaar.decision``, kind ``op_bezwaar``) replaces the besluit (status ``vervangen``) and is itself open
  to beroep (Awb 8:1, 7:1): its own chain decides, from its own ``sent_on``. A replaced besluit answers with
  the date of the version that replaced it.
- **Late and not excused** (``in_time`` false, no Awb 6:11 reason) and declared niet-ontvankelijk: the
  besluit became irrevocable when its objection term ended; that date counts once the decision on objection
  is itself irrevocable (until then a court could still hold the delay excusable).
- **Beroep** against the decision on objection: none lodged, irrevocable the day after the beroep term (six
  weeks from its ``sent_on``); lodged and running, None; withdrawn, as a withdrawn objection; judged, the
  hoger-beroep term (six weeks from the day the judgment was sent, Awb 6:8 and 6:7; the judgment date when
  that day is not recorded) decides, or the hoger-beroep judgment itself (the Centrale Raad van Beroep is the
  last instance: its judgment is irrevocable on its date).
- **Gegrond in beroep or hoger beroep**: the court annulled the decision on objection (Awb 8:72), so this
  version never becomes irrevocable (None); a new decision on objection follows. Naleving records the court's
  outcome as the resident's win; an appeal lodged by the municipality is not told apart.

``remedy_paused_days`` is the number of days the limitation term of the fine stood still (Awb 5:45(3): the
term is paused while an objection or appeal runs): for each objection and appeal in the chain, from its
receipt (or lodging) up to its outcome, or up to ``on`` while it runs.
"""

from datetime import date, timedelta

from django.utils import timezone

from naleving.common.termijnen import term_end
from naleving.decisions.models import (
    Beroep,
    BeroepInstance,
    BeroepOutcome,
    Besluit,
    BesluitKind,
    BesluitStatus,
    Bezwaar,
    BezwaarOutcome,
)

ONE_DAY = timedelta(days=1)


def objection_deadline(besluit: Besluit) -> date | None:
    """The last day to object (Awb 6:7, 6:8, Atw), or None until the besluit is sent."""
    if besluit.sent_on is None:
        return None
    return term_end(besluit.sent_on)


def beroep_deadline(decision: Besluit) -> date | None:
    """The last day to lodge beroep against a decision on objection, or None until it is sent."""
    return objection_deadline(decision)


def hoger_beroep_deadline(beroep: Beroep) -> date | None:
    """The last day to lodge hoger beroep against a judgment: six weeks from the day it was sent (Awb 6:8,
    6:7); the judgment date stands in when the day of sending is not recorded. None while undecided."""
    sent = beroep.judgment_sent_on or beroep.outcome_on
    return None if sent is None else term_end(sent)


def root_of(besluit: Besluit) -> Besluit:
    """The primary besluit at the start of a chain of decisions on objection."""
    while besluit.replaces_id is not None:
        besluit = besluit.replaces
    return besluit


def current_of(besluit: Besluit) -> Besluit:
    """The newest version of ``besluit``: the decision on objection that replaced it, if any."""
    while besluit.status == BesluitStatus.VERVANGEN:
        replaced_by = Besluit.objects.filter(replaces=besluit).first()
        if replaced_by is None:
            break
        besluit = replaced_by
    return besluit


def irrevocable_on(besluit: Besluit, *, on: date | None = None) -> date | None:
    """The day ``besluit`` became irrevocable, or None when it is not irrevocable on ``on`` (default today):
    not sent, a remedy still running, or its term still open. See the module docstring for the chain."""
    on = on or timezone.localdate()
    if besluit.status == BesluitStatus.VERVANGEN:
        current = current_of(besluit)
        if current.pk == besluit.pk:
            return None
        return irrevocable_on(current, on=on)
    if besluit.status != BesluitStatus.VASTGESTELD:
        return None
    if besluit.kind != BesluitKind.OP_BEZWAAR:
        final = _objection_chain_end(besluit)
        return final if final is not None and final <= on else None
    final = _appeal_chain_end(besluit)
    if final is None or final > on:
        return None
    bezwaar = Bezwaar.objects.filter(decision=besluit).select_related("besluit").first()
    if bezwaar is not None and _late_unexcused(bezwaar):
        return min(final, term_end(bezwaar.besluit.sent_on) + ONE_DAY)
    return final


def _late_unexcused(bezwaar: Bezwaar) -> bool:
    return (
        not bezwaar.in_time
        and not bezwaar.late_excused.strip()
        and bezwaar.outcome == BezwaarOutcome.NIET_ONTVANKELIJK
        and bezwaar.besluit.sent_on is not None
    )


def _objection_chain_end(besluit: Besluit) -> date | None:
    """A primary besluit that is vastgesteld (not replaced): its objection term, or a withdrawn objection."""
    deadline = objection_deadline(besluit)
    if deadline is None:
        return None
    final = deadline + ONE_DAY
    for bezwaar in besluit.bezwaren.all():
        if not bezwaar.outcome:
            return None
        # A decided objection with a decision replaced this besluit; here only withdrawals remain.
        if bezwaar.outcome == BezwaarOutcome.INGETROKKEN and bezwaar.decided_on:
            final = max(final, bezwaar.decided_on)
    return final


def _appeal_chain_end(decision: Besluit) -> date | None:
    """A decision on objection: its beroep term, or the end of its beroep and hoger beroep."""
    deadline = beroep_deadline(decision)
    if deadline is None:
        return None
    beroepen = list(decision.beroepen.all())
    final, judged = _instance_end(deadline + ONE_DAY, beroepen, BeroepInstance.BEROEP)
    if final is None or judged is None:
        return final
    final, _judged = _instance_end(
        hoger_beroep_deadline(judged) + ONE_DAY, beroepen, BeroepInstance.HOGER_BEROEP
    )
    return final


def _instance_end(final: date, beroepen: list[Beroep], instance: str) -> tuple[date | None, Beroep | None]:
    """(the end of one instance, its judgment) from the day after its term: None while an appeal runs or
    once the court annulled the decision (gegrond); a withdrawal ends it on its day; a judgment of the
    Centrale Raad van Beroep ends it on its date, one of the rechtbank opens the hoger-beroep term."""
    judged = None
    for beroep in (b for b in beroepen if b.instance == instance):
        if not beroep.outcome or beroep.outcome == BeroepOutcome.GEGROND:
            return None, None
        if beroep.outcome == BeroepOutcome.INGETROKKEN:
            final = max(final, beroep.outcome_on)
        elif instance == BeroepInstance.HOGER_BEROEP:
            final = beroep.outcome_on
        else:
            judged = beroep
    return final, judged


def remedy_paused_days(besluit: Besluit, *, on: date | None = None) -> int:
    """Days the limitation term stood still for the chain of ``besluit`` (Awb 5:45(3)): each objection from
    receipt to decision, each appeal from lodging to judgment, up to ``on`` (default today) while running."""
    on = on or timezone.localdate()
    versions = _chain(root_of(besluit))
    days = 0
    for bezwaar in Bezwaar.objects.filter(besluit__in=versions):
        days += _days(bezwaar.received_on, bezwaar.decided_on, on)
    for beroep in Beroep.objects.filter(besluit__in=versions):
        days += _days(beroep.lodged_on, beroep.outcome_on, on)
    return days


def _days(start: date, end: date | None, on: date) -> int:
    end = min(end or on, on)
    return max((end - start).days, 0)


def _chain(root: Besluit) -> list[Besluit]:
    versions = [root]
    while (following := Besluit.objects.filter(replaces=versions[-1]).first()) is not None:
        versions.append(following)
    return versions
