"""The resident's timeline on the page: filter chips that work without JavaScript, and runs of repayments
collapsed into one row whose amounts add up exactly."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
from naleving.dossier.timeline import REPAYMENT, TimelineEntry
from naleving.dossier.timeline_groups import chips, chosen_category, collapse_repayments, only


def _payment(day: date, amount: str, url: str = "/vorderingen/1/") -> TimelineEntry:
    return TimelineEntry(
        day,
        "vordering",
        "Aflossing ontvangen",
        amount,
        "Consulent",
        url,
        amount=Decimal(amount),
        group=REPAYMENT,
    )


def _event(day: date, title: str, kind: str = "vordering") -> TimelineEntry:
    return TimelineEntry(day, kind, title, "", "")


def test_twelve_monthly_repayments_become_one_row_with_the_exact_total_per_month():
    amounts = ["84.09", "84.09", "84.10", "0.01", "99.99", "84.09", "84.09", "84.09", "84.09", "84.09", "84.09", "10.00"]  # fmt: skip
    payments = [_payment(date(2026, 12 - i, 1), amount) for i, amount in enumerate(amounts)]
    rows = collapse_repayments(payments, resident_id=1)
    assert len(rows) == 1
    row = rows[0]
    total = sum((Decimal(a) for a in amounts), Decimal("0"))
    assert row.amount == total == Decimal("866.82")
    assert row.title == "12 aflossingen ontvangen" and row.detail == "Samen € 866,82"
    assert (row.since, row.when) == (date(2026, 1, 1), date(2026, 12, 1))
    assert [m.month for m in row.months] == [date(2026, 12 - i, 1) for i in range(12)]
    assert sum((m.total for m in row.months), Decimal("0")) == total
    assert row.url == "/vorderingen/1/" and row.actor == "Consulent"


def test_payments_in_one_month_are_added_up_and_counted():
    rows = collapse_repayments(
        [_payment(date(2026, 3, 20), "10.05"), _payment(date(2026, 3, 2), "0.10"), _payment(date(2026, 2, 1), "5")],
        resident_id=1,
    )  # fmt: skip
    assert [(m.month, m.count, m.total) for m in rows[0].months] == [
        (date(2026, 3, 1), 2, Decimal("10.15")),
        (date(2026, 2, 1), 1, Decimal("5")),
    ]


def test_another_event_in_between_splits_the_run_and_a_single_payment_stays_as_it_is():
    entries = [
        _payment(date(2026, 6, 1), "1"),
        _payment(date(2026, 5, 1), "2"),
        _event(date(2026, 4, 15), "Vordering ingesteld: Terugvordering"),
        _payment(date(2026, 4, 1), "3"),
    ]
    rows = collapse_repayments(entries, resident_id=1)
    assert [r.title for r in rows] == [
        "2 aflossingen ontvangen",
        "Vordering ingesteld: Terugvordering",
        "Aflossing ontvangen",
    ]
    assert rows[0].amount == Decimal("3") and rows[2].amount == Decimal("3") and not rows[2].months


def test_a_run_over_several_claims_links_the_overview_of_the_residents_claims():
    rows = collapse_repayments(
        [_payment(date(2026, 6, 1), "1", "/vorderingen/1/"), _payment(date(2026, 6, 1), "2", "/vorderingen/2/")],
        resident_id=7,
    )  # fmt: skip
    assert rows[0].url == reverse("claims:resident", args=[7])


def test_the_chips_count_per_category_and_filter():
    entries = [_event(date(2026, 1, 1), "Signaal", "signaal"), _event(date(2026, 1, 2), "Triage", "triage")]
    entries.append(_event(date(2026, 1, 3), "Onderzoek gestart", "onderzoek"))
    shown = {c.key: (c.count, c.active) for c in chips(entries, "signalen")}
    assert shown == {"alle": (3, False), "signalen": (2, True), "onderzoeken": (1, False)}
    assert [e.title for e in only(entries, "signalen")] == ["Signaal", "Triage"]
    assert chosen_category("<script>") == "alle" and len(only(entries, "alle")) == 3


def _timeline(body: str) -> str:
    return re.search(r'data-testid="timeline">(.*?)</ol>', body, re.S).group(1)


@pytest.mark.django_db
def test_the_page_filters_the_timeline_by_its_query_parameter(client, world):
    client.force_login(world["consulent"])
    url = reverse("residents:detail", args=[world["jansen"].pk])
    body = client.get(url, {"tijdlijn": "signalen"}).content.decode()
    kinds = set(re.findall(r'data-kind="(\w+)"', _timeline(body)))
    assert kinds == {"signaal"}
    assert f'href="{url}?tijdlijn=signalen#tijdlijn" aria-current="true"' in body
    assert f'href="{url}#tijdlijn" aria-current' not in body
    everything = client.get(url).content.decode()
    assert {"signaal", "onderzoek", "besluit", "uitkering"} <= set(
        re.findall(r'data-kind="(\w+)"', everything)
    )
    assert f'href="{url}#tijdlijn" aria-current="true"' in everything


@pytest.mark.django_db
def test_the_page_collapses_twelve_monthly_repayments_into_one_row(client, world):
    vordering = VorderingFactory(
        besluit=world["besluit"], amount=Decimal("1200.00"), created_on=date(2025, 1, 2)
    )
    for month in range(1, 13):
        AflossingFactory(
            vordering=vordering, paid_on=date(2025, month, 28), amount=Decimal("33.33"), period=None
        )
    client.force_login(world["consulent"])
    url = reverse("residents:detail", args=[world["jansen"].pk])
    timeline = _timeline(client.get(url, {"tijdlijn": "vorderingen"}).content.decode())
    assert "Aflossing ontvangen" not in timeline
    assert timeline.count("12 aflossingen ontvangen") == 1 and "Samen € 399,96" in timeline
    assert "28-01-2025 t/m 28-12-2025" in timeline
    months = re.search(r'data-testid="repayment-months">(.*?)</ul>', timeline, re.S).group(1)
    assert months.count("<li") == 12 and "januari 2025: € 33,33" in months
