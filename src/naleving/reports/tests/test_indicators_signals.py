"""S1, S2, S3 and DET on small hand-built data; every expected value is worked out in the comments."""

from datetime import date
from decimal import Decimal

import pytest

from naleving.reports.indicators import INDICATORS, Filters
from naleving.reports.periods import parse
from naleving.reports.tests.conftest import FILTERS

pytestmark = pytest.mark.django_db


def compute(indicator: str, period: str, filters=FILTERS):
    return INDICATORS[indicator].compute(parse(period), filters)


@pytest.fixture
def signals(make):
    noord = make.resident(district="Noord")
    other = make.resident()
    make.signal(
        date(2025, 4, 30), resident=noord, origin="collega", kind="income", route="preventief_contact"
    )
    make.signal(date(2025, 5, 1), resident=other, origin="collega", kind="income", route="onderzoek")
    make.signal(
        date(2025, 1, 1), resident=other, origin="inlichtingenbureau", kind="income", route="onderzoek"
    )
    make.signal(
        date(2024, 12, 31), resident=other, origin="inlichtingenbureau", kind="assets", route="onderzoek"
    )
    make.signal(
        date(2025, 2, 15), resident=other, origin="ketenpartner", kind="cohabitation", route="geen_actie"
    )
    make.signal(date(2025, 3, 10), origin="anonieme_melding", kind="address")  # no resident, not triaged
    return noord


def test_s1_counts_by_origin_with_the_period_boundaries(signals):
    # T1 2025 = 1 Jan - 30 Apr: collega (30 Apr), IB (1 Jan), ketenpartner, anonymous → 4.
    # 1 May is T2; 31 Dec 2024 is the year before.
    table = compute("S1", "2025-T1").table("by_origin")
    assert table.value("collega", "n") == 1
    assert table.value("inlichtingenbureau", "n") == 1
    assert table.value("ketenpartner", "n") == 1
    assert table.value("anonieme_melding", "n") == 1
    assert table.value("themacontrole", "n") == 0
    assert table.value("totaal", "n") == 4
    assert table.value("collega", "share") == Decimal("0.25")  # 1 / 4
    assert compute("S1", "2025-T2").table("by_origin").value("collega", "n") == 1  # the 1 May signal
    assert compute("S1", "2025").table("by_origin").value("totaal", "n") == 5  # 4 + 1; not 31 Dec 2024
    assert compute("S1", "2024-Q4").table("by_origin").value("inlichtingenbureau", "n") == 1


def test_s1_groups_and_months(signals):
    result = compute("S1", "2025-T1")
    groups = result.table("by_group")
    # collega → persoonlijk contact; ketenpartner → partners; IB → systemen; anonymous → overig
    assert [groups.value(k, "n") for k in ("persoonlijk_contact", "partners", "systemen", "overig")] == [
        1,
        1,
        1,
        1,
    ]
    months = result.table("per_month")
    assert [r.key for r in months.rows] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert [r.get("n") for r in months.rows] == [1, 1, 1, 1]


def test_s1_district_keeps_only_that_districts_residents(signals):
    # Only the collega signal of 30 April concerns a resident of Noord; the anonymous one has no resident.
    table = compute("S1", "2025-T1", Filters(district="Noord")).table("by_origin")
    assert table.value("collega", "n") == 1 and table.value("totaal", "n") == 1


def test_s2_by_kind_and_route(signals):
    result = compute("S2", "2025-T1")
    by_kind = result.table("by_kind")
    # income: 30 Apr (preventief contact) + 1 Jan (onderzoek); cohabitation: geen actie; address: not triaged
    assert by_kind.row("income").values == {
        "n": 2, "geen_actie": 0, "preventief_contact": 1, "onderzoek": 1, "niet_beoordeeld": 0
    }  # fmt: skip
    assert by_kind.value("cohabitation", "geen_actie") == 1
    assert by_kind.value("address", "niet_beoordeeld") == 1
    assert by_kind.value("totaal", "n") == 4
    by_route = result.table("by_route")
    assert [
        by_route.value(r, "n") for r in ("geen_actie", "preventief_contact", "onderzoek", "niet_beoordeeld")
    ] == [1, 1, 1, 1]
    assert by_route.value("onderzoek", "share") == Decimal(
        "0.25"
    )  # 1 of 4 went to investigation (repressive)


@pytest.fixture
def funnel(make):
    a, b, c, d, e = (make.resident() for _ in range(5))
    sig_a = make.signal(date(2025, 2, 1), resident=a, origin="inlichtingenbureau", route="onderzoek")
    sig_b = make.signal(date(2025, 2, 5), resident=b, origin="inlichtingenbureau", route="onderzoek")
    sig_c = make.signal(date(2025, 3, 1), resident=a, origin="collega", route="onderzoek")
    make.signal(date(2025, 6, 1), resident=c, origin="inlichtingenbureau")  # not triaged yet
    sig_old = make.signal(date(2024, 12, 31), resident=d, origin="inlichtingenbureau", route="onderzoek")
    make.signal(date(2025, 7, 1), resident=e, origin="collega", route="geen_actie")
    inv1 = make.investigation(
        a,
        opened=date(2025, 2, 10),
        closed=date(2025, 3, 1),
        breach=True,
        benadeling="1000",
        signals=[sig_a, sig_c],
    )
    make.investigation(b, opened=date(2025, 2, 10), closed=date(2025, 3, 1), breach=False, signals=[sig_b])
    inv3 = make.investigation(
        d, opened=date(2025, 1, 5), closed=date(2025, 2, 1), breach=True, benadeling="100", signals=[sig_old]
    )
    make.besluit(
        a, date(2025, 3, 20), investigation=inv1, sanction="boete", fine="250.00", recovery="1000.00"
    )
    make.besluit(d, date(2025, 2, 10), investigation=inv3, sanction="waarschuwing", recovery="100.00")


def test_s3_follows_each_signal_to_its_outcome(funnel):
    table = compute("S3", "2025").table("funnel")
    ib = table.row("inlichtingenbureau").values
    # IB in 2025: a, b, and the untriaged one (the 31 Dec 2024 signal belongs to 2024).
    # a and b were triaged and investigated; a's investigation found a breach → besluit: fine, € 1000 recovered.
    assert ib == {
        "received": 3, "triaged": 2, "investigated": 2, "breach": 1,
        "decisions": 1, "recovered": Decimal("1000.00"), "warnings": 0, "fines": 1,
    }  # fmt: skip
    collega = table.row("collega").values
    # c (same investigation as a) and the one with route geen actie
    assert (collega["received"], collega["triaged"], collega["investigated"], collega["breach"]) == (
        2,
        2,
        1,
        1,
    )
    assert (collega["decisions"], collega["recovered"], collega["fines"]) == (1, Decimal("1000.00"), 1)
    total = table.row("totaal").values
    # 5 signals; the besluit on inv1 counts once in the total although two signals led to it
    assert (total["received"], total["triaged"], total["investigated"], total["breach"]) == (5, 4, 3, 2)
    assert (total["decisions"], total["recovered"], total["warnings"], total["fines"]) == (
        1,
        Decimal("1000.00"),
        0,
        1,
    )
    # 2024: the 31 Dec signal and its warning
    old = compute("S3", "2024").table("funnel").row("inlichtingenbureau").values
    assert (old["received"], old["breach"], old["warnings"], old["recovered"]) == (1, 1, 1, Decimal("100.00"))


def test_s3_for_one_origin_has_one_row(funnel):
    table = compute("S3", "2025", Filters(origin="inlichtingenbureau")).table("funnel")
    assert [r.key for r in table.rows] == ["inlichtingenbureau"]
    assert table.value("inlichtingenbureau", "received") == 3


def test_det_days_from_the_fact_to_the_first_signal(make):
    x, y, z = make.resident(), make.resident(), make.resident()
    ib = make.signal(date(2025, 2, 1), resident=x, origin="inlichtingenbureau")
    later = make.signal(date(2025, 3, 1), resident=x, origin="collega")
    make.investigation(
        x,
        opened=date(2025, 2, 2),
        closed=date(2025, 3, 5),
        breach=True,
        period_start=date(2024, 12, 1),
        signals=[ib, later],
    )
    c1 = make.signal(date(2025, 1, 20), resident=y, origin="collega")
    make.investigation(
        y,
        opened=date(2025, 1, 21),
        closed=date(2025, 2, 1),
        breach=True,
        period_start=date(2025, 1, 10),
        signals=[c1],
    )
    c2 = make.signal(date(2025, 4, 30), resident=z, origin="collega")
    make.investigation(
        z,
        opened=date(2025, 5, 1),
        closed=date(2025, 5, 10),
        breach=True,
        period_start=date(2025, 3, 1),
        signals=[c2],
    )
    table = compute("DET", "2025").table("detection")
    # x: 1 Dec 2024 → 1 Feb 2025 = 31 + 31 = 62 days, first signal IB (systemen)
    assert table.row("systemen").values == {"n": 1, "median": 62, "p90": 62}
    # y: 10 → 20 Jan = 10 days; z: 1 Mar → 30 Apr = 30 + 30 = 60 days; both via a colleague
    # median of [10, 60] = 35; p90 nearest rank = ceil(0.9 × 2) = 2nd value = 60
    assert table.row("persoonlijk_contact").values == {"n": 2, "median": 35, "p90": 60}
    # all: [10, 60, 62] → median 60; p90 = ceil(2.7) = 3rd = 62
    assert table.row("totaal").values == {"n": 3, "median": 60, "p90": 62}
    # T1 2025 holds x and y (closed 5 Mar, 1 Feb); z closed on 10 May is T2
    assert compute("DET", "2025-T1").table("detection").value("totaal", "n") == 2
