"""The report pages with several municipalities: the municipality select, the heading, the export links that
carry the choice, the PDF and Excel that name it, and a reader refused a municipality they do not work for."""

import io
from datetime import date

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.gemeenten.tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db
WAALWIJK, HEUSDEN = "GM0867", "GM0797"


@pytest.fixture
def towns(make):
    """Waalwijk with 3 signals in 2025, Heusden with 2."""
    waalwijk = GemeenteFactory(code=WAALWIJK, name="Waalwijk")
    heusden = GemeenteFactory(code=HEUSDEN, name="Heusden")
    for gemeente, n in ((waalwijk, 3), (heusden, 2)):
        for i in range(n):
            make.signal(date(2025, 3, 1 + i), resident=make.resident(gemeente=gemeente), origin="collega")
    return waalwijk, heusden


@pytest.fixture
def scoped(make_user, towns):
    """A team lead (unsuppressed figures) who works for Waalwijk only."""
    user = make_user("teamleider")
    user.all_gemeenten = False
    user.save()
    user.gemeenten.add(towns[0])
    return user


def _page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("reports:report", args=["mer"]), {"periode": "2025", **params})


def _received(response) -> int:
    return response.context["report"].table("S1-by_origin").rows[-1].cells[0].value


def test_the_page_filters_by_municipality_and_carries_it_into_every_export(client, make_user, towns):
    lead = make_user("teamleider")
    response = _page(client, lead, gemeente=WAALWIJK)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Gemeente Waalwijk" in body and _received(response) == 3
    assert '<select class="utrecht-select utrecht-select--html-select" id="gemeente" name="gemeente">' in body
    assert f'<option value="{WAALWIJK}" selected>Waalwijk</option>' in body
    query = f"?periode=2025&amp;gemeente={WAALWIJK}"
    for name in ("report_pdf", "report_xlsx"):
        assert reverse(f"reports:{name}", args=["mer"]) + query in body
    assert reverse("reports:report_csv", args=["mer", "S1-by_origin"]) + query in body

    combined = _page(client, lead)
    assert "alle gemeenten: Heusden, Waalwijk" in combined.content.decode()
    assert _received(combined) == 5
    assert _received(_page(client, lead, gemeente=HEUSDEN)) == 2


def test_a_scoped_reader_sees_their_municipality_and_is_refused_another(client, scoped):
    mine = _page(client, scoped)
    assert "Gemeente Waalwijk" in mine.content.decode() and _received(mine) == 3
    refused = _page(client, scoped, gemeente=HEUSDEN)
    assert refused.status_code == 404
    assert (
        f"De gemeente <strong>{HEUSDEN}</strong> bestaat niet, of u werkt er niet voor"
        in refused.content.decode()
    )
    assert f"Waalwijk ({WAALWIJK})" in refused.content.decode() and "Heusden" not in refused.content.decode()
    unknown = _page(client, scoped, gemeente="GM0000")
    assert unknown.status_code == 404 and "<strong>GM0000</strong>" in unknown.content.decode()
    pdf = client.get(reverse("reports:report_pdf", args=["mer"]), {"periode": "2025", "gemeente": HEUSDEN})
    assert pdf.status_code == 404
    overview = client.get(reverse("reports:overview"), {"jaar": "2025"})
    s1 = overview.context["key_figures"].tables[0]
    assert next(r for r in s1.rows if r.key == "collega").cells[0].value == 3


def test_pdf_and_excel_of_one_municipality_name_it(client, make_user, towns):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    client.force_login(make_user("teamleider"))
    params = {"periode": "2025", "gemeente": WAALWIJK}
    pdf = client.get(reverse("reports:report_pdf", args=["mer"]), params)
    assert f"rapportage-mer-2025-{WAALWIJK.lower()}.pdf" in pdf["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Gemeente Waalwijk" in text
    xlsx = client.get(reverse("reports:report_xlsx", args=["mer"]), params)
    cover = load_workbook(io.BytesIO(xlsx.content))["Rapport"]
    assert ["Gemeenten", "Gemeente Waalwijk"] in [[c.value for c in row[:2]] for row in cover.iter_rows()]
    exported = AuditEvent.objects.filter(code="report.exported").order_by("pk")
    assert [e.after["gemeenten"] for e in exported] == ["Gemeente Waalwijk", "Gemeente Waalwijk"]


def test_one_municipality_needs_no_select(client, make_user, make):
    make.signal(date(2025, 3, 1), resident=make.resident())
    response = _page(client, make_user("teamleider"))
    assert response.status_code == 200
    assert 'name="gemeente"' not in response.content.decode()
    assert response.context["report"].scope.heading == "Gemeente Demostad"


def test_a_reader_who_works_for_no_municipality_reads_no_report(client, scoped):
    scoped.gemeenten.clear()
    assert _page(client, scoped).status_code == 403
    assert client.get(reverse("reports:overview")).status_code == 403
