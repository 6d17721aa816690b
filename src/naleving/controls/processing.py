"""Running a queued delivery, the task queue worker's side (``tasks.delivery_run``): all its controls over
one reading, progress written to the delivery for the polled page, the runs stored all or nothing, and the
raw files deleted when the run ends. Also the sweep that ends deliveries whose worker stopped mid-run."""

import shutil
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from naleving import analytics, rules
from naleving.analytics import database as analytics_database
from naleving.audit.services import audit_record
from naleving.controls.models import ControlRun, Delivery
from naleving.controls.proxy import proxy_checks_store
from naleving.controls.runs import control_runs_create
from naleving.residents.models import Resident
from naleving.residents.selectors import objecting_bsns
from naleving.rules.describe import missing_amount


def _bsn_by_client(data_dir: Path) -> dict[str, str]:
    """client_id → BSN from the delivered clients file (needed to release hits as signals)."""
    for path in data_dir.iterdir():
        if path.stem == "clients":
            reader = "read_parquet(?)" if path.suffix == ".parquet" else "read_csv(?, all_varchar = true)"
            con = analytics_database.cursor()  # the process's DuckDB database, not a new one (20 ms)
            try:
                rows = con.execute(
                    f"SELECT CAST(client_id AS VARCHAR), CAST(bsn AS VARCHAR) FROM {reader}", [str(path)]
                ).fetchall()
            finally:
                con.close()
            return {str(c): str(b or "") for c, b in rows}
    return {}


def analytics_validation_error(exc: analytics.AnalyticsError) -> ValidationError:
    """The Dutch form error for an analytics error (the message names file, row and column)."""
    if isinstance(exc, analytics.DeliveryError):
        return ValidationError({"files": f"De levering is niet bruikbaar: {exc.describe_nl()}"})
    if isinstance(exc, analytics.RulesParameterError):
        return ValidationError({"reference_date": _missing_amount_nl(exc)})
    return ValidationError({"params": f"Ongeldige parameter: {exc}"})


def _missing_amount_nl(exc: analytics.RulesParameterError) -> str:
    """Which legal amount is missing, in words, and who adds it; never a file name (that is for operators:
    `manage.py check`)."""
    cause = exc.__cause__
    if isinstance(cause, rules.ParameterNotInForce):
        return (
            f"Voor deze peildatum ontbreekt nog {missing_amount(cause.name)}. De functioneel beheerder kan "
            "dit bedrag toevoegen."
        )
    return (
        "Voor deze peildatum ontbreekt nog een wettelijk bedrag. De functioneel beheerder kan dit toevoegen."
    )


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
    delivery = Delivery.objects.select_related("created_by", "gemeente").get(pk=delivery_id)
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
                # Residents who objected to the processing (AVG art. 21, open or granted on the day the run
                # is processed) stay out of the population: not selected, not in the bias check, not drawn
                # for the control group.
                excluded_bsns=objecting_bsns(on=timezone.localdate()),
                # A run for one municipality: only its residents form the population (ADR 0021); this
                # background task has no actor, so it filters by the municipality itself.
                population_bsns=_residents_of(delivery),
                # each hit and control-group member keeps its bias-check groups (the outcome review)
                with_groups=True,
                # the proxy check of each filter's inputs, from the same reading of the files (controls.proxy)
                with_proxy=True,
            )
            proxies = {name: document.pop("proxy") for name, document in documents.items()}
            bsns = _bsn_by_client(folder)
            runs = _store_runs(delivery, documents, bsns, proxies)
        except analytics.AnalyticsError as exc:
            error = " ".join(analytics_validation_error(exc).messages)
            _delivery_end(delivery, Delivery.Status.FAILED, error=error)
            audit_record(actor=delivery.created_by, code="control.delivery_failed", obj=delivery)
            return {"delivery": delivery_id, "status": "failed", "error": error, "runs": []}
        except Exception as exc:
            # The exception's text (DuckDB's included) can name server paths: the log gets it in full
            # under a reference, the analyst reads the reference in plain Dutch.
            reference = analytics.error_reference(exc, f"Delivery {delivery_id} failed")
            _delivery_end(
                delivery,
                Delivery.Status.FAILED,
                error=f"Er ging iets mis bij het draaien van de controles (referentie {reference}). Er is "
                "niets opgeslagen; de applicatiebeheerder kan de oorzaak met deze referentie in de "
                "logboeken vinden.",
            )
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        Delivery.objects.filter(pk=delivery_id).update(folder="", files_deleted_at=timezone.now())
    return {"delivery": delivery_id, "status": "done", "runs": [r.pk for r in runs]}


def _residents_of(delivery: Delivery) -> frozenset[str] | None:
    """The BSNs of the residents of the delivery's municipality; None for the whole organisation."""
    if delivery.gemeente_id is None:
        return None
    return frozenset(Resident.objects.filter(gemeente_id=delivery.gemeente_id).values_list("bsn", flat=True))


@transaction.atomic
def _store_runs(
    delivery: Delivery, documents: dict, bsns: dict[str, str], proxies: dict | None = None
) -> list[ControlRun]:
    hashes: dict[str, dict] = {}
    for document in documents.values():
        for used in document["data_used"]:
            hashes[used["file"]] = {"sha256": used["sha256"], "rows": used["rows"]}
    runs = control_runs_create(delivery, documents, bsns, hashes)
    proxy_checks_store(delivery=delivery, reports=proxies or {})
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


def _delivery_end(delivery: Delivery, status: str, **fields) -> None:
    delivery.status, delivery.finished_at = status, timezone.now()
    for name, value in fields.items():
        setattr(delivery, name, value)
    delivery.save(update_fields=["status", "finished_at", *fields])


def running_without_worker() -> Q:
    """Deliveries whose run lost its worker (``Delivery.stale``)."""
    return Q(status=Delivery.Status.RUNNING, started_at__lt=timezone.now() - Delivery.STALE_AFTER)


def delivery_files_delete(delivery: Delivery) -> None:
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
    for delivery in Delivery.objects.filter(running_without_worker()):
        with transaction.atomic():
            ended = Delivery.objects.filter(running_without_worker(), pk=delivery.pk).update(
                status=Delivery.Status.FAILED, finished_at=timezone.now(), error=STOPPED_MESSAGE
            )
            if not ended:
                continue
            delivery_files_delete(delivery)
            audit_record(
                actor=None,
                code="control.delivery_failed",
                obj=delivery,
                purpose="run zonder verwerking beëindigd",
            )
        swept.append(delivery.pk)
    return swept
