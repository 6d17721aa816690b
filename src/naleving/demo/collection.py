"""Collection in the demo (issue #19), made through the real services after the bulk claims are in.

Cheap whatever the size of the demo: a handful of claims, chosen by number. Every municipality gets a payment
account first. Then, by the resident's consulent:
- transfer claims (no set-off) get their payment term (``claims.collection.payment_term_start``): one stays in
  arrears without a step (on the Invordering worklist as "aanmaning sturen"), one gets an aanmaning whose term
  still runs, one goes through aanmaning and dwangbevel to full payment received after the dwangbevel;
- a recovery is waived after a one-off payment of at least half of the rest (Pw 58(7));
- set-off claims of residents whose benefit still runs get their term and the set-off of the reference month
  runs (``claims.setoff.verrekening_run``), one of them with a Pw 60(6) finding.
A story whose conditions the generated payments do not meet (no arrears, say) is rolled back and the next
candidate is tried.

Call it after the besluiten and objections are loaded: ``count = collection_load(reference_date)`` (demo.load).
"""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from naleving.claims import services, setoff, steps
from naleving.claims.arrears import arrears_of
from naleving.claims.collection import payment_term_start
from naleving.claims.models import ClaimKind, ClaimStatus, Vordering
from naleving.demo.gemeenten import payment_account
from naleving.gemeenten.models import Gemeente
from naleving.residents.models import Benefit
from naleving.residents.selectors import active_benefit

CENT = Decimal("0.01")
#: how many candidates a story tries before it gives up (keeps the load cheap)
ATTEMPTS = 40
#: a transfer claim needs this much past after its letter for aanmaning, dwangbevel and payment
HISTORY_DAYS = 120
SETOFF_RESIDENTS = 3
NON_COOPERATION = "De inwoner weigert de gevraagde inkomensgegevens te geven voor een betalingsregeling."


def _accounts() -> int:
    count = 0
    for gemeente in Gemeente.objects.filter(payment_iban=""):
        for name, value in payment_account({"code": gemeente.code, "name": gemeente.name}).items():
            setattr(gemeente, name, value)
        gemeente.save(update_fields=["payment_iban", "payment_account_name"])
        count += 1
    return count


def _transfer_candidates(day: date, used: set[int], history: int = HISTORY_DAYS) -> list[Vordering]:
    """Open recovery claims of letters sent ``history`` days before ``day``: paid by transfer, or set off while
    no benefit runs any more on ``day`` (``_start`` stops the set-off, as the letter's dispatch would)."""
    claims = (
        Vordering.objects.filter(
            status=ClaimStatus.OPEN,
            kind=ClaimKind.TERUGVORDERING,
            due_on__isnull=True,
            besluit__sent_on__lte=day - timedelta(days=history),
            besluit__bezwaren__isnull=True,
            resident__consulent__isnull=False,
        )
        .exclude(resident_id__in=used)
        # no set-off, or none left: no benefit of the resident runs on ``day`` (``active_benefit`` is None)
        .filter(Q(setoff=False) | ~Exists(_running_benefits(day)))
        .select_related("besluit", "resident__consulent")
        .order_by("pk")
    )
    return list(claims[:ATTEMPTS])


def _running_benefits(day: date):
    """The claim's resident's benefits running on ``day``: those ``active_benefit`` chooses from."""
    return Benefit.objects.filter(resident=OuterRef("resident"), start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )


def _try(story: Callable[[Vordering], int], candidates, used: set[int]) -> int:
    """Run ``story`` on the first candidate that allows it (each try in a savepoint)."""
    for claim in candidates:
        try:
            with transaction.atomic():
                done = story(claim)
        except (ValidationError, PermissionDenied):
            continue
        used.add(claim.resident_id)
        return done
    return 0


def _start(claim: Vordering, *, transfer: bool = True) -> Vordering:
    """Start the payment term of the claim's besluit; for a transfer story, stop set-off first."""
    if transfer and claim.setoff:
        services.vordering_setoff_stop(actor=claim.resident.consulent, vordering=claim,
                                       reason="Geen lopende uitkering meer: de inwoner betaalt zelf.")  # fmt: skip
    payment_term_start(actor=claim.resident.consulent, besluit=claim.besluit, sent_on=claim.besluit.sent_on)
    claim.refresh_from_db()
    return claim


def _in_arrears(claim: Vordering, day: date) -> None:
    if arrears_of(claim, day).arrears <= 0:
        raise ValidationError("geen achterstand")


def _transfer_stories(day: date, used: set[int]) -> int:
    def arrears_only(claim):
        claim = _start(claim)
        _in_arrears(claim, day)
        return 1

    def aanmaning_running(claim):
        claim = _start(claim)
        steps.aanmaning_send(actor=claim.resident.consulent, vordering=claim, sent_on=day - timedelta(days=5))
        return 2

    def to_full_payment(claim):
        claim, actor = _start(claim), claim.resident.consulent
        steps.aanmaning_send(actor=actor, vordering=claim, sent_on=day - timedelta(days=60))
        steps.dwangbevel_issue(actor=actor, vordering=claim, issued_on=day - timedelta(days=40))
        rest = services.remaining_of(claim)
        services.aflossing_register(actor=actor, vordering=claim, paid_on=day - timedelta(days=20), amount=rest,
                                    method="dwangbevel")  # fmt: skip
        return 4

    def waived(claim):
        claim, actor = _start(claim), claim.resident.consulent
        rest = services.remaining_of(claim)
        half = (rest / 2).quantize(CENT, rounding=ROUND_UP)
        services.aflossing_register(actor=actor, vordering=claim, paid_on=day, amount=half)
        if claim.status == ClaimStatus.OPEN:
            services.vordering_waive(actor=actor, vordering=claim, ground="pw_58_lid7_eenmalig",
                                     reason="De inwoner betaalde de helft van de rest in één keer na een erfenis.")  # fmt: skip
        return 3

    count = _try(to_full_payment, _transfer_candidates(day, used), used)
    for story in (aanmaning_running, arrears_only, waived):
        count += _try(story, _transfer_candidates(day, used, history=60), used)
    return count


def _setoff_stories(day: date, used: set[int]) -> int:
    """Set-off claims of residents whose benefit runs in the month of ``day``: the payment term started, the
    month's set-off run (``verrekening_run``). The bulk load's repayments stop before the reference date, so
    claims with a payment in that month already are left out (no month is set off twice)."""
    month = day.replace(day=1)
    claims = (
        Vordering.objects.filter(
            status=ClaimStatus.OPEN,
            setoff=True,
            due_on__isnull=True,
            besluit__sent_on__lt=month,
            besluit__bezwaren__isnull=True,
            resident__consulent__isnull=False,
        )
        .exclude(resident_id__in=used)
        .exclude(aflossingen__paid_on__gte=month)
        .select_related("besluit", "resident__consulent")
        .order_by("pk")
    )
    count, residents = 0, []
    for claim in claims[:ATTEMPTS]:
        if len(residents) == SETOFF_RESIDENTS:
            break
        if claim.resident_id in residents or active_benefit(claim.resident, month) is None:
            continue
        claim = _start(claim, transfer=False)
        residents.append(claim.resident_id)
        count += 1
        if len(residents) == SETOFF_RESIDENTS:  # the last one does not co-operate (Pw 60(6))
            setoff.non_cooperation_record(actor=claim.resident.consulent, vordering=claim,
                                          since=claim.besluit.sent_on, reason=NON_COOPERATION)  # fmt: skip
    used.update(residents)
    return count + setoff.verrekening_run(actor=None, month=month).deductions


def collection_load(reference_date: date) -> int:
    """Payment accounts, payment terms, steps, set-off and a waiver for a handful of demo claims; the number
    of things done (accounts set, terms started, letters, payments, deductions). Dates lie before
    ``reference_date`` and never after today (the services refuse future dates)."""
    day = min(reference_date, timezone.localdate())
    used: set[int] = set()
    with transaction.atomic():
        return _accounts() + _transfer_stories(day, used) + _setoff_stories(day, used)
