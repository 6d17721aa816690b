"""Deliveries in the background: queue, progress, failure, cancel, the real task worker; the filter register's
owner and status; the effectiveness of released runs (selected vs control group)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.controls import processing, selectors
from naleving.controls.deliveries import DELIVERY_FILES, control_run_upload, delivery_cancel, delivery_submit
from naleving.controls.filter_register import filter_approve, filter_update, filters_sync
from naleving.controls.models import ControlRun, Delivery, Filter, FilterChange, FilterStatus
from naleving.controls.processing import STOPPED_MESSAGE, deliveries_sweep, delivery_process
from naleving.controls.runs import control_run_release
from naleving.controls.tests.test_controls_web import _files, in_use
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.signals.models import Signal

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


@pytest.mark.django_db(transaction=True)
def test_upload_queues_the_task_and_db_worker_runs_it(world, client):
    from django_tasks_db.models import DBTaskResult

    client.force_login(world["analist"])
    data = {
        "controls": ["voertuigen", "brp_adres"],
        "reference_date": "2026-03-01",
        "source": "Inlichtingenbureau",
        "delivery_date": "2026-03-02",
        "legal_basis": "Pw art. 64",
        "control_sample": "2",
        **{f"file_{k}": v for k, v in _files("clients", "vehicles", "brp", "addresses").items()},
    }
    response = client.post(reverse("controls:delivery_new"), data)
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    task = DBTaskResult.objects.get()
    assert task.status == "READY" and task.args_kwargs["args"] == [delivery.pk]
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)
    task.refresh_from_db()
    delivery.refresh_from_db()
    assert task.status == "SUCCESSFUL" and delivery.status == "done"
    assert delivery.runs.count() == 2 and delivery.seed is not None
    page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "Runs van deze levering" in page and "hx-trigger" not in page


def test_filter_goes_in_use_only_after_fg_approval(world):
    filters_sync()
    filter_ = Filter.objects.get(name="vermogen")
    analyst = world["analist"]
    with pytest.raises(ValidationError, match="FG"):
        filter_update(actor=analyst, filter_=filter_, owner=None, status=FilterStatus.IN_GEBRUIK)
    filter_approve(actor=world["fg"], filter_=filter_, decision="rejected", note="Doel te vaag")
    with pytest.raises(ValidationError, match="FG"):
        filter_update(actor=analyst, filter_=filter_, owner=None, status=FilterStatus.IN_GEBRUIK)
    filter_approve(actor=world["fg"], filter_=filter_, decision="approved", note="Nu goed")
    with pytest.raises(ValidationError, match="eigenaar"):
        filter_update(actor=analyst, filter_=filter_, owner=world["consulent"], status="in_gebruik")
    with pytest.raises(PermissionDenied):
        filter_update(actor=world["fg"], filter_=filter_, owner=None, status="in_gebruik")
    filter_update(
        actor=analyst, filter_=filter_, owner=world["teamleider"], status="in_gebruik", note="Start"
    )
    filter_.refresh_from_db()
    assert filter_.status == "in_gebruik" and filter_.owner == world["teamleider"]
    change = FilterChange.objects.get(filter=filter_)
    assert change.before == {"owner": None, "status": "in_ontwikkeling"} and change.note == "Start"
    assert AuditEvent.objects.filter(code="filter.changed", object_id=str(filter_.pk)).exists()
    with pytest.raises(ValidationError, match="niets gewijzigd"):
        filter_update(actor=analyst, filter_=filter_, owner=world["teamleider"], status="in_gebruik")
    filter_update(actor=analyst, filter_=filter_, owner=world["teamleider"], status="buiten_gebruik")
    with pytest.raises(ValidationError, match="buiten gebruik"):
        _submit(analyst, controls=["vermogen"], files=_files(*DELIVERY_FILES))


def test_filter_page_shows_history_and_the_update_form_posts(world, client):
    filters_sync()
    filter_approve(actor=world["fg"], filter_=Filter.objects.get(name="voertuigen"), decision="approved")
    client.force_login(world["analist"])
    url = reverse("controls:filter_update", args=["voertuigen"])
    response = client.post(url, {"owner": world["analist"].pk, "status": "in_gebruik", "note": "Live"})
    assert response.status_code == 302
    page = client.get(reverse("controls:filter_detail", args=["voertuigen"])).content.decode()
    assert (
        "Beoordeling FG: goedgekeurd" in page
        and "status In ontwikkeling → In gebruik" in page
        and "Live" in page
    )
    client.force_login(world["fg"])
    assert client.post(url, {"status": "buiten_gebruik"}).status_code == 403


def _close(signal, *, breach, amount="0.00"):
    if breach:
        return InvestigationFactory(
            resident=signal.resident,
            signals=[signal],
            closed_with_breach=True,
            benadelingsbedrag=Decimal(amount),
        )
    return InvestigationFactory(resident=signal.resident, signals=[signal], closed_without_breach=True)


def test_effectiveness_compares_the_selected_with_the_control_group(world, client):
    in_use(world)
    run = ControlRun.objects.get(
        pk=control_run_upload(
            actor=world["analist"],
            files=_files("clients", "vehicles"),
            control="voertuigen",
            reference_date=date(2026, 3, 1),
            source="Inlichtingenbureau",
            delivery_date=date(2026, 3, 2),
            legal_basis="Pw art. 64",
            control_sample=4,
            seed=3,
        ).pk
    )
    control_run_release(actor=world["analist"], run=run)
    selected = [h.signal for h in run.hits.filter(in_control_group=False).select_related("signal")]
    control = [h.signal for h in run.hits.filter(in_control_group=True).select_related("signal")]
    assert len(selected) == 2 and len(control) == 4
    for signal in selected + control:  # the delivery's BSNs are not residents here: link one for the factory
        Signal.objects.filter(pk=signal.pk).update(resident=world["jansen"])
        signal.refresh_from_db()
    _close(selected[0], breach=True, amount="1250.00")
    _close(selected[1], breach=True, amount="300.00")
    _close(control[0], breach=False)
    _close(control[1], breach=False)
    InvestigationFactory(resident=world["pietersen"], signals=[control[2]])  # still open
    effect = selectors.runs_effectiveness([run])[run.pk]
    assert (effect.selected.signals, effect.selected.closed, effect.selected.breaches) == (2, 2, 2)
    assert effect.selected.hit_rate == 1.0 and effect.selected.benadeling == Decimal("1550.00")
    assert (effect.control.signals, effect.control.closed, effect.control.open) == (4, 2, 1)
    assert effect.control.hit_rate == 0.0 and effect.lift is None  # no breach in the control group
    _close(control[3], breach=True, amount="100.00")
    effect = selectors.runs_effectiveness([run])[run.pk]
    assert effect.control.hit_rate == pytest.approx(1 / 3) and effect.lift == pytest.approx(3.0)
    client.force_login(world["fg"])
    page = client.get(reverse("controls:filter_detail", args=["voertuigen"])).content.decode()
    assert "3,00" in page and "€ 1.550,00" in page.replace("\xa0", " ") and "33%" in page
    run_page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "Lift (trefkans selectie / trefkans controlegroep): 3,00" in run_page
    # 2 of 2 against 1 of 3: Katz 95 % interval exp(ln 3 ± 1.96·√(1/2 − 1/2 + 1 − 1/3)) = 0.61 … 14.86
    assert "(95%-BI 0,61–14,86)" in run_page and "(95%-BI 0,61–14,86)" in page
    assert "Nog niet aantoonbaar beter dan toeval" in run_page
    # residents see hit rates only with at least 5 closed investigations per group
    client.logout()
    public = client.get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert "te weinig afgeronde onderzoeken" in public and "33%" not in public


def test_filter_page_compares_years(world, client):
    from naleving.controls.models import Filter as F

    filters_sync()
    voertuigen = F.objects.get(name="voertuigen")
    for reference, verdict in (
        (date(2025, 3, 1), "flag"),
        (date(2026, 3, 1), "ok"),
        (date(2026, 9, 1), "ok"),
    ):
        ControlRun.objects.create(
            filter=voertuigen, reference_date=reference, source="RDW", delivery_date=reference,
            legal_basis="Pw 64", population=100, hits_count=4, verdict=verdict, created_by=world["analist"],
        )  # fmt: skip
    client.force_login(world["analist"])
    page = client.get(reverse("controls:filter_detail", args=["voertuigen"])).content.decode()
    assert "vergelijking met eerdere jaren" in page
    row_2026 = page.split('scope="row">2026</th>')[1].split("</tr>")[0]
    assert (
        '<td class="utrecht-table__cell">2</td><td class="utrecht-table__cell">8</td><td class="utrecht-table__cell">0</td>'
        in row_2026
    )
    row_2025 = page.split('scope="row">2025</th>')[1].split("</tr>")[0]
    assert (
        '<td class="utrecht-table__cell">1</td><td class="utrecht-table__cell">4</td><td class="utrecht-table__cell">1</td>'
        in row_2025
    )


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
    assert 'value="vermogen" id="id_controls_1" checked>' in page and page.count(" checked>") == 1


def test_public_page_says_whether_the_difference_is_beyond_chance(world, client):
    """From 5 closed per group the residents' page gives the hit rates and what the 95 % interval allows."""
    from naleving.signals.tests.factories import SignalFactory

    filters_sync()
    run = ControlRun.objects.create(
        filter=Filter.objects.get(name="kostendelers"), reference_date=date(2026, 3, 1), source="BRP",
        delivery_date=date(2026, 3, 2), legal_basis="Pw 64", population=500, hits_count=12,
        verdict="ok", status="released", created_by=world["analist"],
    )  # fmt: skip

    def assess(count, breaches, in_control_group):
        for i in range(count):
            signal = SignalFactory(resident=world["pietersen"], origin="themacontrole")
            run.hits.create(
                client_id=f"{in_control_group}-{i}", signal=signal, in_control_group=in_control_group
            )
            _close(signal, breach=i < breaches, amount="100.00")

    assess(12, 10, False)  # 83 % of the selected
    assess(10, 1, True)  # 10 % of the control group: lift 8.3, interval 1.28 … 54.4 lies above 1
    page = client.get(reverse("algorithms:detail", args=["kostendelers"])).content.decode()
    assert "83%" in page and "10%" in page and "8,3 keer zo vaak" in page
    assert "niet op toeval te berusten" in page
    client.force_login(world["analist"])
    register = client.get(reverse("controls:filter_detail", args=["kostendelers"])).content.decode()
    assert "Het filter vindt aantoonbaar vaker een fout" in register
    # the algoritmeregister entry carries the same comparison, as its proportionality evidence
    from naleving.controls import register as algoritmeregister

    proportionality = algoritmeregister.entry(run.filter)["proportionality"]
    assert (
        "Tot nu toe stelde na selectie 83% van de afgeronde onderzoeken een schending vast (10 van 12), "
        "in de controlegroep 10% (1 van 10). Lift 8,33 (95%-betrouwbaarheidsinterval 1,28–54,42). "
        "Het filter vindt daarmee aantoonbaar meer dan toeval."
    ) in proportionality
    voertuigen = algoritmeregister.entry(Filter.objects.get(name="voertuigen"))["proportionality"]
    assert "nog te weinig afgeronde onderzoeken (minder dan 5 per groep)" in voertuigen


@pytest.mark.parametrize(
    ("selected", "control", "expected", "absent"),
    [
        # 60 % against 40 %: Katz exp(ln 1.5 ± 1.96·√(1/3 − 1/5 + 1/2 − 1/5)) = 0.41 … 5.45 holds 1
        (
            (5, 3),
            (5, 2),
            "Lift 1,50 (95%-betrouwbaarheidsinterval 0,41–5,45). Het is nog niet aangetoond",
            "x",
        ),
        # no breach in the control group: no lift
        ((5, 3), (5, 0), "in de controlegroep 0% (0 van 5).", "Lift"),
        # no breach after selection: lift 0, no interval and nothing concluded
        ((5, 0), (5, 2), "Lift 0,00.", "betrouwbaarheidsinterval"),
        # far less than chance
        (
            (40, 2),
            (40, 30),
            "Het filter vindt aantoonbaar minder dan toeval; het gebruik wordt heroverwogen.",
            "x",
        ),
    ],
)
def test_register_entry_states_what_the_control_group_allows(world, selected, control, expected, absent):
    from naleving.controls import register as algoritmeregister
    from naleving.signals.tests.factories import SignalFactory

    filters_sync()
    run = ControlRun.objects.create(
        filter=Filter.objects.get(name="adresbezetting"), reference_date=date(2026, 3, 1), source="BRP",
        delivery_date=date(2026, 3, 2), legal_basis="Pw 64", population=500, hits_count=selected[0],
        verdict="ok", status="released", created_by=world["analist"],
    )  # fmt: skip
    for in_control_group, (closed, breaches) in ((False, selected), (True, control)):
        for i in range(closed):
            signal = SignalFactory(resident=world["pietersen"], origin="themacontrole")
            run.hits.create(
                client_id=f"{in_control_group}-{i}", signal=signal, in_control_group=in_control_group
            )
            _close(signal, breach=i < breaches, amount="100.00")
    text = algoritmeregister.effectiveness_text(run.filter)
    assert expected in text and absent not in text


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
