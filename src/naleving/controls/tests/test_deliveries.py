"""Deliveries in the background: queue, progress, failure, cancel, the sweep of runs
that lost their worker, and the Dutch message for a missing legal amount."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.controls import processing
from naleving.controls.deliveries import DELIVERY_FILES, delivery_cancel, delivery_submit
from naleving.controls.models import ControlRun, Delivery
from naleving.controls.processing import STOPPED_MESSAGE, deliveries_sweep, delivery_process
from naleving.controls.tests.test_controls_web import _files

GOLDEN = Path(__file__).resolve().parents[2] / "analytics" / "tests" / "data" / "golden"

pytestmark = pytest.mark.django_db


def _submit(actor, controls=("voertuigen",), files=None, **extra):
    return delivery_submit(
        actor=actor,
        files=files or _files("clients", "vehicles"),
        controls=list(controls),
        reference_date=date(2026, 3, 1),
        source="Inlichtingenbureau",
        delivery_date=date(2026, 3, 2),
        legal_basis="Participatiewet art. 64",
        enqueue=False,
        **extra,
    )


def test_submit_keeps_the_files_until_the_run_then_deletes_them(world, delivery_dir):
    delivery = _submit(world["analist"], controls=["voertuigen", "brp_adres"], files=_files(*DELIVERY_FILES))
    folder = Path(delivery.folder)
    assert delivery.status == "queued" and folder.parent == delivery_dir and folder.is_dir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(delivery.file_names)
    assert AuditEvent.objects.filter(code="control.delivery_received", object_id=str(delivery.pk)).exists()
    outcome = delivery_process(delivery.pk)
    delivery.refresh_from_db()
    assert outcome["status"] == "done" and len(outcome["runs"]) == 2
    assert delivery.status == "done" and delivery.progress == 100 and delivery.finished_at
    assert not folder.exists() and delivery.folder == "" and delivery.files_deleted_at
    assert {"clients.csv", "vehicles.csv", "brp.csv"} <= set(delivery.file_hashes)
    runs = {r.filter.name: r for r in delivery.runs.select_related("filter")}
    assert set(runs) == {"voertuigen", "brp_adres"}
    assert set(runs["voertuigen"].file_hashes) == {"clients.csv", "vehicles.csv"}
    # each hit keeps its bias-check groups (sex included) for the outcome review after the files are gone
    hits = list(runs["voertuigen"].hits.all())
    assert hits and all(set(h.groups) == {"age_band", "sex", "household_type", "district"} for h in hits)
    # a second worker finds nothing to do
    assert delivery_process(delivery.pk)["runs"] == []
    assert ControlRun.objects.count() == 2


def test_progress_is_written_while_the_run_goes(world, monkeypatch):
    delivery = _submit(world["analist"], control_sample=2, seed=5)
    seen = []
    real = processing._progress_writer

    def spy(delivery_id):
        write = real(delivery_id)

        def tell(share, step, subject):
            write(share, step, subject)
            row = Delivery.objects.values("status", "progress", "step").get(pk=delivery_id)
            seen.append(row)

        return tell

    monkeypatch.setattr(processing, "_progress_writer", spy)
    delivery_process(delivery.pk)
    assert all(row["status"] == "running" for row in seen)
    percents = [row["progress"] for row in seen]
    assert percents == sorted(percents) and percents[0] == 0 and 0 < percents[-1] <= 99
    steps = [row["step"] for row in seen]
    assert "Bestand clients.csv inlezen en controleren" in steps
    for step in ("Treffers zoeken", "Biascheck", "Controlegroep trekken"):
        assert f"{step}: Meerdere voertuigen op naam" in steps
    assert "Samenhang tussen de bestanden controleren" in steps


def test_a_bad_value_fails_the_delivery_naming_file_row_column_and_stores_nothing(world):
    vehicles = (GOLDEN / "vehicles.csv").read_text().splitlines()
    vehicles[3] = vehicles[3].split(",")[0] + ",XX-11-YY,gisteren,"
    delivery = _submit(
        world["analist"],
        files=_files("clients", "vehicles", override={"vehicles": "\n".join(vehicles).encode()}),
    )
    folder = Path(delivery.folder)
    outcome = delivery_process(delivery.pk)
    delivery.refresh_from_db()
    assert outcome["status"] == "failed" and delivery.status == "failed"
    assert (
        "vehicles.csv" in delivery.error and "rij 3" in delivery.error and "registered_from" in delivery.error
    )
    assert not folder.exists() and delivery.files_deleted_at
    assert ControlRun.objects.count() == 0
    assert AuditEvent.objects.filter(code="control.delivery_failed").exists()


def test_header_problems_are_refused_at_upload(world, delivery_dir):
    clients = (GOLDEN / "clients.csv").read_text().splitlines()
    clients = [clients[0] + ",nationality"] + [line + ",NL" for line in clients[1:]]
    with pytest.raises(ValidationError) as caught:
        _submit(
            world["analist"],
            files=_files("clients", "vehicles", override={"clients": "\n".join(clients).encode()}),
        )
    assert "nationality" in " ".join(caught.value.messages) and "bijzondere persoonsgegevens" in " ".join(
        caught.value.messages
    )
    with pytest.raises(ValidationError, match="balances"):
        _submit(world["analist"], controls=["vermogen"])
    with pytest.raises(ValidationError, match="themacontrole"):
        _submit(world["analist"], controls=[])
    with pytest.raises(ValidationError, match="min_vehicles"):
        _submit(world["analist"], params={"min_vehicles": "veel"})
    assert Delivery.objects.count() == 0
    assert not any(delivery_dir.iterdir())  # no upload left behind


def test_cancel_deletes_the_files_and_only_while_queued(world):
    delivery = _submit(world["analist"])
    folder = Path(delivery.folder)
    with pytest.raises(PermissionDenied):
        delivery_cancel(actor=world["fg"], delivery=delivery)
    delivery_cancel(actor=world["analist"], delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == "cancelled" and not folder.exists() and delivery.files_deleted_at
    assert delivery_process(delivery.pk)["status"] == "cancelled"
    with pytest.raises(ValidationError, match="wachtrij"):
        delivery_cancel(actor=world["analist"], delivery=delivery)


def test_an_unexpected_error_fails_the_delivery_and_still_deletes_the_files(world, monkeypatch):
    delivery = _submit(world["analist"])
    folder = Path(delivery.folder)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(processing, "_store_runs", broken)
    with pytest.raises(RuntimeError):
        delivery_process(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "niets opgeslagen" in delivery.error
    assert not folder.exists() and delivery.files_deleted_at and ControlRun.objects.count() == 0


def test_a_run_that_lost_its_worker_can_be_cancelled(world, client):
    from django.utils import timezone

    delivery = _submit(world["analist"])
    folder = Path(delivery.folder)
    Delivery.objects.filter(pk=delivery.pk).update(status="running", started_at=timezone.now())
    delivery.refresh_from_db()
    assert not delivery.stale
    with pytest.raises(ValidationError, match="vastgelopen"):
        delivery_cancel(actor=world["analist"], delivery=delivery)
    Delivery.objects.filter(pk=delivery.pk).update(started_at=timezone.now() - Delivery.STALE_AFTER * 2)
    delivery.refresh_from_db()
    assert delivery.stale
    client.force_login(world["analist"])
    page = client.get(reverse("controls:delivery_detail", args=[delivery.pk])).content.decode()
    assert "lijkt vastgelopen" in page and "hx-trigger" not in page and "Annuleren" in page
    delivery_cancel(actor=world["analist"], delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == "cancelled" and not folder.exists()


def test_the_sweep_ends_runs_that_lost_their_worker_and_deletes_their_files(world):
    from io import StringIO

    from django.utils import timezone

    from naleving.controls.tasks import delivery_run

    stuck, busy, waiting = (_submit(world["analist"]) for _ in range(3))
    Delivery.objects.filter(pk=stuck.pk).update(
        status="running", started_at=timezone.now() - Delivery.STALE_AFTER * 2
    )
    Delivery.objects.filter(pk=busy.pk).update(status="running", started_at=timezone.now())
    out = StringIO()
    call_command("deliveries-sweep", stdout=out)
    assert out.getvalue() == f"1 vastgelopen levering(en) beëindigd, ruwe bestanden verwijderd: {stuck.pk}.\n"
    stuck_folder = Path(stuck.folder)
    stuck.refresh_from_db()
    assert (stuck.status, stuck.error, stuck.folder) == ("failed", STOPPED_MESSAGE, "")
    assert stuck.files_deleted_at is not None and not stuck_folder.exists()
    event = AuditEvent.objects.filter(code="control.delivery_failed", object_id=str(stuck.pk)).get()
    assert event.actor_id is None and event.purpose == "run zonder verwerking beëindigd"
    for other, status in ((busy, "running"), (waiting, "queued")):
        other.refresh_from_db()
        assert other.status == status and Path(other.folder).is_dir()
    assert deliveries_sweep() == []  # ended once
    out = StringIO()
    call_command("deliveries-sweep", stdout=out)
    assert out.getvalue() == "Geen vastgelopen leveringen.\n"
    # each delivery task sweeps before it runs its own delivery
    Delivery.objects.filter(pk=busy.pk).update(started_at=timezone.now() - Delivery.STALE_AFTER * 2)
    assert delivery_run.call(waiting.pk)["status"] == "done"
    busy.refresh_from_db()
    assert busy.status == "failed" and busy.folder == ""


def test_the_run_link_of_an_unknown_filter_is_not_found(world, client):
    client.force_login(world["analist"])
    assert client.get(reverse("controls:run_upload", args=["fietsen"])).status_code == 404
    page = client.get(reverse("controls:run_upload", args=["vermogen"])).content.decode()
    checked = re.findall(r"<input[^>]*\bchecked\b[^>]*>", page)
    assert len(checked) == 1 and 'value="vermogen"' in checked[0] and 'id="id_controls_1"' in checked[0]


def test_a_missing_legal_amount_is_named_in_words_with_who_adds_it():
    from naleving import analytics
    from naleving.analytics.controls.vermogen import asset_limits

    with pytest.raises(analytics.RulesParameterError) as info:
        asset_limits(date(2027, 2, 1))  # the asset limits end on 2026-12-31
    message = processing.analytics_validation_error(info.value).message_dict["reference_date"][0]
    assert message == (
        "Voor deze peildatum ontbreekt nog de vermogensgrens voor een alleenstaande. De functioneel beheerder "
        "kan dit bedrag toevoegen."
    )
    assert "yaml" not in message and "naleving.rules" not in message
