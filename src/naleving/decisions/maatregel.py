"""Writes of the maatregel path: a verzuim (a breach of a work or re-integration obligation, Pw 18(2)-(8)), the
hearing of the resident (Awb 4:8), closing it without a maatregel, the engine's proposal and the besluit.

The engine proposes the reduction from the law (18(4)-(5)) and the municipality's afstemmingsverordening
(18(2), by category): percentage of the norm, months, per month and in total. The verordening's figures are
policy parameters a municipality adds as an approved profile version; without them the engine refuses with
``parameter_not_in_force`` (``rules.missing_parameter_nl``). The consulent weighs (``weighing_factors.yaml``,
path ``maatregel``) and decides: a lower percentage or a shorter period is maatwerk with a written motivation
and the omgekeerde toets, more than the proposal (the law and the verordening) is refused. The besluit goes
through the same four-eyes policy and co-signing as a fine (``services.besluit_cosign``); it has no claims.
Every write is one transaction with its audit event; the permission is ``decisions.record_besluit`` for
residents in the consulent's own scope (``services._require_recorder``).
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from naleving import rules
from naleving.audit.services import audit_record
from naleving.common.formatting import long_date
from naleving.decisions import services
from naleving.decisions.maatregel_request import (
    CATEGORIES,
    build_maatregel_request,
    obligations,
)
from naleving.decisions.models import Besluit, BesluitStatus, SanctionType, Verzuim, VerzuimStatus
from naleving.decisions.motivation import maatregel_motivation_write
from naleving.decisions.weighing import answers_check
from naleving.investigations.choices import Verwijtbaarheid
from naleving.residents.selectors import active_benefit
from naleving.ruleset.selectors import registry_at

OPEN = (VerzuimStatus.GEMELD, VerzuimStatus.GEHOORD)
CENT = Decimal("0.01")
#: When the hearing may be left out (Awb 4:11 and 4:12), in the words of the law, shortened.
WAIVER_GROUNDS = {
    "4:11a": "art. 4:11 onder a Awb: de vereiste spoed verzet zich tegen horen",
    "4:11b": "art. 4:11 onder b Awb: de inwoner kon zijn zienswijze al eerder geven en er zijn sindsdien geen "
    "nieuwe feiten of omstandigheden",
    "4:11c": "art. 4:11 onder c Awb: het doel van het besluit kan alleen worden bereikt als de inwoner het niet "
    "vooraf weet",
    "4:12": "art. 4:12 Awb: het besluit stelt een financiële verplichting vast, bezwaar is mogelijk en de "
    "nadelige gevolgen kunnen na bezwaar volledig ongedaan worden gemaakt",
}


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _lock(verzuim: Verzuim) -> Verzuim:
    return Verzuim.objects.select_for_update().select_related("resident").get(pk=verzuim.pk)


def _require_open(verzuim: Verzuim) -> None:
    if verzuim.status not in OPEN:
        raise ValidationError(
            f"Dit verzuim is al afgehandeld ({verzuim.get_status_display().lower()}). Er kan niets meer aan "
            "worden veranderd."
        )


# -- the verzuim and the hearing ---------------------------------------------------------------------------


@transaction.atomic
def verzuim_register(
    *, actor, resident, obligation: str, happened_on: date, facts: str, category: int | None = None
) -> Verzuim:
    """Register a breach of a work or re-integration obligation: which one (the engine's code), when, what
    happened, and for an obligation of Pw 18(2) the category of the afstemmingsverordening."""
    services._require_recorder(actor, resident)
    errors: dict[str, str] = {}
    known = obligations().get(obligation)
    if known is None:
        errors["obligation"] = "Kies de verplichting die niet is nagekomen uit de lijst."
    elif known.mandatory and category:
        errors["category"] = (
            f"Bij {known.article} bepaalt de wet de verlaging (art. 18 lid 5 Pw). Laat de categorie leeg."
        )
    elif not known.mandatory and category not in CATEGORIES:
        errors["category"] = (
            "Kies de categorie (1, 2 of 3) van de afstemmingsverordening waar de gedraging onder valt "
            "(art. 18 lid 2 Pw)."
        )
    today = timezone.localdate()
    if happened_on > today:
        errors["happened_on"] = f"De datum van de gedraging ligt na vandaag ({long_date(today)})."
    elif active_benefit(resident, happened_on) is None:
        errors["happened_on"] = (
            f"Op {long_date(happened_on)} had {resident.full_name} geen uitkering. Een maatregel verlaagt "
            "een uitkering: kies de datum waarop de verplichting gold."
        )
    if not facts.strip():
        errors["facts"] = "Beschrijf wat er is gebeurd: de afspraak of verplichting en wat de inwoner deed."
    _raise(errors)
    verzuim = Verzuim.objects.create(
        resident=resident,
        obligation=obligation,
        category=category or None,
        happened_on=happened_on,
        facts=facts.strip(),
        reported_by=actor,
    )
    audit_record(
        actor=actor,
        code="verzuim.registered",
        obj=verzuim,
        resident_id=resident.pk,
        after={"verplichting": obligation, "categorie": verzuim.category, "datum": happened_on},
    )
    return verzuim


@transaction.atomic
def verzuim_hearing(
    *,
    actor,
    verzuim: Verzuim,
    invited_on: date | None,
    heard_on: date | None = None,
    record: str = "",
    waived_reason: str = "",
    waived_ground: str = "",
) -> Verzuim:
    """The hearing before the besluit (Awb 4:8): the resident's view (``record``; "did not respond" is a
    view too), or why the hearing is left out: one of ``WAIVER_GROUNDS`` (Awb 4:11, 4:12) with the reason
    in this case. The verzuim is then ``gehoord`` and a maatregel can be prepared."""
    services._require_recorder(actor, verzuim.resident)
    verzuim = _lock(verzuim)
    _require_open(verzuim)
    record, waived_reason = record.strip(), waived_reason.strip()
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if record and waived_reason:
        errors["waived_reason"] = (
            "Vul de zienswijze van de inwoner in of de reden om niet te horen, niet allebei."
        )
    elif not record and not waived_reason:
        errors["record"] = (
            "Schrijf op wat de inwoner naar voren bracht (reageerde de inwoner niet, schrijf dat dan op), of "
            "kies waarom u niet hoort (art. 4:11 of 4:12 Awb)."
        )
    elif waived_reason and waived_ground not in WAIVER_GROUNDS:
        errors["waived_ground"] = (
            "Kies op welke grond u de inwoner niet hoort: art. 4:11 onder a, b of c, of art. 4:12 Awb."
        )
    if record and invited_on is None:
        errors["invited_on"] = "Vul in wanneer de inwoner is uitgenodigd om zijn zienswijze te geven."
    for field, day in (("invited_on", invited_on), ("heard_on", heard_on)):
        if day is None or field in errors:
            continue
        if day > today:
            errors[field] = f"Deze datum ligt na vandaag ({long_date(today)})."
        elif day < verzuim.happened_on:
            errors[field] = (
                f"Deze datum ligt vóór de gedraging ({long_date(verzuim.happened_on)}). Kies een latere datum."
            )
    if heard_on and invited_on and heard_on < invited_on and "heard_on" not in errors:
        errors["heard_on"] = "De inwoner kan niet gehoord zijn vóór de uitnodiging."
    _raise(errors)
    verzuim.hearing_invited_on, verzuim.hearing_on = invited_on, heard_on
    verzuim.hearing_record = record
    verzuim.hearing_waived_reason = (
        f"{WAIVER_GROUNDS[waived_ground]}. {waived_reason}" if waived_reason else ""
    )
    verzuim.status = VerzuimStatus.GEHOORD
    verzuim.save()
    audit_record(
        actor=actor,
        code="verzuim.heard",
        obj=verzuim,
        resident_id=verzuim.resident_id,
        after={
            "uitgenodigd_op": invited_on,
            "gehoord_op": heard_on,
            "niet_gehoord": waived_ground if waived_reason else "",
        },
    )
    return verzuim


@transaction.atomic
def verzuim_close(*, actor, verzuim: Verzuim, reason: str) -> Verzuim:
    """Close a verzuim without a maatregel (no culpability, dringende redenen, or no breach after all)."""
    services._require_recorder(actor, verzuim.resident)
    verzuim = _lock(verzuim)
    _require_open(verzuim)
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf op waarom er geen maatregel volgt."})
    before = {"status": verzuim.status}
    verzuim.status, verzuim.closed_reason = VerzuimStatus.GESLOTEN, reason.strip()
    verzuim.save(update_fields=["status", "closed_reason"])
    audit_record(
        actor=actor,
        code="verzuim.closed",
        obj=verzuim,
        resident_id=verzuim.resident_id,
        before=before,
        after={"status": verzuim.status},
    )
    return verzuim


# -- the proposal and the besluit --------------------------------------------------------------------------


def _check_basics(verzuim: Verzuim, decision_date: date, verwijtbaarheid: str) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if decision_date > today:
        errors["decision_date"] = f"De besluitdatum ligt na vandaag ({long_date(today)})."
    elif decision_date < verzuim.happened_on:
        errors["decision_date"] = (
            f"De besluitdatum ligt vóór de gedraging ({long_date(verzuim.happened_on)})."
        )
    if verwijtbaarheid not in Verwijtbaarheid.values:
        errors["verwijtbaarheid"] = "Kies de mate van verwijtbaarheid."
    _raise(errors)


def _four_eyes(response: dict, decision_date: date, seq: int | None, *, deviates: bool) -> list[dict]:
    """The reasons of the profile's four-eyes policy for a maatregel: no money is claimed, so only the
    deviation (and whatever the policy says of a maatregel) can ask for a second signature."""
    from naleving.rules.four_eyes import SANCTION_TYPES

    policy = rules.four_eyes_policy(response["profile"], decision_date, registry_at(seq))
    kind = SanctionType.MAATREGEL if SanctionType.MAATREGEL in SANCTION_TYPES else SanctionType.GEEN
    reasons = policy.reasons(
        sanction_type=kind, fine_amount=Decimal(0), recovery_amount=Decimal(0), deviates=deviates
    )
    return [services._reason(reason) for reason in reasons]


def _proposal(verzuim: Verzuim, decision_date: date, verwijtbaarheid: str):
    request = build_maatregel_request(
        verzuim=verzuim, decision_date=decision_date, verwijtbaarheid=verwijtbaarheid
    )
    seq, response = services._evaluate(request)
    return request, seq, response


def maatregel_propose(
    *, actor, verzuim: Verzuim, decision_date: date, verwijtbaarheid: str
) -> dict[str, Any]:
    """The engine's proposal for ``verzuim``: ``{"request", "response", "four_eyes"}``. Raises
    ``rules.RuleInputError`` (``parameter_not_in_force`` with its Dutch message when the municipality's
    verordening figures are missing). The read is logged with its purpose."""
    services._require_recorder(actor, verzuim.resident)
    _check_basics(verzuim, decision_date, verwijtbaarheid)
    request, seq, response = _proposal(verzuim, decision_date, verwijtbaarheid)
    audit_record(
        actor=actor,
        code="decision.evaluated",
        obj=verzuim,
        resident_id=verzuim.resident_id,
        purpose="Maatregel voorbereiden (voorstel beslisregels)",
        after={
            "peildatum": decision_date,
            "maatregel": response["maatregel"]["type"],
            "versie": response["rules_version"],
        },
    )
    return {
        "request": request,
        "response": response,
        "four_eyes": _four_eyes(response, decision_date, seq, deviates=False),
    }


def _chosen(proposal: dict, percentage, months, start_month, decision_date: date):
    """The consulent's percentage, months and first month, checked against the proposal (never more)."""
    errors: dict[str, str] = {}
    most, longest = Decimal(proposal["percentage"]), int(proposal["months"])
    try:
        percentage = Decimal(str(percentage))
    except (InvalidOperation, ValueError):
        percentage = None
    if percentage is None or percentage != percentage.quantize(CENT) or not 0 < percentage <= 100:
        errors["percentage"] = "Vul een percentage in van meer dan 0 en ten hoogste 100."
    elif percentage > most:
        errors["percentage"] = (
            f"De verlaging kan niet hoger zijn dan wet en verordening voorschrijven ({most} %)."
        )
    if not isinstance(months, int) or months < 1:
        errors["months"] = "Vul het aantal maanden in: 1 of meer."
    elif months > longest:
        errors["months"] = (
            f"De verlaging kan niet langer duren dan wet en verordening voorschrijven ({longest} maanden)."
        )
    if start_month is None:
        errors["start_month"] = "Kies de eerste maand van de verlaging."
    else:
        start_month = start_month.replace(day=1)
        if start_month < decision_date.replace(day=1):
            errors["start_month"] = "De verlaging kan niet ingaan vóór de maand van het besluit."
    _raise(errors)
    return percentage, months, start_month


def _amounts(proposal: dict, percentage: Decimal, months: int, deviates: bool) -> tuple[Decimal, Decimal]:
    """Per month and in total: the engine's amounts when the consulent follows it, else percentage × norm."""
    if not deviates:
        return Decimal(proposal["monthly_amount"]), Decimal(proposal["total_amount"])
    monthly = (Decimal(proposal["norm"]) * percentage / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return monthly, monthly * months


@transaction.atomic
def maatregel_record(
    *,
    actor,
    verzuim: Verzuim,
    decision_date: date,
    verwijtbaarheid: str,
    verwijtbaarheid_motivation: str,
    start_month: date | None,
    percentage,
    months: int,
    weging: dict | None = None,
    motivation: str = "",
    deviation_motivation: str = "",
    omgekeerde_toets: dict | None = None,
) -> Besluit:
    """Record the maatregel on a heard verzuim: a Besluit with sanction type ``maatregel`` and no
    investigation. Re-evaluates the engine on ``decision_date`` and stores request, response and
    rules_version. Following the proposal takes the engine's amounts; a lower percentage or a shorter
    period deviates (maatwerk: motivation and omgekeerde toets); more than the proposal is refused. The
    status follows the profile's four-eyes policy; a vastgesteld maatregel creates no claims."""
    services._require_recorder(actor, verzuim.resident)
    verzuim = _lock(verzuim)
    if verzuim.status == VerzuimStatus.GEMELD:
        raise ValidationError(
            "Hoor de inwoner eerst (art. 4:8 Awb): leg de zienswijze vast, of waarom u niet hoort "
            "(art. 4:11 of 4:12 Awb)."
        )
    _require_open(verzuim)
    _check_basics(verzuim, decision_date, verwijtbaarheid)
    if not verwijtbaarheid_motivation.strip():
        raise ValidationError(
            {"verwijtbaarheid_motivation": "Schrijf op waarom de verwijtbaarheid is zoals u die vaststelt."}
        )
    request, seq, response = _proposal(verzuim, decision_date, verwijtbaarheid)
    proposal = response["maatregel"]
    if proposal["type"] != "verlaging":
        raise ValidationError(
            "De beslisregels stellen geen verlaging voor"
            + (f" ({proposal.get('reason')})" if proposal.get("reason") else "")
            + ". Sluit het verzuim zonder maatregel en schrijf de reden op."
        )
    percentage, months, start_month = _chosen(proposal, percentage, months, start_month, decision_date)
    deviates = (percentage, months) != (Decimal(proposal["percentage"]), int(proposal["months"]))
    answers, weighed = answers_check(
        deviation=(deviation_motivation, omgekeerde_toets) if deviates else None,
        weging=weging,
        sanction_type=SanctionType.MAATREGEL,
        verwijtbaarheid=verwijtbaarheid,
    )
    monthly, total = _amounts(proposal, percentage, months, deviates)
    reasons = _four_eyes(response, decision_date, seq, deviates=deviates)
    verzuim.verwijtbaarheid = verwijtbaarheid
    verzuim.verwijtbaarheid_motivation = verwijtbaarheid_motivation.strip()
    besluit = Besluit.objects.create(
        resident=verzuim.resident,
        gemeente_id=verzuim.resident.gemeente_id,
        investigation=None,
        decision_date=decision_date,
        profile=response["profile"],
        correction_type="none",
        sanction_type=SanctionType.MAATREGEL,
        verwijtbaarheid=verwijtbaarheid,
        engine_request=request,
        engine_response=response,
        rules_version=response["rules_version"],
        parameter_set_seq=seq,
        deviates=deviates,
        deviation_motivation=deviation_motivation.strip() if deviates else "",
        omgekeerde_toets=answers,
        weging=weighed,
        maatregel_percentage=percentage,
        maatregel_months=months,
        maatregel_start=start_month,
        maatregel_monthly=monthly,
        maatregel_total=total,
        motivation=motivation.strip()
        or maatregel_motivation_write(
            engine_response=response,
            verzuim=verzuim,
            percentage=percentage,
            months=months,
            start_month=start_month,
            monthly=monthly,
            total=total,
            answers=weighed,
        ),
        four_eyes_reasons=reasons,
        status=BesluitStatus.TER_ONDERTEKENING if reasons else BesluitStatus.VASTGESTELD,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    verzuim.besluit, verzuim.status = besluit, VerzuimStatus.BESLOTEN
    verzuim.save()
    audit_record(
        actor=actor,
        code="decision.recorded",
        obj=besluit,
        resident_id=besluit.resident_id,
        purpose=f"Maatregel op verzuim {verzuim.pk}",
        after={
            **services._snapshot(besluit),
            "verlaging_procent": percentage,
            "maanden": months,
            "vanaf": start_month,
            "per_maand": monthly,
            "totaal": total,
        },
    )
    if besluit.status == BesluitStatus.VASTGESTELD:
        services._vaststellen(actor, besluit, signer=actor)
    return besluit
