"""The payment term and payment details of a claim (Awb 4:87), and the collection parameters they use.

When the besluit letter is sent (``decisions.dispatch.letter_send``), each claim of the besluit gets:

- ``due_on``: the last day of the payment term. Awb 4:87(1): a sum owed by a beschikking is paid within six
  weeks after it was made known: `collection.payment_term_days` (42) days after the day the letter was sent,
  extended by the Algemene termijnenwet when it ends on a Saturday, Sunday or public holiday
  (``common.termijnen.atw_extend``).
- ``start_on``: the first instalment day. A resident who pays by transfer pays the first instalment (or the
  whole amount without a plan) by the due day; set-off starts in the first benefit month after sending.
- ``payment_reference``: the betalingskenmerk the resident quotes with a transfer, stable and unique: the
  besluit's kenmerk and a letter for the kind, e.g. ``NLV-2026-000123-T`` (terugvordering) or ``-B`` (boete).

The collection parameters (``rules/parameters/collection.yaml``) are read as dated values from the registry
in force (approved sets included), in the profile of the claim's besluit.
"""

from datetime import date, timedelta
from decimal import Decimal

from naleving import rules
from naleving.claims.models import ClaimKind, Vordering
from naleving.claims.plan import add_months
from naleving.common.termijnen import atw_extend

REFERENCE_SUFFIX = {ClaimKind.TERUGVORDERING: "T", ClaimKind.BOETE: "B"}


def collection_value(name: str, on: date, profile: str = "landelijk") -> Decimal:
    """The value of collection parameter ``name`` in force on ``on`` (e.g. ``collection.payment_term_days``)."""
    from naleving.ruleset.selectors import source

    _, registry = source()
    try:
        in_force = rules.parameters_in_force(profile, on, registry)["parameters"]
    except rules.UnknownProfile:
        in_force = rules.parameters_in_force("landelijk", on, registry)["parameters"]
    if name not in in_force:
        raise rules.ParameterNotInForce(name)
    return Decimal(str(in_force[name]["value"]))


def profile_of(vordering: Vordering) -> str:
    return vordering.besluit.profile if vordering.besluit_id and vordering.besluit.profile else "landelijk"


def days_after(day: date, parameter: str, profile: str = "landelijk") -> date:
    """The last day of a term of ``parameter`` days that starts the day after ``day``, Atw-extended."""
    return atw_extend(day + timedelta(days=int(collection_value(parameter, day, profile))))


def payment_due(sent_on: date, profile: str = "landelijk") -> date:
    """Awb 4:87(1): the last day to pay a claim of a besluit sent on ``sent_on``."""
    return days_after(sent_on, "collection.payment_term_days", profile)


def first_instalment(*, setoff: bool, sent_on: date, due_on: date) -> date:
    """Transfer: the due day. Set-off: the first day of the first benefit month after sending."""
    return add_months(sent_on, 1) if setoff else due_on


def payment_reference(vordering: Vordering) -> str:
    """The betalingskenmerk: once set it stays (a claim moved to a decision on objection keeps it)."""
    if vordering.payment_reference:
        return vordering.payment_reference
    if vordering.besluit_id:
        return f"{vordering.besluit.kenmerk}-{REFERENCE_SUFFIX[vordering.kind]}"
    return f"NLV-V{vordering.pk:07d}"


def payment_term_start(*, actor, besluit, sent_on: date) -> list[Vordering]:
    """Start the payment term of every open claim of ``besluit`` whose term has not started: called inside
    ``letter_send``'s transaction (which checks the actor's rights), before the letter is rendered, so the
    letter shows the dates and the reference. Audited per claim."""
    from naleving.audit.services import audit_record
    from naleving.claims.models import ClaimStatus

    started = []
    profile = besluit.profile or "landelijk"
    due_on = payment_due(sent_on, profile)
    claims = Vordering.objects.select_for_update().filter(besluit=besluit, status=ClaimStatus.OPEN)
    for vordering in claims.filter(due_on__isnull=True).order_by("pk"):
        vordering.due_on = due_on
        vordering.start_on = first_instalment(setoff=vordering.setoff, sent_on=sent_on, due_on=due_on)
        vordering.payment_reference = payment_reference(vordering)
        vordering.save(update_fields=["due_on", "start_on", "payment_reference"])
        audit_record(
            actor=actor,
            code="claim.payment_term_started",
            obj=vordering,
            resident_id=vordering.resident_id,
            after={
                "verzonden_op": sent_on,
                "uiterste_betaaldatum": due_on,
                "eerste_aflossing": vordering.start_on,
                "kenmerk": vordering.payment_reference,
            },
        )
        started.append(vordering)
    return started
