"""Reads are logged at the edge: the view declares what it shows, the middleware writes it."""

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent


@pytest.mark.django_db
def test_a_page_showing_a_resident_writes_one_read_event_with_the_request_id(world, client):
    client.force_login(world["consulent"])
    response = client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.get(code="resident.viewed")
    assert event.resident_id == world["jansen"].pk
    assert event.actor_id == world["consulent"].pk
    assert event.purpose == "Eigen caseload (uitvoering uitkering)"
    assert event.request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_a_resident_out_of_scope_is_not_found_and_no_read_is_logged(world, client):
    client.force_login(world["consulent_zuid"])
    response = client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(code="resident.viewed").exists()


@pytest.mark.django_db
def test_a_refused_page_logs_no_read(world, client):
    client.force_login(world["analist"])
    response = client.get(reverse("residents:benefit_create", args=[world["jansen"].pk]))
    assert response.status_code in (403, 404)
    assert not AuditEvent.objects.filter(code="resident.viewed").exists()


@pytest.mark.django_db
def test_the_api_detail_logs_the_read_and_the_list_logs_the_search(world, client):
    client.force_login(world["consulent"])
    assert client.get(f"/api/v1/residents/{world['jansen'].pk}/").status_code == 200
    assert client.get("/api/v1/residents/?q=Jansen").status_code == 200
    viewed = AuditEvent.objects.get(code="resident.viewed")
    assert viewed.resident_id == world["jansen"].pk
    searched = AuditEvent.objects.get(code="resident.searched")
    assert searched.after["zoekterm"] == "q=Jansen"


@pytest.mark.django_db
def test_a_list_logs_each_resident_it_shows_once(world, client):
    client.force_login(world["teamleider"])
    response = client.get(reverse("signals:list"))
    assert response.status_code == 200
    listed = AuditEvent.objects.filter(code="resident.list_viewed", request_id=response["X-Request-ID"])
    assert sorted(listed.values_list("resident_id", flat=True)) == [world["jansen"].pk]
    assert listed.get().purpose == "Signalen in de werkvoorraad"


@pytest.mark.django_db
def test_case_pages_log_the_case_and_its_resident(world, client):
    client.force_login(world["handhaver"])
    client.get(reverse("investigations:detail", args=[world["investigation"].pk]))
    event = AuditEvent.objects.get(code="investigation.viewed")
    assert (event.resident_id, event.object_id) == (world["jansen"].pk, str(world["investigation"].pk))
    assert event.purpose == "Toegewezen handhavingsonderzoek"


@pytest.mark.django_db
def test_the_api_signal_list_logs_the_residents_it_links(world, client):
    client.force_login(world["teamleider"])
    response = client.get("/api/v1/signals/")
    assert response.status_code == 200
    logged = AuditEvent.objects.filter(code="resident.list_viewed", request_id=response["X-Request-ID"])
    assert set(logged.values_list("resident_id", flat=True)) == {world["jansen"].pk}


@pytest.mark.django_db
def test_the_analyst_reading_theme_control_hits_is_logged_per_resident(world, client):
    from naleving.controls.tests.factories import ControlHitFactory, ControlRunFactory

    run = ControlRunFactory(created_by=world["analist"])
    ControlHitFactory(run=run, bsn=world["jansen"].bsn, client_id="C1")
    ControlHitFactory(run=run, bsn="999999990", client_id="C2")
    client.force_login(world["analist"])
    response = client.get(reverse("controls:run_detail", args=[run.pk]))
    assert response.status_code == 200
    events = AuditEvent.objects.filter(code="control_run.hits_viewed", request_id=response["X-Request-ID"])
    assert events.filter(resident_id__isnull=True).get().after == {"treffers": 2}
    assert list(events.filter(resident_id__isnull=False).values_list("resident_id", flat=True)) == [
        world["jansen"].pk
    ]
