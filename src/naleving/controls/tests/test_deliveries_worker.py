"""A delivery uploaded through the page is queued as a task and run by the real task worker (``db_worker``).

Transactional (the worker reads what the upload committed), so in a module of its own: the other delivery
tests share one world per module in an open transaction (``naleving.testing.fixtures``)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from naleving.controls.models import Delivery
from naleving.controls.tests.test_controls_web import _files


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
