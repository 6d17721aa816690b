"""Writes for theme controls: the filter register, runs over uploaded deliveries, explanation, FG approval
and release of hits as signals. Every write runs in one transaction with its audit event.

A delivery is uploaded (``delivery_submit``: checks that need no data, then queued), run by the task
queue worker (``delivery_process`` via ``tasks.delivery_run``) with its progress written to the delivery for
the polled page, and its raw files are deleted when the run ends.
"""

import shutil
import tempfile
from datetime import date
from pathlib import Path

import duckdb
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from naleving import analytics, rules
from naleving.audit.services import audit_record
from naleving.controls.models import (
    ControlHit,
    ControlRun,
    Delivery,
    Filter,
    FilterApproval,
    FilterChange,
    FilterStatus,
    Verdict,
)

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


def _write_delivery(files, data_dir: Path) -> list[str]:
    names = []
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
        names.append(f"{name}{suffix}")
    return names


def _analytics_errors(exc: analytics.AnalyticsError) -> ValidationError:
    """The Dutch form error for an analytics error (the message names file, row and column)."""
    if isinstance(exc, analytics.DeliveryError):
        return ValidationError({"files": f"De levering is niet bruikbaar: {exc.describe_nl()}"})
    if isinstance(exc, analytics.RulesParameterError):
        return ValidationError({"reference_date": _missing_amount_nl(exc)})
    return ValidationError({"params": f"Ongeldige parameter: {exc}"})


def _missing_amount_nl(exc: analytics.RulesParameterError) -> str:
    """Which legal amount is missing, in words, and who adds it; never a file name (that is for operators:
    `manage.py check`)."""
    from naleving.rules.describe import missing_amount

    cause = exc.__cause__
    if isinstance(cause, rules.ParameterNotInForce):
        return (
            f"Voor deze peildatum ontbreekt nog {missing_amount(cause.name)}. De functioneel beheerder kan "
            "dit bedrag toevoegen."
        )
    return (
        "Voor deze peildatum ontbreekt nog een wettelijk bedrag. De functioneel beheerder kan dit toevoegen."
    )


def delivery_submit(
    *,
    actor,
    files,
    controls: list[str],
    reference_date: date,
    source: str,
    delivery_date: date,
    legal_basis: str,
    params: dict | None = None,
    control_sample: int | None = None,
    seed: int | None = None,
    enqueue: bool = True,
) -> Delivery:
    """Accept a delivery for one or more controls and queue its run (``tasks.delivery_run``).

    Everything that needs no data is checked now, so the analyst sees it on the form: the controls (known,
    not out of use), the parameters, the law parameters on the reference date, the files the controls need
    and their headers (special categories are refused before any value is read). On any error the uploaded
    files are deleted and nothing is stored. The values themselves are checked by the run.
    """
    _require(actor, "controls.run_control")
    filters_sync()
    controls = list(dict.fromkeys(controls))
    if not controls:
        raise ValidationError({"controls": "Kies ten minste één themacontrole."})
    known = {f.name: f for f in Filter.objects.filter(name__in=controls)}
    for name in controls:
        if name not in known:
            raise ValidationError({"controls": f"Onbekende themacontrole {name!r}."})
        if known[name].status == FilterStatus.BUITEN_GEBRUIK:
            raise ValidationError(
                {"controls": f"Het filter '{known[name].title}' is buiten gebruik en kan niet meer draaien."}
            )
    if not files:
        raise ValidationError({"files": "Lever ten minste het bestand met uitkeringsgerechtigden aan."})
    base = Path(settings.NALEVING_DELIVERY_DIR)
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder = Path(tempfile.mkdtemp(prefix="levering-", dir=base))
    try:
        names = _write_delivery(files, folder)
        try:
            analytics.check_run(controls, folder, reference_date, params or {}, control_sample)
        except analytics.AnalyticsError as exc:
            raise _analytics_errors(exc) from None
        with transaction.atomic():
            delivery = Delivery.objects.create(
                controls=controls,
                reference_date=reference_date,
                source=source,
                delivery_date=delivery_date,
                legal_basis=legal_basis,
                parameters=params or {},
                control_sample=control_sample,
                seed=seed,
                file_names=sorted(names),
                folder=str(folder),
                step="In de wachtrij",
                created_by=actor,
            )
            audit_record(
                actor=actor,
                code="control.delivery_received",
                obj=delivery,
                after={"controls": controls, "files": sorted(names), "reference_date": reference_date},
            )
            if enqueue:
                from naleving.controls.tasks import delivery_run

                transaction.on_commit(lambda: delivery_run.enqueue(delivery.pk))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return delivery


#: Dutch text of each progress step of naleving.analytics (see analytics.Progress)
STEP_NL = {
    "read": "Bestand {subject} inlezen en controleren",
    "check": "Samenhang tussen de bestanden controleren",
    "select": "Treffers zoeken: {title}",
    "bias": "Biascheck: {title}",
    "sample": "Controlegroep trekken: {title}",
    "done": "Uitkomsten opslaan",
}


def _progress_writer(delivery_id: int):
    """An analytics.Progress that writes the share and the Dutch step to the delivery, at most once per
    percent (the page polls it). It writes outside any transaction, so the page sees it at once."""
    titles = {name: (info.title_nl or name) for name, info in analytics.CONTROLS.items()}
    last = {"percent": -1, "step": ""}

    def tell(share: float, step: str, subject: str) -> None:
        percent = min(99, int(share * 100))
        text = STEP_NL.get(step, step).format(subject=subject, title=titles.get(subject, subject))
        if percent == last["percent"] and text == last["step"]:
            return
        last.update(percent=percent, step=text)
        Delivery.objects.filter(pk=delivery_id).update(progress=percent, step=text[:200])

    return tell


def delivery_process(delivery_id: int) -> dict:
    """Run a queued delivery: all its controls over one reading, then store the runs, all or nothing.

    Claims the delivery (queued → running) so a second worker does nothing. A delivery error ends the
    delivery as failed with the Dutch message naming file, row and column, and stores no run. Whatever
    happens, the raw files are deleted at the end. Returns a summary (the task's result)."""
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.RUNNING, started_at=timezone.now(), step="Levering openen", progress=0
    )
    delivery = Delivery.objects.select_related("created_by").get(pk=delivery_id)
    if not claimed:
        return {"delivery": delivery_id, "status": delivery.status, "runs": []}
    folder = Path(delivery.folder)
    try:
        try:
            documents = analytics.run_controls(
                delivery.controls,
                folder,
                delivery.reference_date,
                delivery.parameters,
                control_sample=delivery.control_sample,
                seed=delivery.seed,
                progress=_progress_writer(delivery_id),
            )
            bsns = _bsn_by_client(folder)
            runs = _store_runs(delivery, documents, bsns)
        except analytics.AnalyticsError as exc:
            error = " ".join(_analytics_errors(exc).messages)
            _delivery_end(delivery, Delivery.Status.FAILED, error=error)
            audit_record(actor=delivery.created_by, code="control.delivery_failed", obj=delivery)
            return {"delivery": delivery_id, "status": "failed", "error": error, "runs": []}
        except Exception:
            _delivery_end(
                delivery,
                Delivery.Status.FAILED,
                error="Er ging iets onverwachts mis bij het draaien. Er is niets opgeslagen; "
                "de applicatiebeheerder kan de oorzaak in de logboeken vinden.",
            )
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        Delivery.objects.filter(pk=delivery_id).update(folder="", files_deleted_at=timezone.now())
    return {"delivery": delivery_id, "status": "done", "runs": [r.pk for r in runs]}


def _delivery_end(delivery: Delivery, status: str, **fields) -> None:
    delivery.status, delivery.finished_at = status, timezone.now()
    for name, value in fields.items():
        setattr(delivery, name, value)
    delivery.save(update_fields=["status", "finished_at", *fields])


def _stuck() -> Q:
    """Deliveries whose run lost its worker (``Delivery.stale``)."""
    return Q(status=Delivery.Status.RUNNING, started_at__lt=timezone.now() - Delivery.STALE_AFTER)


def _delete_files(delivery: Delivery) -> None:
    """Delete an ended delivery's raw files (if still there) and record when."""
    delivery.refresh_from_db()
    if delivery.folder:
        shutil.rmtree(delivery.folder, ignore_errors=True)
        delivery.folder, delivery.files_deleted_at = "", timezone.now()
        delivery.save(update_fields=["folder", "files_deleted_at"])


STOPPED_MESSAGE = (
    "De verwerking stopte onverwacht (de achtergrondverwerking is herstart of viel uit). Er is niets "
    "opgeslagen en de ruwe bestanden zijn verwijderd. Lever de bestanden opnieuw aan."
)


def deliveries_sweep() -> list[int]:
    """End every delivery whose run lost its worker (``Delivery.stale``: running for over an hour) as
    failed, and delete its raw files, so that delivered personal data never lingers after a crash.

    Runs before each delivery task and from ``naleving deliveries-sweep`` (for cron). Idempotent: a
    delivery is ended by one sweep only. Returns the ids of the deliveries it ended."""
    swept = []
    for delivery in Delivery.objects.filter(_stuck()):
        with transaction.atomic():
            ended = Delivery.objects.filter(_stuck(), pk=delivery.pk).update(
                status=Delivery.Status.FAILED, finished_at=timezone.now(), error=STOPPED_MESSAGE
            )
            if not ended:
                continue
            _delete_files(delivery)
            audit_record(
                actor=None,
                code="control.delivery_failed",
                obj=delivery,
                purpose="run zonder verwerking beëindigd",
            )
        swept.append(delivery.pk)
    return swept


@transaction.atomic
def delivery_cancel(*, actor, delivery: Delivery) -> Delivery:
    """Cancel a delivery that has not started, or whose run lost its worker (``Delivery.stale``); its raw
    files are deleted."""
    _require(actor, "controls.run_control")
    cancelled = Delivery.objects.filter(Q(status=Delivery.Status.QUEUED) | _stuck(), pk=delivery.pk).update(
        status=Delivery.Status.CANCELLED, finished_at=timezone.now(), step="Geannuleerd"
    )
    if not cancelled:
        raise ValidationError(
            "Alleen een levering die nog in de wachtrij staat of waarvan de run is vastgelopen, kan worden "
            "geannuleerd."
        )
    _delete_files(delivery)
    audit_record(actor=actor, code="control.delivery_cancelled", obj=delivery)
    return delivery


def control_run_upload(*, actor, files, control: str, **fields) -> ControlRun:
    """Submit a delivery for one control and run it at once, in this process (for the command line and
    tests; the web queues it). Raises ValidationError for what ``delivery_submit`` checks and for a
    delivery error found by the run."""
    delivery = delivery_submit(actor=actor, files=files, controls=[control], enqueue=False, **fields)
    outcome = delivery_process(delivery.pk)
    if outcome["status"] != "done":
        raise ValidationError({"files": outcome.get("error", "De run is mislukt.")})
    return ControlRun.objects.get(pk=outcome["runs"][0])


@transaction.atomic
def _store_runs(delivery: Delivery, documents: dict, bsns: dict[str, str]) -> list[ControlRun]:
    filters = {f.name: f for f in Filter.objects.filter(name__in=list(documents))}
    hashes: dict[str, dict] = {}
    for document in documents.values():
        for used in document["data_used"]:
            hashes[used["file"]] = {"sha256": used["sha256"], "rows": used["rows"]}
    runs = [
        _store_run(delivery, filters[name], document, bsns, hashes) for name, document in documents.items()
    ]
    seeds = {(d.get("control_group") or {}).get("seed") for d in documents.values()} - {None}
    delivery.refresh_from_db(fields=["folder"])
    _delivery_end(
        delivery,
        Delivery.Status.DONE,
        progress=100,
        step="Klaar",
        file_hashes=hashes,
        seed=seeds.pop() if seeds else delivery.seed,
    )
    return runs


def _store_run(delivery, filter_, document, bsns, hashes):
    group = document.get("control_group") or {}
    used = {u["file"] for u in document["data_used"]}
    run = ControlRun.objects.create(
        filter=filter_,
        delivery=delivery,
        reference_date=date.fromisoformat(document["reference_date"]),
        parameters=document["parameters"],
        source=delivery.source,
        delivery_date=delivery.delivery_date,
        legal_basis=delivery.legal_basis,
        file_hashes={name: h for name, h in hashes.items() if name in used},
        population=document["population"],
        hits_count=len(document["hits"]),
        control_sample=delivery.control_sample,
        seed=group.get("seed"),
        bias=document["bias"],
        verdict=_overall_verdict(document["bias"]),
        created_by=delivery.created_by,
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
        actor=delivery.created_by,
        code="control.run",
        obj=run,
        after={
            "control": filter_.name,
            "delivery": delivery.pk,
            "reference_date": run.reference_date,
            "population": run.population,
            "hits": run.hits_count,
            "verdict": run.verdict,
            "files": run.file_hashes,
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
    return ""


def _description(run: ControlRun, hit: ControlHit) -> str:
    from naleving.controls.presentation import reasons_nl

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
    from naleving.signals.services import signal_register

    _require(actor, "controls.run_control")
    run = ControlRun.objects.select_for_update().select_related("filter").get(pk=run.pk)
    blocker = release_blocker(run)
    if blocker:
        raise ValidationError(blocker)
    created = 0
    for hit in run.hits.filter(signal__isnull=True):
        prefix = "TCC" if hit.in_control_group else "TC"
        hit.signal = signal_register(
            actor=actor,
            origin="themacontrole",
            kind=SIGNAL_KIND.get(run.filter.name, "other"),
            received_on=timezone.localdate(),
            description=_description(run, hit),
            subject_bsn=hit.bsn,
            external_reference=f"{prefix}-{run.pk}-{hit.client_id}"[:64],
        )
        hit.save(update_fields=["signal"])
        created += 1
    if run.status != ControlRun.Status.RELEASED:
        run.status, run.released_at, run.released_by = ControlRun.Status.RELEASED, timezone.now(), actor
        run.save(update_fields=["status", "released_at", "released_by"])
        audit_record(actor=actor, code="control.released", obj=run, after={"signals": created})
    return created


#: roles (accounts.roles keys) whose members can own a filter: who answers for it in the algoritmeregister
OWNER_ROLES = ("data_analist", "teamleider")


def owner_candidates():
    from django.contrib.auth import get_user_model

    from naleving.accounts.roles import ROLES

    groups = [role.name for role in ROLES if role.key in OWNER_ROLES]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=groups)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@transaction.atomic
def filter_update(*, actor, filter_: Filter, owner, status: str, note: str = "") -> Filter:
    """Change a filter's owner or status, kept in its history. A filter goes 'in gebruik' only when the FG's
    latest assessment approved it; out of use, it can no longer run."""
    _require(actor, "controls.run_control")
    filter_ = Filter.objects.select_for_update().get(pk=filter_.pk)
    if status not in FilterStatus.values:
        raise ValidationError({"status": "Kies een geldige status."})
    if owner is not None and not owner_candidates().filter(pk=owner.pk).exists():
        raise ValidationError({"owner": "Kies als eigenaar een actieve data-analist of teamleider."})
    latest = filter_.approvals.order_by("-at", "-pk").first()
    if (
        status == FilterStatus.IN_GEBRUIK
        and filter_.status != FilterStatus.IN_GEBRUIK
        and not (latest and latest.decision == FilterApproval.Decision.APPROVED)
    ):
        raise ValidationError(
            {
                "status": "Een filter gaat pas in gebruik als de FG het bij de laatste beoordeling heeft goedgekeurd."
            }
        )
    before = {"owner": filter_.owner_id, "status": filter_.status}
    after = {"owner": owner.pk if owner else None, "status": status}
    if before == after:
        raise ValidationError("Er is niets gewijzigd.")
    filter_.owner, filter_.status = owner, status
    filter_.save(update_fields=["owner", "status"])
    FilterChange.objects.create(
        filter=filter_, changed_by=actor, before=before, after=after, note=note.strip()
    )
    audit_record(actor=actor, code="filter.changed", obj=filter_, before=before, after=after)
    return filter_
