"""Writes for decisions (besluiten), and the only place that calls the decision engine (naleving.rules).

The engine proposes; the consulent decides. A besluit stores the engine's request, its response and the
``rules_version``, so an objection can replay the reasoning, plus every human deviation with its written
motivation and the answers to the omgekeerde toets. The four-eyes policy of the profile
(``rules.four_eyes_policy``) decides whether a second official co-signs before the besluit is vastgesteld;
only then are the claims (vorderingen) created and may a suspension take effect.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from naleving import rules
from naleving.audit.services import audit_record
from naleving.decisions.decision_date import decision_date_error
from naleving.decisions.deviation import Choice, choice_check
from naleving.decisions.engine_request import build_request
from naleving.decisions.models import (
    Besluit,
    BesluitStatus,
    Cooperation,
    Opschorting,
)
from naleving.decisions.motivation import motivation_write
from naleving.decisions.permissions import COSIGN, RECORD
from naleving.decisions.weighing import answers_check
from naleving.investigations.access import access_final_on_refresh
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import Investigation
from naleving.residents.selectors import visible_resident_ids
from naleving.ruleset.selectors import registry_at, source

ASSESSMENT_FLAGS = ("children_in_household", "in_care", "debts", "housing_risk")


def decision_evaluate(*, actor, data: dict[str, Any], profile: str | None = None) -> dict[str, Any]:
    """Evaluate a decision-contract request and return the JSON-ready response.

    Uses the parameter source of the whole application (``ruleset.selectors.source``: the shipped files with
    the amounts the municipality approved); ``rules_version`` names that set. Raises ``rules.RuleInputError``
    (code, message, field) on invalid input. Nothing is stored: this is the what-if calculation; recording a
    besluit stores request, response, rules_version and the parameter set with it.
    """
    return _evaluate(data, profile)[1]


def _evaluate(data: dict[str, Any], profile: str | None = None) -> tuple[int | None, dict[str, Any]]:
    """(the parameter set's ``seq``, the response) for one request, both from the same source."""
    seq, registry = source()
    request = rules.parse_request(data, profile_override=profile, registry=registry)
    try:
        response = rules.evaluate(request, registry)
    except rules.ParameterNotInForce as exc:
        raise rules.RuleInputError(
            "parameter_not_in_force",
            rules.missing_parameter_nl(exc.name, request.decision_date),
            "decision_date",
        ) from exc
    return seq, rules.response_to_dict(response)


def available_profiles() -> list[str]:
    return rules.available_profiles(source()[1])


# -- who may decide ----------------------------------------------------------------------------------------


def _require_recorder(actor, resident) -> None:
    """The inkomensconsulent decides (eindregie), for residents in their own scope only."""
    if not actor.has_perm(RECORD):
        raise PermissionDenied("U mag geen besluiten vastleggen.")
    if not visible_resident_ids(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("Deze inwoner valt buiten uw caseload.")


def _require_breach(investigation: Investigation) -> None:
    if investigation.status != Status.AFGEROND or investigation.outcome != Outcome.SCHENDING:
        raise ValidationError(
            "Een besluit kan alleen worden voorbereid op een afgerond onderzoek met een vastgestelde schending."
        )


def _check_decision_date(investigation: Investigation, decision_date: date) -> None:
    """Not in the future, not before the investigation closed, not before the breach began."""
    message = decision_date_error(
        investigation=investigation, decision_date=decision_date, today=timezone.localdate()
    )
    if message:
        raise ValidationError({"decision_date": message})


def decision_propose(
    *, actor, investigation: Investigation, decision_date: date | None = None, cooperation: str = "yes"
) -> dict[str, Any]:
    """The engine's proposal for the findings of a closed investigation with a breach.

    Returns ``{"request", "response", "four_eyes"}``: the decision-contract request built from the findings
    (kind, period, benadelingsbedrag or the amounts per month, culpability, detection and self-report
    dates), the household and the resident's earlier sanctions; the engine's response with the reasons; and
    the reasons for a second signature if the consulent follows the proposal. Raises ``rules.RulesError``
    when the rules cannot decide on that date. The read is logged with its purpose.
    """
    _require_recorder(actor, investigation.resident)
    _require_breach(investigation)
    decision_date = decision_date or timezone.localdate()
    request = build_request(investigation=investigation, decision_date=decision_date, cooperation=cooperation)
    seq, response = _evaluate(request)
    proposal = Choice.proposed(response)
    reasons = rules.four_eyes_policy(response["profile"], decision_date, registry_at(seq)).reasons(
        sanction_type=proposal.sanction_type,
        fine_amount=proposal.fine_amount,
        recovery_amount=proposal.recovery_amount,
        suspension=response["suspension"] is not None,
    )
    audit_record(
        actor=actor,
        code="decision.evaluated",
        obj=investigation,
        resident_id=investigation.resident_id,
        purpose="Besluit voorbereiden (voorstel beslisregels)",
        after={
            "peildatum": decision_date,
            "sanctie": proposal.sanction_type,
            "versie": response["rules_version"],
        },
    )
    return {"request": request, "response": response, "four_eyes": [_reason(r) for r in reasons]}


def _reason(reason) -> dict[str, str]:
    return {"code": reason.code, "text": reason.text_nl}


# -- recording a besluit -----------------------------------------------------------------------------------


def _check_assessment(assessment: dict | None, suspension: dict, decision_date: date) -> dict:
    """The risk and impact assessment that must come before any suspension (Groningen actielijn 4)."""
    if not assessment:
        raise ValidationError(
            "De inwoner weigert mee te werken. Vul eerst de risico- en impactbeoordeling in: een opschorting "
            "kan pas ingaan als die is vastgelegd en ondertekend."
        )
    errors: dict[str, str] = {}
    weeks = assessment.get("weeks")
    if not isinstance(weeks, int) or not 1 <= weeks <= suspension["max_weeks"]:
        errors["weeks"] = (
            f"Kies een opschorting van 1 tot en met {suspension['max_weeks']} weken (art. 54 Pw)."
        )
    end = assessment.get("hersteltermijn_end") or decision_date + timedelta(
        days=suspension["hersteltermijn_days"]
    )
    if end <= decision_date:
        errors["hersteltermijn_end"] = "De hersteltermijn eindigt na de besluitdatum."
    conclusion = str(assessment.get("conclusion") or "").strip()
    if not conclusion:
        errors["conclusion"] = (
            "Schrijf de conclusie op: wat betekent de opschorting voor de inwoner en het gezin?"
        )
    if errors:
        raise ValidationError(errors)
    return {
        "weeks": weeks,
        "hersteltermijn_end": end,
        **{flag: bool(assessment.get(flag)) for flag in ASSESSMENT_FLAGS},
        "other_circumstances": str(assessment.get("other_circumstances") or "").strip(),
        "conclusion": conclusion,
        # Pw 54(1)-(2): what to supply; the letter cannot be sent without it (``dispatch.letter_send``)
        "requested_information": str(assessment.get("requested_information") or "").strip(),
    }


def _snapshot(besluit: Besluit) -> dict:
    return {
        "besluitdatum": besluit.decision_date,
        "sanctie": besluit.sanction_type,
        "boete": besluit.fine_amount,
        "terugvordering": besluit.recovery_amount,
        "afwijking": besluit.deviates,
        "medewerking": besluit.cooperation,
        "status": besluit.status,
        "vier_ogen": [reason["code"] for reason in besluit.four_eyes_reasons],
        "versie": besluit.rules_version,
        "weging": sorted(code for code, answer in besluit.weging.items() if answer),
    }


@transaction.atomic
def besluit_record(
    *,
    actor,
    investigation: Investigation,
    decision_date: date,
    sanction_type: str,
    fine_amount: Decimal,
    recovery_amount: Decimal,
    deviation_motivation: str = "",
    omgekeerde_toets: dict | None = None,
    cooperation: str = "yes",
    impact_assessment: dict | None = None,
    referral: dict | None = None,
    weging: dict | None = None,
    motivation: str = "",
) -> Besluit:
    """Record the besluit on a closed investigation with a breach.

    Re-evaluates the engine on ``decision_date`` and stores its request, response and rules_version. When the
    chosen outcome differs from the proposal the besluit ``deviates``: then ``deviation_motivation`` and the
    answers to the omgekeerde toets are required. ``cooperation="refused"`` needs ``impact_assessment``
    (weeks, hersteltermijn_end, the circumstance flags, other_circumstances, conclusion) and creates the
    Opschorting; ``"unable"`` needs ``referral`` ({partner, handover_note}) and refers the resident for help
    instead of a suspension. The status is ``ter_ondertekening`` when the profile's four-eyes policy asks
    for a second signature, else ``vastgesteld`` (and the claims are created at once).

    ``weging`` holds the consulent's answers per factor of ``weighing_factors.yaml``; when given (the form
    gives it) the factors the chosen sanction and culpability require must be answered. ``motivation`` is
    the consulent's (edited) text; without one (the API, older callers) the motivation is written from the
    engine's outcome and the weighing (``motivation.motivation_write``), so a besluit never lacks one.
    """
    _require_recorder(actor, investigation.resident)
    investigation = (
        Investigation.objects.select_for_update().select_related("resident").get(pk=investigation.pk)
    )
    _require_breach(investigation)
    if Besluit.objects.filter(investigation=investigation).exists():
        raise ValidationError("Op dit onderzoek is al een besluit vastgelegd.")
    if cooperation not in Cooperation.values:
        raise ValidationError({"cooperation": "Kies of de inwoner meewerkt."})
    _check_decision_date(investigation, decision_date)
    request = build_request(investigation=investigation, decision_date=decision_date, cooperation=cooperation)
    seq, response = _evaluate(request)
    proposed = Choice.proposed(response)
    chosen = Choice(sanction_type, Decimal(fine_amount), Decimal(recovery_amount))
    choice_check(chosen, proposed)
    deviates = chosen.differs_from(proposed)
    answers, weighed = answers_check(
        deviation=(deviation_motivation, omgekeerde_toets) if deviates else None,
        weging=weging,
        sanction_type=chosen.sanction_type,
        verwijtbaarheid=investigation.verwijtbaarheid,
    )
    suspension = response["suspension"]
    assessment = _check_assessment(impact_assessment, suspension, decision_date) if suspension else None
    reasons = rules.four_eyes_policy(response["profile"], decision_date, registry_at(seq)).reasons(
        sanction_type=chosen.sanction_type,
        fine_amount=chosen.fine_amount,
        recovery_amount=chosen.recovery_amount,
        deviates=deviates,
        suspension=suspension is not None,
    )
    besluit = Besluit.objects.create(
        resident=investigation.resident,
        gemeente_id=investigation.resident.gemeente_id,
        investigation=investigation,
        decision_date=decision_date,
        profile=response["profile"],
        benadelingsbedrag=Decimal(response["benadelingsbedrag"]),
        correction_type=response["correction"]["type"],
        recovery_amount=chosen.recovery_amount,
        sanction_type=chosen.sanction_type,
        fine_amount=chosen.fine_amount,
        verwijtbaarheid=investigation.verwijtbaarheid,
        engine_request=request,
        engine_response=response,
        rules_version=response["rules_version"],
        parameter_set_seq=seq,
        deviates=deviates,
        deviation_motivation=deviation_motivation.strip() if deviates else "",
        omgekeerde_toets=answers,
        weging=weighed,
        motivation=motivation.strip()
        or motivation_write(
            engine_response=response,
            engine_request=request,
            sanction_type=chosen.sanction_type,
            fine_amount=chosen.fine_amount,
            recovery_amount=chosen.recovery_amount,
            verwijtbaarheid=investigation.verwijtbaarheid,
            answers=weighed or {"verwijtbaarheid_redenen": investigation.verwijtbaarheid_motivation},
            regulation=request["regulation"],
        ),
        cooperation=cooperation,
        four_eyes_reasons=[_reason(r) for r in reasons],
        status=BesluitStatus.TER_ONDERTEKENING if reasons else BesluitStatus.VASTGESTELD,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    access_final_on_refresh([investigation.pk])
    if assessment is not None:
        _assessment_record(actor, besluit, assessment)
    if cooperation == Cooperation.UNABLE:
        _refer_for_help(actor, besluit, referral or {})
    audit_record(
        actor=actor,
        code="decision.recorded",
        obj=besluit,
        resident_id=besluit.resident_id,
        purpose="Besluit op onderzoek " + str(investigation.pk),
        after=_snapshot(besluit),
    )
    if besluit.status == BesluitStatus.VASTGESTELD:
        _vaststellen(actor, besluit, signer=actor)
    return besluit


def _assessment_record(actor, besluit: Besluit, assessment: dict) -> Opschorting:
    opschorting = Opschorting.objects.create(
        besluit=besluit,
        resident=besluit.resident,
        assessed_by=actor,
        assessed_on=timezone.localdate(),
        **assessment,
    )
    audit_record(
        actor=actor,
        code="suspension.assessed",
        obj=opschorting,
        resident_id=besluit.resident_id,
        after={
            "weken": opschorting.weeks,
            "hersteltermijn_tot": opschorting.hersteltermijn_end,
            **{flag: getattr(opschorting, flag) for flag in ASSESSMENT_FLAGS},
        },
    )
    return opschorting


def _refer_for_help(actor, besluit: Besluit, referral: dict) -> None:
    """Unable to co-operate: help instead of a suspension (Groningen actielijn 4, "dan schakelen we hulp in")."""
    from naleving.prevention.services import referral_create

    besluit.referral = referral_create(
        actor=actor,
        resident=besluit.resident,
        partner=str(referral.get("partner") or ""),
        handover_note=str(referral.get("handover_note") or ""),
    )
    besluit.save(update_fields=["referral"])


def _vaststellen(actor, besluit: Besluit, *, signer) -> None:
    """The besluit is vastgesteld: institute the claims and sign the suspension's assessment."""
    from naleving.claims.services import vordering_create_for_besluit

    vordering_create_for_besluit(actor=actor, besluit=besluit)
    opschorting = Opschorting.objects.filter(besluit=besluit).first()
    if opschorting is not None:
        opschorting.signed_by, opschorting.signed_on = signer, timezone.localdate()
        opschorting.save(update_fields=["signed_by", "signed_on"])
        audit_record(actor=actor, code="suspension.signed", obj=opschorting, resident_id=besluit.resident_id)


@transaction.atomic
def besluit_cosign(*, actor, besluit: Besluit) -> Besluit:
    """The second signature (vier ogen): someone with ``decisions.cosign_besluit`` who can see the besluit
    and did not record it. Only a besluit waiting for it (``ter_ondertekening``) can be co-signed; it is then
    vastgesteld, its claims are created and a suspension's assessment counts as signed."""
    from naleving.decisions.selectors import besluiten_visible_to

    if not actor.has_perm(COSIGN):
        raise PermissionDenied("U mag geen besluiten medeondertekenen.")
    if not besluiten_visible_to(actor).filter(pk=besluit.pk).exists():
        raise PermissionDenied("Dit besluit valt buiten uw team.")
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    if besluit.recorded_by_id == actor.pk:
        raise ValidationError(
            "U heeft dit besluit zelf vastgelegd. Een andere medewerker moet medeondertekenen (vier ogen)."
        )
    if besluit.status != BesluitStatus.TER_ONDERTEKENING:
        raise ValidationError("Dit besluit wacht niet op een tweede handtekening.")
    before = {"status": besluit.status}
    besluit.cosigned_by, besluit.cosigned_at = actor, timezone.now()
    besluit.status = BesluitStatus.VASTGESTELD
    besluit.save(update_fields=["cosigned_by", "cosigned_at", "status"])
    access_final_on_refresh([besluit.investigation_id])
    audit_record(
        actor=actor,
        code="decision.cosigned",
        obj=besluit,
        resident_id=besluit.resident_id,
        before=before,
        after={"status": besluit.status, "vier_ogen": [r["code"] for r in besluit.four_eyes_reasons]},
    )
    _vaststellen(actor, besluit, signer=actor)
    return besluit


@transaction.atomic
def opschorting_start(*, actor, opschorting: Opschorting, takes_effect_on: date) -> Opschorting:
    """Let a suspension take effect: only after its risk and impact assessment is recorded and signed."""
    _require_recorder(actor, opschorting.resident)
    opschorting = Opschorting.objects.select_for_update().get(pk=opschorting.pk)
    if not opschorting.is_signed:
        raise ValidationError(
            "De risico- en impactbeoordeling is nog niet ondertekend. De opschorting kan nog niet ingaan."
        )
    if opschorting.takes_effect_on is not None:
        raise ValidationError("Deze opschorting is al ingegaan.")
    if takes_effect_on < opschorting.signed_on:
        raise ValidationError(
            {
                "takes_effect_on": f"De opschorting kan niet ingaan vóór de ondertekening ({opschorting.signed_on:%d-%m-%Y})."
            }
        )
    opschorting.takes_effect_on = takes_effect_on
    opschorting.save(update_fields=["takes_effect_on"])
    audit_record(
        actor=actor,
        code="suspension.started",
        obj=opschorting,
        resident_id=opschorting.resident_id,
        after={"gaat_in_op": takes_effect_on, "weken": opschorting.weeks, "tot_en_met": opschorting.ends_on},
    )
    return opschorting
