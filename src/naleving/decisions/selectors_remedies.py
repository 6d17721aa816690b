"""Actor-scoped reads of objections and appeals, and the worklist of their terms ("Termijnen bezwaar en
beroep"). Pure reads: scoped through ``selectors.besluiten_visible_to``, an object out of scope is "not found".
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from naleving.decisions import finality
from naleving.decisions.models import Beroep, BeroepInstance, Besluit, BesluitKind, BesluitStatus, Bezwaar
from naleving.decisions.selectors import besluiten_visible_to

#: A term of six weeks ends at most this many days later by the Atw (Easter, Christmas, weekends); a besluit
#: sent earlier has no running term.
TERM_WINDOW = timedelta(weeks=6, days=7)


def bezwaar_get(*, actor, bezwaar_id: int) -> Bezwaar:
    try:
        return (
            Bezwaar.objects.filter(besluit__in=besluiten_visible_to(actor).values("pk"))
            .select_related("besluit", "besluit__resident", "decision")
            .get(pk=bezwaar_id)
        )
    except (Bezwaar.DoesNotExist, ValueError):
        raise Bezwaar.DoesNotExist("Bezwaar niet gevonden") from None


def beroep_get(*, actor, beroep_id: int) -> Beroep:
    try:
        return (
            Beroep.objects.filter(besluit__in=besluiten_visible_to(actor).values("pk"))
            .select_related("besluit", "besluit__resident")
            .get(pk=beroep_id)
        )
    except (Beroep.DoesNotExist, ValueError):
        raise Beroep.DoesNotExist("Beroep niet gevonden") from None


@dataclass(frozen=True)
class Term:
    """One line of the worklist: a besluit, what runs, until when, and whether that day has passed."""

    besluit: Besluit
    what: str
    until: date | None
    overdue: bool = False
    item: object = None

    @property
    def resident_id(self) -> int:
        return self.besluit.resident_id


@dataclass(frozen=True)
class Worklist:
    objection_terms: list[Term]
    open_objections: list[Term]
    appeal_terms: list[Term]
    open_appeals: list[Term]

    @property
    def overdue(self) -> int:
        return sum(term.overdue for term in self.open_objections)

    def resident_ids(self) -> list[int]:
        terms = self.objection_terms + self.open_objections + self.appeal_terms + self.open_appeals
        return [term.resident_id for term in terms]


def _objection_terms(visible, today: date) -> list[Term]:
    recent = visible.filter(
        kind=BesluitKind.PRIMAIR, status=BesluitStatus.VASTGESTELD, sent_on__gte=today - TERM_WINDOW
    ).prefetch_related("bezwaren")
    terms = []
    for besluit in recent:
        deadline = finality.objection_deadline(besluit)
        if deadline >= today and not any(not b.outcome for b in besluit.bezwaren.all()):
            terms.append(Term(besluit, "Bezwaartermijn loopt", deadline))
    return sorted(terms, key=lambda t: t.until)


def _open_objections(visible, today: date) -> list[Term]:
    bezwaren = Bezwaar.objects.filter(besluit__in=visible.values("pk"), outcome="").select_related(
        "besluit", "besluit__resident"
    )
    terms = [
        Term(b.besluit, "Beslissen op bezwaar", b.decide_by, b.decide_by < today, b)
        for b in bezwaren.order_by("decide_by", "pk")
    ]
    return sorted(terms, key=lambda t: (not t.overdue, t.until))


def _appeal_terms(visible, today: date) -> list[Term]:
    decisions = visible.filter(
        kind=BesluitKind.OP_BEZWAAR, status=BesluitStatus.VASTGESTELD, sent_on__isnull=False
    ).prefetch_related("beroepen")
    terms = []
    for besluit in decisions:
        beroepen = list(besluit.beroepen.all())
        if not beroepen:
            deadline = finality.beroep_deadline(besluit)
            if deadline >= today:
                terms.append(Term(besluit, "Beroepstermijn loopt", deadline))
            continue
        judged = [b for b in beroepen if b.instance == BeroepInstance.BEROEP and b.outcome and b.outcome_on]
        has_hoger = any(b.instance == BeroepInstance.HOGER_BEROEP for b in beroepen)
        if judged and not has_hoger:
            deadline = finality.hoger_beroep_deadline(judged[-1])
            if deadline >= today:
                terms.append(Term(besluit, "Termijn hoger beroep loopt", deadline, item=judged[-1]))
    return sorted(terms, key=lambda t: t.until)


def _open_appeals(visible) -> list[Term]:
    beroepen = Beroep.objects.filter(besluit__in=visible.values("pk"), outcome="").select_related(
        "besluit", "besluit__resident"
    )
    return [
        Term(b.besluit, f"Wacht op uitspraak ({b.get_instance_display()})", None, item=b)
        for b in beroepen.order_by("lodged_on", "pk")
    ]


def remedy_worklist(actor, *, today: date | None = None) -> Worklist:
    """The running objection and appeal terms, the open objections by their decision term (overdue first)
    and the appeals awaiting a judgment, for the besluiten ``actor`` may see."""
    today = today or timezone.localdate()
    visible = besluiten_visible_to(actor)
    return Worklist(
        objection_terms=_objection_terms(visible, today),
        open_objections=_open_objections(visible, today),
        appeal_terms=_appeal_terms(visible, today),
        open_appeals=_open_appeals(visible),
    )


def remedy_counts(actor, *, today: date | None = None) -> dict[str, int]:
    """For the home page: open objections, of which past their decision term, and appeals awaiting a
    judgment. Counts only: no personal data."""
    today = today or timezone.localdate()
    visible = besluiten_visible_to(actor).values("pk")
    open_objections = Bezwaar.objects.filter(besluit__in=visible, outcome="")
    return {
        "open": open_objections.count(),
        "overdue": open_objections.filter(decide_by__lt=today).count(),
        "appeals": Beroep.objects.filter(besluit__in=visible, outcome="").count(),
    }
