"""The top of the resident's page: where the case stands (the status card) and what the user can do next.

Assembled here, on the dossier floor, because it reads from the case apps (signals, investigations, claims,
decisions) that ``residents`` may not import. Every read goes through the app's actor-scoped selector, so a
role that may not see claims gets no amount and a role that may not see signals gets no count. The page logs
one ``resident.viewed`` read for all of it (``dossier.views``).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from naleving.claims.models import ClaimStatus
from naleving.common.ordering import in_model_order
from naleving.decisions.permissions import RECORD
from naleving.dossier.reads import PageReads, case_claims, case_investigations
from naleving.investigations.choices import Outcome, Status
from naleving.prevention import permissions as prevention
from naleving.residents import permissions as residents
from naleving.residents.models import Benefit, Resident
from naleving.residents.selectors import one_resident
from naleving.signals import permissions as signals
from naleving.signals.selectors import signals_visible_to

ZERO = Decimal("0.00")
#: the query parameter of the signal form that names the resident (a pk, never a BSN in a URL)
RESIDENT_PARAMETER = "inwoner"


@dataclass(frozen=True)
class StatusCard:
    """Where the case of one resident stands, as far as the actor may see it.

    ``None`` means "not for this actor" (the card leaves that part out), not "nothing there".
    """

    benefit: Benefit | None
    benefit_running: bool
    investigation: object | None
    open_investigations: int
    awaiting_decision: object | None
    outstanding: Decimal | None
    open_claims: int
    open_signals: int | None


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    primary: bool = False


def status_card(*, actor, resident: Resident, today: date, reads: PageReads | None = None) -> StatusCard:
    """The status card of ``resident`` for ``actor``, who may already see the resident; from the lists the
    page has already read (``reads``), else read here."""
    reads = reads if reads is not None else PageReads()
    # Newest first (the benefits' order); the page reads them once for the card, the table and the timeline.
    benefits = reads.benefits if reads.benefits is not None else in_model_order(resident.benefits.all())
    current = [b for b in benefits if b.start_date <= today and (b.end_date is None or b.end_date >= today)]
    running = bool(current)
    # the running one that started last (as ``active_benefit``), else the last one, ended
    benefit = current[0] if current else (benefits[0] if benefits else None)
    with one_resident(resident, actor=actor):
        if reads.investigations is None:
            reads.investigations = case_investigations(actor, resident)
        # The open investigations and those closed with a breach awaiting their besluit.
        current = [
            i
            for i in reads.investigations
            if i.status == Status.OPEN
            or (i.status == Status.AFGEROND and i.outcome == Outcome.SCHENDING and not i.has_besluit)
        ]
        open_ones = sorted(
            (i for i in current if i.status == Status.OPEN), key=lambda i: (i.opened_on, i.pk), reverse=True
        )
        awaiting = max(
            (i for i in current if i.status == Status.AFGEROND),
            key=lambda i: (i.closed_on or date.min, i.pk),
            default=None,
        )
        outstanding, open_claims = _outstanding(actor, resident, reads)
        open_signals = None
        if actor.has_perm("signals.view_signal"):
            if reads.signals is not None:  # the timeline read them: count those, no query
                open_signals = sum(1 for signal in reads.signals if signal.triaged_at is None)
            else:
                open_signals = (
                    signals_visible_to(actor).filter(resident=resident, triaged_at__isnull=True).count()
                )
    return StatusCard(
        benefit=benefit,
        benefit_running=running,
        investigation=open_ones[0] if open_ones else None,
        open_investigations=len(open_ones),
        awaiting_decision=awaiting,
        outstanding=outstanding,
        open_claims=open_claims,
        open_signals=open_signals,
    )


def _outstanding(actor, resident: Resident, reads: PageReads) -> tuple[Decimal | None, int]:
    """What is still to be paid on the resident's open claims, summed exactly; None without claims access."""
    if not actor.has_perm("claims.view_vordering"):
        return None, 0
    if reads.claims is None:
        reads.claims = case_claims(actor, resident)
    rest = [
        max(claim.amount - claim.paid, ZERO) for claim in reads.claims if claim.status == ClaimStatus.OPEN
    ]
    return sum(rest, ZERO), len(rest)


def signal_create_url(resident: Resident) -> str:
    """The signal form with ``resident`` filled in: their id in the URL, the form looks up the rest."""
    return f"{reverse('signals:create')}?{urlencode({RESIDENT_PARAMETER: resident.pk})}"


def resident_actions(*, actor, resident: Resident, card: StatusCard) -> list[Action]:
    """The buttons of the page's action bar: only those the actor has the permission for, the case work
    first. Each names the resident, so nobody looks them up again."""
    pk, may = resident.pk, actor.has_perm
    actions = []
    if may(signals.ADD):
        actions.append(Action("Signaal registreren", signal_create_url(resident), primary=True))
    if may(RECORD) and card.awaiting_decision is not None:
        url = reverse("decisions:prepare", args=[card.awaiting_decision.pk])
        actions.append(Action("Besluit voorbereiden", url, primary=True))
    links = (
        ((RECORD,), "Verzuim melden", "decisions:verzuim_create"),
        ((residents.CHANGE,), "Uitkering vastleggen", "residents:benefit_create"),
        ((prevention.ADD,), "Intake rechten en plichten", "prevention:intake_create"),
        # The support needs are part of the resident's record: both permissions.
        (
            (prevention.ADD, residents.CHANGE),
            "Ondersteuning en vaste contactpersoon",
            "prevention:support_needs",
        ),
        ((prevention.ADD,), "Herinnering plannen", "prevention:schedule_create"),
        ((prevention.REFER,), "Verwijzen naar een partner", "prevention:referral_create"),
        ((residents.CORRECT,), "Gegevens corrigeren (AVG art. 16)", "residents:correct"),
        (
            (residents.REGISTER_PRIVACY_OBJECTION,),
            "Bezwaar tegen verwerking registreren (AVG art. 21)",
            "residents:privacy_objection_create",
        ),
    )
    for permissions, label, name in links:
        if all(may(permission) for permission in permissions):
            actions.append(Action(label, reverse(name, args=[pk])))
    return actions
