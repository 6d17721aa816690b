"""Runs of theme controls: storing a run's outcome with its hits and control group, the analyst's
explanation of a flagged bias check, the FG's approval, and the release of hits and the control group as
signals. Every write runs in one transaction with its audit event."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.controls.models import ControlHit, ControlRun, Delivery, Filter, FilterStatus, Verdict
from naleving.controls.permissions import APPROVE_FILTER, RUN, require
from naleving.controls.presentation.reasons import reasons_nl
from naleving.controls.proxy import proxy_blocker
from naleving.residents.selectors import residents_for_linking

#: the signal kind (signals.choices.ViolationKind) of each control's hits
SIGNAL_KIND = {
    "voertuigen": "vehicle",
    "vermogen": "assets",
    "adresbezetting": "address",
    "kostendelers": "household",
    "brp_adres": "address",
}


#: bias-check verdicts after which a run needs the analyst's explanation and the FG's approval before release
NEEDS_FG = (Verdict.FLAG, Verdict.INSUFFICIENT_DATA)


def _overall_verdict(bias: dict) -> str:
    verdicts = [section.get("verdict") for section in bias.values()]
    if Verdict.FLAG in verdicts:
        return Verdict.FLAG
    if verdicts and all(v == Verdict.INSUFFICIENT_DATA for v in verdicts):
        return Verdict.INSUFFICIENT_DATA
    return Verdict.OK


def control_runs_create(
    delivery: Delivery, documents: dict, bsns: dict[str, str], hashes: dict[str, dict]
) -> list[ControlRun]:
    """Store each control's outcome document of ``delivery`` as a run with its hits and control group
    (the BSN of each client from ``bsns``, the files' hashes from ``hashes``), each with its audit event.
    The caller holds the transaction, so the runs and the delivery's end are stored all or nothing."""
    filters = {f.name: f for f in Filter.objects.filter(name__in=list(documents))}
    return [
        _control_run_create(delivery, filters[name], document, bsns, hashes)
        for name, document in documents.items()
    ]


def _control_run_create(delivery, filter_, document, bsns, hashes):
    group = document.get("control_group") or {}
    used = {u["file"] for u in document["data_used"]}
    run = ControlRun.objects.create(
        filter=filter_,
        delivery=delivery,
        gemeente=delivery.gemeente,
        reference_date=date.fromisoformat(document["reference_date"]),
        parameters=document["parameters"],
        source=delivery.source,
        delivery_date=delivery.delivery_date,
        legal_basis=delivery.legal_basis,
        file_hashes={name: h for name, h in hashes.items() if name in used},
        population=document["population"],
        excluded_objections=int(document.get("excluded") or 0),
        outside_gemeente=int(document.get("outside") or 0),
        hits_count=len(document["hits"]),
        control_sample=delivery.control_sample,
        seed=group.get("seed"),
        bias=document["bias"],
        verdict=_overall_verdict(document["bias"]),
        created_by=delivery.created_by,
    )
    groups = document.get("groups") or {}
    ControlHit.objects.bulk_create(
        [
            ControlHit(
                run=run,
                client_id=hit["client_id"],
                bsn=bsns.get(hit["client_id"], ""),
                reasons=hit["reasons"],
                evidence=hit["evidence"],
                groups=groups.get(hit["client_id"], {}),
            )
            for hit in document["hits"]
        ]
        + [
            ControlHit(
                run=run,
                client_id=client_id,
                bsn=bsns.get(client_id, ""),
                in_control_group=True,
                groups=groups.get(client_id, {}),
            )
            for client_id in group.get("client_ids", [])
        ]
    )
    audit_record(
        actor=delivery.created_by,
        code="control.run",
        obj=run,
        after={
            "control": filter_.name,
            "delivery": delivery.pk,
            "reference_date": run.reference_date,
            "population": run.population,
            "excluded_objections": run.excluded_objections,
            "gemeente": delivery.gemeente.code if delivery.gemeente_id else None,
            "hits": run.hits_count,
            "verdict": run.verdict,
            "files": run.file_hashes,
        },
    )
    return run


@transaction.atomic
def control_run_explain(*, actor, run: ControlRun, explanation: str) -> ControlRun:
    require(actor, RUN)
    explanation = explanation.strip()
    if not explanation:
        raise ValidationError({"explanation": "Schrijf een toelichting."})
    if run.status == ControlRun.Status.RELEASED:
        raise ValidationError("Deze run is al vrijgegeven.")
    run.explanation, run.explained_by = explanation, actor
    # A new explanation needs a new FG approval.
    run.fg_approved_by, run.fg_approved_at, run.fg_note = None, None, ""
    run.save(update_fields=["explanation", "explained_by", "fg_approved_by", "fg_approved_at", "fg_note"])
    audit_record(actor=actor, code="control.explained", obj=run)
    return run


@transaction.atomic
def control_run_fg_approve(*, actor, run: ControlRun, note: str = "") -> ControlRun:
    require(actor, APPROVE_FILTER)
    if run.verdict not in NEEDS_FG:
        raise ValidationError(
            "Alleen een gemarkeerde run, of een run waarvoor te weinig gegevens waren voor de biascheck, vraagt "
            "goedkeuring van de FG."
        )
    if not run.explanation:
        raise ValidationError("De analist heeft nog geen toelichting gegeven; goedkeuren kan pas daarna.")
    run.fg_approved_by, run.fg_approved_at, run.fg_note = actor, timezone.now(), note.strip()
    run.save(update_fields=["fg_approved_by", "fg_approved_at", "fg_note"])
    audit_record(actor=actor, code="control.fg_approved", obj=run)
    return run


def release_blocker(run: ControlRun) -> str:
    """Why the run's hits may not (yet) become signals; empty when they may."""
    if run.filter.status != FilterStatus.IN_GEBRUIK:
        return (
            f"Het filter staat op '{run.filter.get_status_display()}'. Alleen treffers van een filter dat 'in "
            "gebruik' is (na goedkeuring door de FG) kunnen signalen worden."
        )
    if run.verdict == Verdict.FLAG and not (run.explanation and run.fg_approved_by_id):
        return (
            "De biascheck van deze run is gemarkeerd. De treffers kunnen pas signalen worden als de analist "
            "een toelichting heeft vastgelegd en de FG die heeft goedgekeurd."
        )
    if run.verdict == Verdict.INSUFFICIENT_DATA and not (run.explanation and run.fg_approved_by_id):
        return (
            "De biascheck van deze run kon niet worden gedaan: te weinig gegevens per groep. Zonder biascheck "
            "is niet te zien of de selectie sommige groepen vaker treft. De treffers kunnen pas signalen worden "
            "als de analist heeft toegelicht waarom vrijgeven toch verantwoord is en de FG dat heeft goedgekeurd."
        )
    return proxy_blocker(run.filter)


def _description(run: ControlRun, hit: ControlHit) -> str:
    where = (
        f"Themacontrole '{run.filter.title}' (peildatum {run.reference_date:%d-%m-%Y}, run {run.pk}), "
        f"cliënt {hit.client_id}."
    )
    if hit.in_control_group:
        return (
            f"{where} Aselect getrokken voor de controlegroep van deze run: er is géén aanwijzing of treffer. "
            "Beoordeel het dossier op dezelfde manier als de treffers, zonder huisbezoek of andere ingrijpende "
            "handeling zonder redelijke grond; de uitkomst laat zien of de controle beter vindt dan toeval."
        )
    reasons = " ".join(reasons_nl(hit.reasons, hit.evidence, run.parameters))
    return (
        f"{where} Reden: {reasons or 'zie de run'} "
        "Een medewerker beoordeelt dit signaal; de controle zelf besluit niets."
    )


@transaction.atomic
def control_run_release(*, actor, run: ControlRun) -> int:
    """Turn each hit and each member of the control group into a signal (origin themacontrole), all or
    nothing: both groups go through the same assessment (datasets.md), so their hit rates can be compared.
    Returns the number created; a second release creates nothing more."""
    from naleving.gemeenten.selectors import gemeenten_of, only_gemeente
    from naleving.signals.models import Signal
    from naleving.signals.services import signals_register_many

    require(actor, RUN)
    run = ControlRun.objects.select_for_update().select_related("filter").get(pk=run.pk)
    blocker = release_blocker(run)
    if blocker:
        raise ValidationError(blocker)
    hits = list(run.hits.filter(signal__isnull=True))
    if hits and run.gemeente_id is not None and not gemeenten_of(actor).filter(pk=run.gemeente_id).exists():
        raise ValidationError({"gemeente": "U werkt niet voor deze gemeente."})
    # A run for the whole organisation: each hit goes to its resident's municipality (a hit that is no
    # registered resident needs a run for one municipality when there are several). One bulk write for
    # all hits (signals.services.signals_register_many), as signal_register would one by one.
    residents = residents_for_linking(bsns=[hit.bsn for hit in hits if hit.bsn])
    unlinked_gemeente_id = run.gemeente_id or getattr(only_gemeente(), "pk", None)
    today, kind = timezone.localdate(), SIGNAL_KIND.get(run.filter.name, "other")
    signals = [
        Signal(
            origin="themacontrole",
            kind=kind,
            received_on=today,
            description=_description(run, hit).strip(),
            subject_bsn=hit.bsn.strip(),
            resident=residents.get(hit.bsn.strip()),
            gemeente_id=unlinked_gemeente_id,
            external_reference=f"{'TCC' if hit.in_control_group else 'TC'}-{run.pk}-{hit.client_id}"[:64],
        )
        for hit in hits
    ]
    signals_register_many(actor=actor, signals=signals)
    for hit, signal in zip(hits, signals, strict=True):
        hit.signal = signal
    ControlHit.objects.bulk_update(hits, ["signal"], batch_size=2000)
    created = len(hits)
    if run.status != ControlRun.Status.RELEASED:
        run.status, run.released_at, run.released_by = ControlRun.Status.RELEASED, timezone.now(), actor
        run.save(update_fields=["status", "released_at", "released_by"])
        audit_record(actor=actor, code="control.released", obj=run, after={"signals": created})
    return created
