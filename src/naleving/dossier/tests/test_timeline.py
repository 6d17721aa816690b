"""The resident file shows what happened to a resident, newest first, and logs the read once."""

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.dossier.timeline import resident_timeline


@pytest.mark.django_db
def test_timeline_shows_each_step_with_actor(client, world):
    client.force_login(world["consulent"])
    body = client.get(reverse("residents:detail", args=[world["jansen"].pk])).content.decode()
    for title in (
        "Uitkering Participatiewet gestart",
        "Signaal ontvangen: Inkomsten",
        "Onderzoek gestart",
        "Besluit: Bestuurlijke boete",
    ):
        assert title in body
    assert world["handhaver"].get_full_name() in body or world["handhaver"].username in body


@pytest.mark.django_db
def test_timeline_is_newest_first(world):
    entries = resident_timeline(actor=world["consulent"], resident=world["jansen"])
    assert len(entries) > 3
    keys = [e.sort_key for e in entries]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.django_db
def test_the_resident_file_logs_one_read_with_its_purpose(client, world):
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client.force_login(world["consulent"])
    client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    events = AuditEvent.objects.filter(id__gt=last).order_by("id")
    assert [(e.code, e.resident_id, e.purpose) for e in events] == [
        ("resident.viewed", world["jansen"].pk, "Eigen caseload (uitvoering uitkering)")
    ]


@pytest.mark.django_db
def test_a_resident_out_of_scope_is_not_found(client, world):
    client.force_login(world["consulent"])
    response = client.get(reverse("residents:detail", args=[world["pietersen"].pk]))
    assert response.status_code == 404
