"""A few objections and appeals in the demo, made through the real services (``decisions.remedies``).

After the besluiten are in, a handful of fines get an objection from their resident, handled by the resident's
consulent: one decided deels gegrond (the fine lowered, and its claim with it, never below what was paid
already), one ongegrond followed by beroep at the rechtbank still awaiting its judgment, one still open
(on the consulent's worklist "Termijnen bezwaar en beroep"), and one withdrawn. Only residents with a single
besluit are chosen, so the history other demo besluiten were decided with stays what it was. The demo renders
no letters: a decision on objection is marked sent the day after it was taken, as the bulk besluiten are
sent on their decision date. Cheap: four objections whatever the size of the demo, chosen by besluit number.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from naleving.claims.models import ClaimKind
from naleving.decisions import remedies
from naleving.decisions.models import Besluit, BesluitKind, BesluitStatus, SanctionType

#: the objection arrives this many days after the letter was sent (within the six weeks of Awb 6:7)
RECEIVED_AFTER = 20
#: a fine needs this much past behind it for the whole story (objection, hearing, decision, beroep)
HISTORY_DAYS = 120
STORIES = ("deels_gegrond", "beroep", "open", "ingetrokken")
GROUNDS = (
    "Ik ben het niet eens met de boete. Ik wist niet dat ik het werk moest doorgeven, want ik dacht dat het UWV "
    "dat al deed. De boete is voor mij ook te hoog: ik heb schulden."
)
HEARING = (
    "De inwoner licht toe dat de brief over de inlichtingenplicht niet duidelijk was. Er lopen schulden bij "
    "twee schuldeisers; de inwoner is aangemeld bij de schuldhulpverlening."
)
LOWERED = (
    "Het bezwaar is deels gegrond. De inwoner heeft de inkomsten niet opzettelijk verzwegen en heeft schulden. "
    "Wij verlagen de boete. De terugvordering blijft, want de inwoner heeft te veel bijstand gekregen."
)
UPHELD = (
    "Het bezwaar is ongegrond. De inwoner is bij de aanvraag en in de jaarlijkse brief gewezen op de plicht om "
    "inkomsten door te geven. De boete past bij de verwijtbaarheid en de draagkracht."
)


def _candidates(today: date) -> list[Besluit]:
    singles = Besluit.objects.values("resident_id").annotate(n=Count("pk")).filter(n=1).values("resident_id")
    return list(
        Besluit.objects.filter(
            kind=BesluitKind.PRIMAIR,
            status=BesluitStatus.VASTGESTELD,
            sanction_type=SanctionType.BOETE,
            sent_on__lte=today - timedelta(days=HISTORY_DAYS),
            resident_id__in=singles,
        )
        .select_related("resident__consulent")
        .order_by("pk")[: len(STORIES)]
    )


def _lower_fine(besluit: Besluit) -> Decimal:
    """Half the fine, but not below what the resident already paid on it."""
    paid = besluit.vorderingen.filter(kind=ClaimKind.BOETE).aggregate(paid=Sum("aflossingen__amount"))[
        "paid"
    ] or Decimal("0.00")
    half = (besluit.fine_amount / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return max(half, paid)


def _story(story: str, besluit: Besluit) -> None:
    actor = besluit.resident.consulent
    received = besluit.sent_on + timedelta(days=RECEIVED_AFTER)
    bezwaar = remedies.bezwaar_register(actor=actor, besluit=besluit, received_on=received, grounds=GROUNDS)
    if story == "open":
        return
    if story == "ingetrokken":
        remedies.bezwaar_decide(actor=actor, bezwaar=bezwaar, outcome="ingetrokken",
                                decided_on=received + timedelta(days=10), motivation="")  # fmt: skip
        return
    heard = received + timedelta(days=21)
    remedies.bezwaar_hearing(actor=actor, bezwaar=bezwaar, hearing_on=heard, hearing_record=HEARING)
    lowered = story == "deels_gegrond" and _lower_fine(besluit) < besluit.fine_amount
    decided = remedies.bezwaar_decide(
        actor=actor, bezwaar=bezwaar, outcome="deels_gegrond" if lowered else "ongegrond",
        decided_on=heard + timedelta(days=14), fine_amount=_lower_fine(besluit) if lowered else None,
        motivation=LOWERED if lowered else UPHELD,
    )  # fmt: skip
    Besluit.objects.filter(pk=decided.decision_id).update(sent_on=decided.decided_on + timedelta(days=1))
    if story == "beroep":
        remedies.beroep_register(actor=actor, besluit=decided.decision, instance="beroep",
                                 lodged_on=decided.decided_on + timedelta(days=30),
                                 court="Rechtbank Midden-Nederland")  # fmt: skip


def objections_load(*, reference_date: date) -> int:
    """The demo's objections (see the module docstring); returns how many were registered."""
    today = min(reference_date, timezone.localdate())
    chosen = _candidates(today)
    for story, besluit in zip(STORIES, chosen, strict=False):
        _story(story, besluit)
    return len(chosen)
