"""Writes for theme controls: the filter register, runs over uploaded deliveries, explanation, FG approval
and release of hits as signals. Every write runs in one transaction with its audit event.

Runs are synchronous: the deliveries here are small (a municipality's active clients). Large deliveries
would go through the task queue (a background job with the same service) and a polled status page.
"""

import shutil
import tempfile
from datetime import date
from pathlib import Path

import duckdb
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from naleving import analytics
from naleving.audit.services import audit_record
from naleving.controls.models import ControlHit, ControlRun, Filter, FilterApproval, Verdict

#: the signal kind (signals.choices.ViolationKind) of each control's hits
SIGNAL_KIND = {
    "voertuigen": "vehicle",
    "vermogen": "assets",
    "adresbezetting": "address",
    "kostendelers": "household",
    "brp_adres": "address",
}

#: the delivery files a user may upload (datasets.md "Input files")
DELIVERY_FILES = ("clients", "brp", "addresses", "vehicles", "balances")

#: plain-Dutch purpose of each control, for the register and the public page
PURPOSE_NL = {
    "voertuigen": (
        "Vindt uitkeringsgerechtigden op wier naam in het afgelopen jaar meerdere voertuigen stonden (RDW). "
        "Veel kopen en verkopen kan wijzen op inkomsten of vermogen die gemeld moeten worden."
    ),
    "vermogen": (
        "Vindt huishoudens waarvan het banksaldo boven de vermogensgrens van de Participatiewet ligt."
    ),
    "adresbezetting": (
        "Vindt adressen die leeg staan of waarop meer mensen staan ingeschreven dan de woning redelijkerwijs "
        "kan huisvesten."
    ),
    "kostendelers": (
        "Vindt uitkeringen waarin met minder kostendelers is gerekend dan er volgens de BRP op het adres wonen."
    ),
    "brp_adres": (
        "Vindt uitkeringsgerechtigden die niet (meer) in de BRP staan ingeschreven op het adres dat de "
        "gemeente voor de uitkering gebruikt."
    ),
}

DATA_NAMES_NL = {
    "clients": "uitkeringsadministratie",
    "brp": "BRP-inschrijvingen (met DUO-studiefinanciering)",
    "addresses": "adressen (BAG)",
    "vehicles": "voertuigregistraties (RDW)",
    "balances": "banksaldi (Belastingdienst / bank)",
}


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied


def filters_sync() -> list[Filter]:
    """Make sure every analytics control has its filter in the register (idempotent; keeps edits)."""
    filters = []
    for name, info in analytics.CONTROLS.items():
        filter_, _ = Filter.objects.get_or_create(
            name=name,
            defaults={
                "title": (info.title_nl or name)[:100],
                "purpose": PURPOSE_NL.get(name, info.description),
                "legal_basis": "; ".join(info.legal_basis),
                "data_used": "; ".join(
                    f"{DATA_NAMES_NL.get(file, file)}: {', '.join(columns)}"
                    for file, columns in info.data_used.items()
                ),
            },
        )
        filters.append(filter_)
    return filters


@transaction.atomic
def filter_approve(*, actor, filter_: Filter, decision: str, note: str = "") -> FilterApproval:
    _require(actor, "controls.approve_filter")
    if decision not in FilterApproval.Decision.values:
        raise ValidationError({"decision": "Kies goedkeuren of afwijzen."})
    approval = FilterApproval.objects.create(filter=filter_, approved_by=actor, decision=decision, note=note)
    audit_record(actor=actor, code="filter.approved", obj=filter_, after={"decision": decision})
    return approval


def _overall_verdict(bias: dict) -> str:
    verdicts = [section.get("verdict") for section in bias.values()]
    if Verdict.FLAG in verdicts:
        return Verdict.FLAG
    if verdicts and all(v == Verdict.INSUFFICIENT_DATA for v in verdicts):
        return Verdict.INSUFFICIENT_DATA
    return Verdict.OK


def _bsn_by_client(data_dir: Path) -> dict[str, str]:
    """client_id → BSN from the delivered clients file (needed to release hits as signals)."""
    for path in data_dir.iterdir():
        if path.stem == "clients":
            reader = "read_parquet(?)" if path.suffix == ".parquet" else "read_csv(?, all_varchar = true)"
            with duckdb.connect() as con:
                rows = con.execute(
                    f"SELECT CAST(client_id AS VARCHAR), CAST(bsn AS VARCHAR) FROM {reader}", [str(path)]
                ).fetchall()
            return {str(c): str(b or "") for c, b in rows}
    return {}


def _write_delivery(files, data_dir: Path) -> None:
    for name, upload in files.items():
        if name not in DELIVERY_FILES:
            raise ValidationError({"files": f"Onbekend leveringsbestand {name!r}."})
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in (".csv", ".parquet"):
            raise ValidationError(
                {name: f"{upload.name}: alleen CSV- of Parquet-bestanden (.csv, .parquet) worden aanvaard."}
            )
        with (data_dir / f"{name}{suffix}").open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)


def control_run_upload(
    *,
    actor,
    files,
    control: str,
    reference_date: date,
    source: str,
    delivery_date: date,
    legal_basis: str,
    params: dict | None = None,
    control_sample: int | None = None,
    seed: int | None = None,
) -> ControlRun:
    """Run one control over uploaded delivery files; keep only the run's outcome, never the raw data.

    The files are written to a fresh temporary folder, validated, run and deleted (in ``finally``), also
    when validation fails. An invalid delivery raises ValidationError with the Dutch message naming the
    file, row and column; nothing is stored then.
    """
    _require(actor, "controls.run_control")
    filters_sync()
    filter_ = Filter.objects.filter(name=control).first()
    if filter_ is None:
        raise ValidationError({"control": f"Onbekende themacontrole {control!r}."})
    if not files:
        raise ValidationError({"files": "Lever ten minste het bestand met uitkeringsgerechtigden aan."})
    data_dir = Path(tempfile.mkdtemp(prefix="naleving-levering-"))
    try:
        _write_delivery(files, data_dir)
        try:
            report = analytics.validate_delivery(data_dir)
            if control not in report.controls_available:
                needed = ", ".join(f"{f}.csv" for f in analytics.CONTROLS[control].data_used)
                raise ValidationError({"files": f"Voor deze controle zijn nodig: {needed}."})
            document = analytics.run_control(
                control, data_dir, reference_date, params or {}, control_sample=control_sample, seed=seed
            )
        except analytics.DeliveryError as exc:
            raise ValidationError({"files": f"De levering is niet bruikbaar: {exc.describe_nl()}"}) from None
        except analytics.ParameterError as exc:
            raise ValidationError({"params": f"Ongeldige parameter: {exc}"}) from None
        except analytics.RulesParameterError as exc:
            raise ValidationError(
                {"reference_date": f"Geen wettelijke parameter voor deze peildatum: {exc}"}
            ) from None
        bsns = _bsn_by_client(data_dir)
        hashes = {f.file: {"sha256": f.sha256, "rows": f.rows} for f in report.files}
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return _store_run(
        actor, filter_, document, bsns, hashes, source, delivery_date, legal_basis, control_sample
    )


@transaction.atomic
def _store_run(actor, filter_, document, bsns, hashes, source, delivery_date, legal_basis, control_sample):
    group = document.get("control_group") or {}
    run = ControlRun.objects.create(
        filter=filter_,
        reference_date=date.fromisoformat(document["reference_date"]),
        parameters=document["parameters"],
        source=source,
        delivery_date=delivery_date,
        legal_basis=legal_basis,
        file_hashes=hashes,
        population=document["population"],
        hits_count=len(document["hits"]),
        control_sample=control_sample,
        seed=group.get("seed"),
        bias=document["bias"],
        verdict=_overall_verdict(document["bias"]),
        created_by=actor,
    )
    ControlHit.objects.bulk_create(
        [
            ControlHit(
                run=run,
                client_id=hit["client_id"],
                bsn=bsns.get(hit["client_id"], ""),
                reasons=hit["reasons"],
                evidence=hit["evidence"],
            )
            for hit in document["hits"]
        ]
        + [
            ControlHit(run=run, client_id=client_id, bsn=bsns.get(client_id, ""), in_control_group=True)
            for client_id in group.get("client_ids", [])
        ]
    )
    audit_record(
        actor=actor,
        code="control.run",
        obj=run,
        after={
            "control": filter_.name,
            "reference_date": run.reference_date,
            "population": run.population,
            "hits": run.hits_count,
            "verdict": run.verdict,
            "files": hashes,
        },
    )
    return run


@transaction.atomic
def control_run_explain(*, actor, run: ControlRun, explanation: str) -> ControlRun:
    _require(actor, "controls.run_control")
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
    _require(actor, "controls.approve_filter")
    if run.verdict != Verdict.FLAG:
        raise ValidationError("Alleen een gemarkeerde run vraagt goedkeuring van de FG.")
    if not run.explanation:
        raise ValidationError("De analist heeft nog geen toelichting gegeven; goedkeuren kan pas daarna.")
    run.fg_approved_by, run.fg_approved_at, run.fg_note = actor, timezone.now(), note.strip()
    run.save(update_fields=["fg_approved_by", "fg_approved_at", "fg_note"])
    audit_record(actor=actor, code="control.fg_approved", obj=run)
    return run


def release_blocker(run: ControlRun) -> str:
    """Why the run's hits may not (yet) become signals; empty when they may."""
    if run.verdict == Verdict.FLAG and not (run.explanation and run.fg_approved_by_id):
        return (
            "De biascheck van deze run is gemarkeerd. De treffers kunnen pas signalen worden als de analist "
            "een toelichting heeft vastgelegd en de FG die heeft goedgekeurd."
        )
    return ""


def _description(run: ControlRun, hit: ControlHit) -> str:
    reasons = "; ".join(r.get("text", r.get("code", "")) for r in hit.reasons)
    return (
        f"Themacontrole '{run.filter.title}' (peildatum {run.reference_date:%d-%m-%Y}, run {run.pk}), "
        f"cliënt {hit.client_id}. Redenen: {reasons or 'zie de run'}. "
        "Een medewerker beoordeelt dit signaal; de controle zelf besluit niets."
    )


@transaction.atomic
def control_run_release(*, actor, run: ControlRun) -> int:
    """Turn each hit into a signal (origin themacontrole), all or nothing. Returns the number created;
    a second release creates nothing more."""
    from naleving.signals.services import signal_register

    _require(actor, "controls.run_control")
    run = ControlRun.objects.select_for_update().select_related("filter").get(pk=run.pk)
    blocker = release_blocker(run)
    if blocker:
        raise ValidationError(blocker)
    created = 0
    for hit in run.hits.filter(in_control_group=False, signal__isnull=True):
        hit.signal = signal_register(
            actor=actor,
            origin="themacontrole",
            kind=SIGNAL_KIND.get(run.filter.name, "other"),
            received_on=timezone.localdate(),
            description=_description(run, hit),
            subject_bsn=hit.bsn,
            external_reference=f"TC-{run.pk}-{hit.client_id}"[:64],
        )
        hit.save(update_fields=["signal"])
        created += 1
    if run.status != ControlRun.Status.RELEASED:
        run.status, run.released_at, run.released_by = ControlRun.Status.RELEASED, timezone.now(), actor
        run.save(update_fields=["status", "released_at", "released_by"])
        audit_record(actor=actor, code="control.released", obj=run, after={"signals": created})
    return created
