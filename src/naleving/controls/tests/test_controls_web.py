"""Theme controls in the web app: runs over uploaded deliveries, bias gate, release, register export."""

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.controls import algoritmeregister, deliveries
from naleving.controls.deliveries import control_run_upload
from naleving.controls.filter_register import filter_approve, filter_update, filters_sync
from naleving.controls.models import ControlHit, ControlRun, Delivery, Filter, FilterStatus
from naleving.controls.processing import delivery_process
from naleving.controls.proxy import proxy_check_fg_decide, proxy_check_justify
from naleving.controls.runs import control_run_explain, control_run_fg_approve, control_run_release
from naleving.signals.models import Signal

GOLDEN = Path(__file__).resolve().parents[2] / "analytics" / "tests" / "data" / "golden"

pytestmark = pytest.mark.django_db


def in_use(world, name="voertuigen"):
    """Approve the filter (FG) and put it in use (analyst), as the register requires before release."""
    filters_sync()
    filter_ = Filter.objects.get(name=name)
    filter_approve(actor=world["fg"], filter_=filter_, decision="approved", note="Akkoord")
    return filter_update(
        actor=world["analist"], filter_=filter_, owner=world["analist"], status=FilterStatus.IN_GEBRUIK
    )


def _fg_approved_if_needed(world, run):
    """The golden delivery is too small for the bias check: such a run needs the FG's approval to release."""
    if run.verdict in ("flag", "insufficient_data"):
        control_run_explain(actor=world["analist"], run=run, explanation="Te weinig gegevens; toegelicht.")
        control_run_fg_approve(actor=world["fg"], run=run, note="Akkoord")


def bsns(count, start=200000000):
    """`count` distinct 9-digit numbers that pass the elfproef."""
    found, n = [], start
    while len(found) < count:
        digits = f"{n:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
        if total % 11 == 0:
            found.append(digits)
        n += 1
    return found


def skewed_delivery():
    """80 clients, 40 in Noord and 40 in Zuid; only 20 in Noord have 3 vehicles: the district is flagged."""
    numbers = bsns(80)
    clients = [
        "client_id,bsn,birth_date,sex,household_type,partner_bsn,kostendelers_applied,address_id,district,"
        "regulation,benefit_start,benefit_end"
    ]
    vehicles = ["bsn,plate,registered_from,registered_to"]
    for i, bsn in enumerate(numbers):
        district = "Noord" if i < 40 else "Zuid"
        sex = "MV"[i % 2]
        clients.append(f"K{i:03d},{bsn},1980-01-01,{sex},alleenstaande,,1,A{i:03d},{district},Pw,2020-01-01,")
        if i < 20:
            vehicles += [f"{bsn},P{i:03d}-{k},2025-06-01," for k in range(3)]
    return {"clients": "\n".join(clients).encode(), "vehicles": "\n".join(vehicles).encode()}


def _files(*names, override=None):
    files = {}
    for name in names:
        content = (override or {}).get(name) or (GOLDEN / f"{name}.csv").read_bytes()
        files[name] = SimpleUploadedFile(f"{name}.csv", content, content_type="text/csv")
    return files


def _run(actor, control="voertuigen", files=None, **extra):
    return control_run_upload(
        actor=actor,
        files=files or _files("clients", "vehicles"),
        control=control,
        reference_date=date(2026, 3, 1),
        source="Inlichtingenbureau",
        delivery_date=date(2026, 3, 2),
        legal_basis="Participatiewet art. 64",
        **extra,
    )


@pytest.fixture
def made_dirs(monkeypatch):
    """The temporary folders the service creates (checked by path, so parallel test workers do not mix)."""
    made = []
    real = tempfile.mkdtemp

    def mkdtemp(**kwargs):
        made.append(Path(real(**kwargs)))
        return str(made[-1])

    monkeypatch.setattr(deliveries.tempfile, "mkdtemp", mkdtemp)
    return made


def test_filters_sync_is_idempotent():
    filters_sync()
    filters_sync()
    assert Filter.objects.count() == 5
    assert Filter.objects.get(name="voertuigen").legal_basis


def test_run_stores_hits_bias_hashes_and_deletes_raw_files(world, made_dirs):
    run = _run(world["analist"], control_sample=3, seed=42)
    assert len(made_dirs) == 1 and not made_dirs[0].exists()  # the raw delivery is gone
    assert run.hits_count == 2 and run.population == 23
    hits = list(run.hits.filter(in_control_group=False))
    assert [h.client_id for h in hits] == ["C01", hits[1].client_id]
    assert hits[0].bsn == "100000009" and hits[0].reasons and hits[0].evidence
    assert run.hits.filter(in_control_group=True).count() == 3 and run.seed == 42
    assert set(run.file_hashes) == {"clients.csv", "vehicles.csv"}
    assert len(run.file_hashes["clients.csv"]["sha256"]) == 64
    assert set(run.bias) == {"age_band", "sex", "household_type", "district"}
    assert run.verdict in {"ok", "insufficient_data"}
    assert AuditEvent.objects.filter(code="control.run", object_id=str(run.pk)).exists()


def test_invalid_delivery_names_file_row_column_stores_nothing(world, made_dirs):
    clients = (GOLDEN / "clients.csv").read_text().splitlines()
    clients[2] = clients[2].replace("100000071", "123456789")  # fails the elfproef
    with pytest.raises(ValidationError) as exc:
        _run(
            world["analist"],
            files=_files("clients", "vehicles", override={"clients": "\n".join(clients).encode()}),
        )
    message = " ".join(exc.value.messages)
    assert "clients.csv" in message and "rij 2" in message and "kolom bsn" in message
    assert ControlRun.objects.count() == 0 and ControlHit.objects.count() == 0
    assert len(made_dirs) == 1 and not made_dirs[0].exists()


def test_run_needs_permission(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _run(world["consulent"])


def test_flagged_run_needs_explanation_and_fg_approval(world):
    in_use(world)
    run = _run(world["analist"], files=_files("clients", "vehicles", override=skewed_delivery()))
    assert run.hits_count == 20 and run.population == 80
    assert run.verdict == "flag" and run.bias["district"]["verdict"] == "flag"
    assert run.bias["district"]["parity_ratio"] == 0.0 and run.bias["district"]["p_value"] < 0.05
    assert run.bias["sex"]["verdict"] == "ok"
    with pytest.raises(ValidationError, match="gemarkeerd"):
        control_run_release(actor=world["analist"], run=run)
    with pytest.raises(ValidationError, match="toelichting"):
        control_run_fg_approve(actor=world["fg"], run=run, note="")
    control_run_explain(actor=world["analist"], run=run, explanation="Klein aantal, verklaarbaar.")
    with pytest.raises(ValidationError):
        control_run_release(actor=world["analist"], run=run)
    control_run_fg_approve(actor=world["fg"], run=run, note="Akkoord")
    # The vehicles follow the district in this delivery: the proxy check wants its own justification.
    with pytest.raises(ValidationError, match="proxycontrole"):
        control_run_release(actor=world["analist"], run=run)
    check = run.filter.proxy_checks.first()
    proxy_check_justify(actor=world["analist"], check=check, justification="Voertuigen zijn de kern.")
    proxy_check_fg_decide(actor=world["fg"], check=check, approved=True)
    assert control_run_release(actor=world["analist"], run=run) == 20
    assert Signal.objects.filter(origin="themacontrole").count() == 20
    codes = set(AuditEvent.objects.values_list("code", flat=True))
    assert {"control.explained", "control.fg_approved", "control.released"} <= codes


def test_release_needs_a_filter_in_use(world):
    run = _run(world["analist"])
    with pytest.raises(ValidationError, match="in gebruik"):
        control_run_release(actor=world["analist"], run=run)
    assert not Signal.objects.filter(origin="themacontrole").exists()


def test_release_creates_signals_for_hits_and_control_group_once(world):
    in_use(world)
    run = _run(world["analist"], control_sample=3, seed=42)
    _fg_approved_if_needed(world, run)
    assert control_run_release(actor=world["analist"], run=run) == 5
    assert control_run_release(actor=world["analist"], run=run) == 0
    signals = Signal.objects.filter(origin="themacontrole")
    assert signals.count() == 5
    signal = signals.get(subject_bsn="100000009")
    assert signal.kind == "vehicle" and "voertuigen" in signal.description
    assert "vehicles" not in signal.description  # Dutch, from the reason code
    control = signals.filter(external_reference__startswith=f"TCC-{run.pk}-")
    assert control.count() == 3 and all("controlegroep" in s.description for s in control)
    run.refresh_from_db()
    assert run.status == "released"


def test_register_export_keys_and_limits(world, client, settings):
    settings.NALEVING_ORGANISATION = "Gemeente Test"
    filters_sync()
    Filter.objects.filter(name="voertuigen").update(purpose="x" * 5000)
    required = {
        "name",
        "description_short",
        "organization",
        "status",
        "contact_email",
        "publication_category",
        "lang",
    }
    for filter_ in Filter.objects.all():
        data = algoritmeregister.entry(filter_)
        assert required <= set(data)
        assert data["status"] in {"In ontwikkeling", "In gebruik", "Buiten gebruik"}
        assert data["publication_category"] == "Impactvolle algoritmes" and data["lang"] == "nld"
        assert data["organization"] == "Gemeente Test" and data["standard_version"] == "1.0"
        assert data["category"] == ["Sociale zekerheid"]
        for key, limit in algoritmeregister.LIMITS.items():
            assert len(data[key]) <= limit, key
    client.force_login(world["analist"])
    response = client.get(reverse("controls:register_export", args=["voertuigen"]))
    assert response.status_code == 200 and len(json.loads(response.content)["name"]) <= 100


def test_upload_view_and_run_page(world, client):
    client.force_login(world["analist"])
    data = {
        "reference_date": "2026-03-01",
        "source": "Inlichtingenbureau",
        "delivery_date": "2026-03-02",
        "legal_basis": "Pw art. 64",
        "controls": ["voertuigen"],
        "params": "min_vehicles=3",
        **{f"file_{k}": v for k, v in _files("clients", "vehicles").items()},
    }
    response = client.post(reverse("controls:run_upload", args=["voertuigen"]), data)
    delivery = Delivery.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "controls:delivery_detail", args=[delivery.pk]
    )
    assert delivery.status == "queued" and delivery.controls == ["voertuigen"]
    page = client.get(response.url).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page and "In de wachtrij" in page
    delivery_process(delivery.pk)
    status = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in status and 'value="100"' in status and "Ruwe bestanden verwijderd" in status
    run = ControlRun.objects.get()
    assert reverse("controls:run_detail", args=[run.pk]) in status
    page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "100000009" in page and "Biasrapport" in page and "<svg" in page
    assert "Leeftijdsgroep" in page and "Kenteken" in page and "{&#x27;" not in page
    client.force_login(world["fg"])
    page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "100000009" not in page and "Biasrapport" in page
    response = client.post(reverse("controls:run_release", args=[run.pk]))
    assert response.status_code == 403
    assert client.get(reverse("controls:filter_detail", args=["voertuigen"])).status_code == 200


def test_upload_view_shows_delivery_error(world, client):
    client.force_login(world["analist"])
    data = {
        "reference_date": "2026-03-01",
        "source": "Inlichtingenbureau",
        "delivery_date": "2026-03-02",
        "legal_basis": "Pw art. 64",
        "controls": ["voertuigen"],
        **{
            f"file_{k}": v
            for k, v in _files("clients", "vehicles", override={"vehicles": b"plate\nAB\n"}).items()
        },
    }
    response = client.post(reverse("controls:run_upload", args=["voertuigen"]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "vehicles.csv" in page and "kolom bsn" in page
    assert ControlRun.objects.count() == 0 and Delivery.objects.count() == 0


def test_public_page_without_login_has_no_personal_data(world, client):
    in_use(world)
    run = _run(world["analist"])
    page = client.get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert run.reference_date.strftime("%d-%m-%Y") not in page  # not released: not shown
    _fg_approved_if_needed(world, run)
    control_run_release(actor=world["analist"], run=run)
    page = client.get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert "Een mens beoordeelt altijd" in page
    assert "100000009" not in page and "C01" not in page
    assert run.reference_date.strftime("%d-%m-%Y") in page
