"""The page header's organisation name and municipalities are kept per process for a while
(``gemeenten.selectors.header_*``), and a change saved through the ORM forgets them at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from naleving.gemeenten import selectors
from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.selectors import header_gemeenten, header_organisation_name
from naleving.gemeenten.tests.factories import GemeenteFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings):
    settings.NALEVING_HEADER_SECONDS = 60
    selectors.header_forget()
    yield
    selectors.header_forget()


def test_the_header_reads_once_then_keeps(kept):
    OrganisationFactory(name="Werkplein Regio")
    GemeenteFactory()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert header_organisation_name() == "Werkplein Regio"
            assert [g.code for g in header_gemeenten()] == ["GM9999"]
    assert len(queries) == 2


def test_a_saved_change_is_seen_at_once(kept):
    organisation = OrganisationFactory(name="Werkplein Regio")
    demostad = GemeenteFactory()
    assert [g.name for g in header_gemeenten()] == ["Demostad"]
    assert header_organisation_name() == "Werkplein Regio"
    demostad.name = "Demostad-Noord"
    demostad.save()
    organisation.name = "Werkplein Noord"
    organisation.save()
    GemeenteFactory(code="GM9998", name="Anderstad")
    assert sorted(g.name for g in header_gemeenten()) == ["Anderstad", "Demostad-Noord"]
    assert header_organisation_name() == "Werkplein Noord"
    demostad.delete()
    assert [g.name for g in header_gemeenten()] == ["Anderstad"]


def test_kept_for_no_time_reads_every_time(settings):
    settings.NALEVING_HEADER_SECONDS = 0
    GemeenteFactory()
    with CaptureQueriesContext(connection) as queries:
        header_gemeenten()
        header_gemeenten()
    assert len(queries) == 2


def test_the_time_runs_out(kept, monkeypatch):
    GemeenteFactory()
    assert len(header_gemeenten()) == 1
    # bulk_create sends no signal: only the clock makes the header read again
    Gemeente.objects.bulk_create([GemeenteFactory.build(code="GM9997", name="Stilstad")])
    assert len(header_gemeenten()) == 1
    later = selectors.time.monotonic() + 61
    monkeypatch.setattr(selectors.time, "monotonic", lambda: later)
    assert len(header_gemeenten()) == 2
