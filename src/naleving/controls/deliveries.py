"""Deliveries of data files for theme controls: the upload with every check that needs no data
(``delivery_submit``, then queued for ``tasks.delivery_run``) and the cancellation of a queued or stuck
delivery. Running a delivery is ``processing.delivery_process``. Every write runs in one transaction with its
audit event; on any error the uploaded files are deleted."""

import shutil
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from naleving import analytics
from naleving.audit.services import audit_record
from naleving.controls.filter_register import filters_sync
from naleving.controls.models import ControlRun, Delivery, Filter, FilterStatus
from naleving.controls.permissions import RUN, require
from naleving.controls.processing import (
    analytics_validation_error,
    delivery_files_delete,
    delivery_process,
    running_without_worker,
)
from naleving.controls.tasks import delivery_run
from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.selectors import gemeenten_of, works_for_all

#: the delivery files a user may upload (datasets.md "Input files")
DELIVERY_FILES = ("clients", "brp", "addresses", "vehicles", "balances")


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


def _resolve_gemeente(actor, gemeente: Gemeente | None) -> Gemeente | None:
    """The delivery's municipality: the chosen one if the actor works for it; none (the whole
    organisation) only for who works for all; the actor's own when they work for exactly one."""
    if gemeente is not None:
        if not gemeenten_of(actor).filter(pk=gemeente.pk).exists():
            raise ValidationError({"gemeente": f"U werkt niet voor de gemeente {gemeente.name}."})
        return gemeente
    if works_for_all(actor):
        return None
    mine = list(gemeenten_of(actor)[:2])
    if len(mine) == 1:
        return mine[0]
    raise ValidationError({"gemeente": "Kies de gemeente waarvoor de levering is."})


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
    gemeente: Gemeente | None = None,
) -> Delivery:
    """Accept a delivery for one or more controls and queue its run (``tasks.delivery_run``).

    Everything that needs no data is checked now, so the analyst sees it on the form: the controls (known,
    not out of use), the parameters, the law parameters on the reference date, the files the controls need
    and their headers (special categories are refused before any value is read). On any error the uploaded
    files are deleted and nothing is stored. The values themselves are checked by the run.

    ``gemeente`` makes it a run for one municipality (only its residents form the population); empty is
    the whole organisation, which only a user who works for all municipalities may choose.
    """
    require(actor, RUN)
    gemeente = _resolve_gemeente(actor, gemeente)
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
            raise analytics_validation_error(exc) from None
        with transaction.atomic():
            delivery = Delivery.objects.create(
                controls=controls,
                gemeente=gemeente,
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
                after={
                    "controls": controls,
                    "files": sorted(names),
                    "reference_date": reference_date,
                    "gemeente": gemeente.code if gemeente else None,
                },
            )
            if enqueue:
                transaction.on_commit(lambda: delivery_run.enqueue(delivery.pk))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return delivery


@transaction.atomic
def delivery_cancel(*, actor, delivery: Delivery) -> Delivery:
    """Cancel a delivery that has not started, or whose run lost its worker (``Delivery.stale``); its raw
    files are deleted."""
    require(actor, RUN)
    cancelled = Delivery.objects.filter(
        Q(status=Delivery.Status.QUEUED) | running_without_worker(), pk=delivery.pk
    ).update(status=Delivery.Status.CANCELLED, finished_at=timezone.now(), step="Geannuleerd")
    if not cancelled:
        raise ValidationError(
            "Alleen een levering die nog in de wachtrij staat of waarvan de run is vastgelopen, kan worden "
            "geannuleerd."
        )
    delivery_files_delete(delivery)
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
