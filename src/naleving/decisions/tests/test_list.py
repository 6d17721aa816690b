"""The besluiten list reads what it shows: not the engine's request and response, the weighing or the
motivation of each besluit (issue #24), and no query per row for them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from naleving.decisions.tests.factories import BesluitFactory
from naleving.decisions.views import BesluitListView
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _besluit(world, n: int):
    resident = ResidentFactory(consulent=world["consulent"]) if n else world["jansen"]
    return BesluitFactory(investigation=InvestigationFactory(resident=resident, closed_with_breach=True))


def _listed(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("decisions:list"))
    assert response.status_code == 200
    return response.context["page_obj"].object_list, len(queries)


def test_the_list_defers_what_it_does_not_show_and_reads_no_row_twice(client, world):
    client.force_login(world["teamleider"])
    _besluit(world, 0)
    rows, one = _listed(client)
    assert len(rows) >= 1
    resident = rows[0].resident  # his deferred attributes: ``gemeente_id`` for the field ``gemeente``
    unread = {
        f"resident__{f.name}"
        for f in resident._meta.concrete_fields
        if f.attname in resident.get_deferred_fields()
    }
    deferred = rows[0].get_deferred_fields() | unread
    assert set(BesluitListView.not_listed) <= deferred
    assert rows[0].resident.full_name  # the name is read
    for n in (1, 2, 3):
        _besluit(world, n)
    rows, four = _listed(client)
    assert len(rows) >= 4 and four == one  # the same queries for four rows as for one
    page = client.get(reverse("decisions:list")).content.decode()
    assert all(reverse("decisions:detail", args=[b.pk]) in page for b in rows)
