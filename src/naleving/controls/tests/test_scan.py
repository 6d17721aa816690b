"""The unsupervised bias scan of a run: outcomes per hit, the stored scan with its audit event, the run page
that shows it (or "te weinig uitkomsten"), and who may run it."""

import pytest
from django.urls import reverse

from naleving.accounts.tests.factories import UserFactory
from naleving.audit.models import AuditEvent
from naleving.controls.scan import control_run_scan, hit_outcomes
from naleving.controls.tests.factories import ControlHitFactory, ControlRunFactory
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory
from naleving.signals.tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def _evidence(plates: int, on_name: bool) -> dict:
    vehicles = [
        {"row": i, "plate": f"AB-{i:02d}-CD", "registered_from": "2025-06-01", "registered_to": "2025-09-01"}
        for i in range(plates)
    ]
    if on_name:
        vehicles[0]["registered_to"] = None
    return {
        "bsn": "000000000",
        "window": {"from": "2025-03-01", "to": "2026-03-01"},
        "distinct_plates": plates,
        "vehicles": vehicles,
    }


def _hit(run, resident, gemeente, *, plates, on_name, outcome):
    """A released hit whose signal led to an investigation: "breach", "none" (no breach), "open" or None."""
    signal = SignalFactory(resident=resident, gemeente=gemeente, origin="themacontrole", registered_by=None)
    hit = ControlHitFactory(run=run, evidence=_evidence(plates, on_name), signal=signal)
    if outcome is not None:
        traits = {"breach": {"closed_with_breach": True}, "none": {"closed_without_breach": True}}
        InvestigationFactory(resident=resident, signals=[signal], **traits.get(outcome, {}))
    return hit


@pytest.fixture
def people():
    gemeente = GemeenteFactory()
    return ResidentFactory(gemeente=gemeente), gemeente


def test_outcome_per_hit(people):
    resident, gemeente = people
    run = ControlRunFactory(released=True)
    breach = _hit(run, resident, gemeente, plates=3, on_name=False, outcome="breach")
    nothing = _hit(run, resident, gemeente, plates=3, on_name=False, outcome="none")
    still_open = _hit(run, resident, gemeente, plates=3, on_name=False, outcome="open")
    no_signal = ControlHitFactory(run=run, evidence=_evidence(3, False))
    ControlHitFactory(run=run, in_control_group=True)
    outcomes = {hit.pk: outcome for hit, outcome in hit_outcomes(run)}
    assert outcomes == {breach.pk: False, nothing.pk: True, still_open.pk: None, no_signal.pk: None}


def test_the_scan_finds_the_group_investigated_for_nothing_and_the_page_shows_it(people, client):
    resident, gemeente = people
    analist = UserFactory(data_analist=True)
    run = ControlRunFactory(released=True, seed=5)
    # many plates, a vehicle still on the name: investigated for nothing; few plates: breaches
    for i in range(14):
        _hit(run, resident, gemeente, plates=7 + i % 3, on_name=True, outcome="none")
        _hit(run, resident, gemeente, plates=3, on_name=False, outcome="breach" if i % 7 else "none")
    run = control_run_scan(actor=analist, run=run, min_cluster_size=5)
    scan = run.scan
    assert scan["status"] == "ok"
    assert scan["with_outcome"] == 28
    top = scan["clusters"][0]
    assert top["significant"] and top["error_rate"] == 1.0
    assert "In deze groep is het aantal kentekens in het jaar gemiddeld hoger (" in " ".join(top["sentences"])
    event = AuditEvent.objects.get(code="control.scanned")
    assert event.after["significant"] >= 1
    client.force_login(analist)
    page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "Biasscan zonder beschermde kenmerken" in page
    assert "Significant afwijkend" in page
    assert "een voertuig op naam op de peildatum" in page


def test_too_few_outcomes_is_stored_and_said(people, client):
    resident, gemeente = people
    analist = UserFactory(data_analist=True)
    run = ControlRunFactory(released=True)
    for outcome in ("breach", "none", "open"):
        _hit(run, resident, gemeente, plates=3, on_name=False, outcome=outcome)
    client.force_login(analist)
    response = client.post(reverse("controls:run_scan", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.scan["status"] == "too_few_outcomes"
    assert run.scan["parameters"]["min_cluster_size"] == 10
    page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "Te weinig uitkomsten" in page


@pytest.mark.parametrize(("role", "status"), [("data_analist", 302), ("fg", 403), ("teamleider", 403)])
def test_only_the_analyst_runs_the_scan(client, role, status):
    run = ControlRunFactory()
    client.force_login(UserFactory(**{role: True}))
    assert client.post(reverse("controls:run_scan", args=[run.pk])).status_code == status
    assert client.get(reverse("controls:run_scan", args=[run.pk])).status_code in (403, 405)
    run.refresh_from_db()
    assert bool(run.scan) == (status == 302)


def test_the_page_before_a_scan(client):
    run = ControlRunFactory()
    client.force_login(UserFactory(fg=True))
    page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "De scan is voor deze run nog niet uitgevoerd." in page
    assert "Biasscan uitvoeren" not in page
