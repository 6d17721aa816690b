"""The report pages: overview, dashboard, exports (audited), definitions."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from naleving.audit.models import AuditEvent
from naleving.reports.definitions import REPORTS
from naleving.reports.indicators import INDICATORS

pytestmark = pytest.mark.django_db


def test_overview_lists_the_five_reports_and_suppressed_key_figures(client, world):
    client.force_login(world["beleid"])
    response = client.get(reverse("reports:overview"), {"jaar": "2026"})
    body = response.content.decode()
    assert response.status_code == 200
    for definition in REPORTS.values():
        assert definition.title in body
    # the world holds one IB signal in 2026: policy staff see it as <5
    s1 = response.context["key_figures"].tables[0]
    assert next(r for r in s1.rows if r.key == "inlichtingenbureau").cells[0].shown == "<5"
    assert "Kleine aantallen" in body


def test_overview_form_opens_the_chosen_report(client, world):
    client.force_login(world["beleid"])
    response = client.get(reverse("reports:overview"), {"rapport": "mer", "periode": "2025-T1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:report", args=["mer"]) + "?periode=2025-T1"


def test_dashboard_shows_charts_definitions_and_comparison(client, world):
    client.force_login(world["teamleider"])
    response = client.get(reverse("reports:report", args=["mer"]), {"periode": "2026-T1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "1e tertiaal 2026 (januari-april)" in body and "3e tertiaal 2025 (september-december)" in body
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="nl-chart" role="img"' in body
    assert INDICATORS["S1"].definition in body
    assert reverse("reports:report_pdf", args=["mer"]) + "?periode=2026-T1" in body
    assert reverse("reports:report_csv", args=["mer", "S1-by_origin"]) + "?periode=2026-T1" in body
    assert "Casusvoorbeelden" in body


def test_bad_period_falls_back_with_a_message(client, world):
    client.force_login(world["beleid"])
    response = client.get(reverse("reports:report", args=["groningen"]), {"periode": "2025-T7"})
    assert response.status_code == 200
    assert "is niet te lezen" in response.content.decode()
    assert response.context["report"].period.kind == "year"


def test_unknown_report_or_table_is_not_found(client, world):
    client.force_login(world["beleid"])
    assert client.get(reverse("reports:report", args=["utrecht"])).status_code == 404
    assert client.get(reverse("reports:report_csv", args=["mer", "X1-nothing"])).status_code == 404


def test_district_filter(client, world):
    client.force_login(world["teamleider"])
    response = client.get(reverse("reports:report", args=["mer"]), {"periode": "2026", "wijk": "Zuid"})
    table = response.context["report"].table("S1-by_origin")
    # in Zuid only Pietersen's colleague signal of 1 March 2026
    assert [r.cells[0].shown for r in table.rows if r.key in ("collega", "inlichtingenbureau", "totaal")] == [
        "1",
        "0",
        "1",
    ]
    assert response.context["report"].district == "Zuid"
    ignored = client.get(reverse("reports:report", args=["mer"]), {"periode": "2026", "wijk": "Nergens"})
    assert ignored.context["report"].district == ""


@pytest.mark.parametrize(
    ("name", "args", "content_type", "fmt"),
    [
        ("reports:report_pdf", ["szw"], "application/pdf", "pdf"),
        (
            "reports:report_xlsx",
            ["szw"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ("reports:report_csv", ["szw", "S3-funnel-inlichtingenbureau"], "text/csv; charset=utf-8", "csv"),
    ],
)
def test_exports_are_downloads_and_are_audited(client, world, name, args, content_type, fmt):
    client.force_login(world["beleid"])
    response = client.get(reverse(name, args=args), {"periode": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="rapportage-szw-2026')
    event = AuditEvent.objects.filter(code="report.exported").latest("id")
    assert event.actor_id == world["beleid"].pk
    assert (
        event.after["formaat"] == fmt
        and event.after["rapport"] == "szw"
        and event.after["onderdrukt"] is True
    )


def test_definitions_page_lists_every_indicator(client, world):
    client.force_login(world["fg"])
    body = client.get(reverse("reports:definitions")).content.decode()
    for indicator in INDICATORS.values():
        assert f'id="{indicator.id}"' in body and escape(indicator.source) in body


def test_caseworkers_get_no_reports(client, world):
    client.force_login(world["consulent"])
    assert client.get(reverse("reports:report", args=["mer"])).status_code == 403
    assert client.get(reverse("reports:report_pdf", args=["mer"])).status_code == 403


def test_default_period_is_the_last_complete_one(client, world, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 5, 3))
    client.force_login(world["beleid"])
    assert client.get(reverse("reports:report", args=["mer"])).context["report"].period.code == "2026-T1"
    assert client.get(reverse("reports:report", args=["groningen"])).context["report"].period.code == "2025"
