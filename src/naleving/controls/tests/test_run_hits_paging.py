"""The run's page lists its hits 50 at a time (issue #21): a run of 120 hits is no 12,000 px page; the
summary, the effect and the bias report stay on every page, and only the hits shown are logged."""

from datetime import date

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.controls.filter_register import filters_sync
from naleving.controls.models import ControlHit, ControlRun, Filter
from naleving.controls.views import HITS_PER_PAGE

pytestmark = pytest.mark.django_db

HITS = 120


@pytest.fixture
def run(world):
    filters_sync()
    run = ControlRun.objects.create(
        filter=Filter.objects.get(name="voertuigen"),
        reference_date=date(2026, 3, 1),
        source="Inlichtingenbureau",
        delivery_date=date(2026, 3, 2),
        legal_basis="Pw art. 64",
        population=1000,
        hits_count=HITS,
        verdict="ok",
        created_by=world["analist"],
    )
    ControlHit.objects.bulk_create(
        ControlHit(run=run, client_id=f"C{n:04d}", reasons=[], evidence={}) for n in range(HITS)
    )
    ControlHit.objects.create(run=run, client_id="K0001", in_control_group=True)
    return run


def _hits_on(page: str) -> list[str]:
    return [f"C{n:04d}" for n in range(HITS) if f"Cliënt C{n:04d}" in page]


def test_the_hits_come_a_page_at_a_time_with_page_numbers(client, world, run):
    client.force_login(world["analist"])
    url = reverse("controls:run_detail", args=[run.pk])
    first = client.get(url).content.decode()
    assert _hits_on(first) == [f"C{n:04d}" for n in range(HITS_PER_PAGE)]
    assert "Biasrapport" in first and "Effectiviteit" in first and "Controlegroep" in first
    assert 'aria-current="page"' in first and "Volgende" in first
    assert 'href="?page=3#treffers"' in first
    assert "Treffer 1 tot en met 50 van 120" in first
    last = client.get(url, {"page": 3}).content.decode()
    assert _hits_on(last) == [f"C{n:04d}" for n in range(100, HITS)]
    assert "Biasrapport" in last and "Vorige" in last and "Volgende" not in last


def test_only_the_hits_on_the_page_are_logged_as_seen(client, world, run):
    client.force_login(world["analist"])
    client.get(reverse("controls:run_detail", args=[run.pk]), {"page": 3})
    event = AuditEvent.objects.filter(code="control_run.hits_viewed", resident_id__isnull=True).latest("id")
    # the 20 hits of the last page and the one client of the control group
    assert event.after["treffers"] == HITS - 2 * HITS_PER_PAGE + 1
