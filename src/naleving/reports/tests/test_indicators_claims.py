"""C1, C2 and C3 on small hand-built data; every expected value is worked out in the comments."""

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
def claims(make):
    a, b, c, d = (make.resident() for _ in range(4))
    make.benefit(a, date(2020, 1, 1), date(2025, 8, 31))  # a's benefit ended in 2025, nothing after
    make.benefit(b, date(2020, 1, 1), date(2025, 5, 31))
    make.benefit(b, date(2025, 9, 1))  # b is back on benefit at the end of 2025
    make.benefit(c, date(2020, 1, 1), date(2024, 12, 31))
    make.claim(
        a, date(2025, 3, 1), "1000", payments=[(date(2025, 6, 1), "200"), (date(2026, 1, 15), "100")]
    )  # c1
    make.claim(
        c,
        date(2024, 5, 1),
        "300",
        status="betaald",
        changed=date(2026, 2, 1),
        payments=[(date(2025, 1, 1), "100")],
    )  # c2
    make.claim(d, date(2025, 12, 31), "6000", kind="boete")  # c3
    make.claim(d, date(2026, 1, 1), "12000", kind="boete")  # c4
    make.claim(c, date(2024, 1, 1), "2500", status="kwijtgescholden", changed=date(2025, 6, 30))  # c5
    make.claim(
        a, date(2025, 2, 1), "500", payments=[(date(2025, 3, 1), "500")]
    )  # c6: repaid, status not yet closed
    make.claim(b, date(2025, 7, 1), "10000")  # c7


def test_c1_open_at_the_end_of_the_period(claims):
    result = compute("C1", "2025")
    open_ = result.table("open")
    # Open on 31 Dec 2025: c1 1000 - 200 (the 2026 payment comes later) = 800; c2 300 - 100 = 200 (paid only in
    # 2026); c3 6000 (instituted on the last day); c7 10000. c4 is from 2026, c5 was waived in June, c6 is repaid.
    assert open_.row("totaal").values == {
        "n": 4, "total": Decimal("17000.00"), "mean": Decimal("4250.00"), "median": Decimal("3400.00")
    }  # fmt: skip  # median of [200, 800, 6000, 10000] = (800 + 6000) / 2
    # recoveries c1, c2, c7: 11000 / 3 = 3666.67; median 800
    assert open_.row("terugvordering").values == {
        "n": 3, "total": Decimal("11000.00"), "mean": Decimal("3666.67"), "median": Decimal("800.00")
    }  # fmt: skip
    assert open_.row("boete").values["n"] == 1 and open_.value("boete", "median") == Decimal("6000.00")
    distribution = result.table("distribution")
    # 200 < 500; 800 in 500-2000; none in 2000-5000; 6000 in 5000-10000; exactly 10000 is "10000 or more"
    assert [
        distribution.value(k, "n") for k in ("lt_500", "500_2000", "2000_5000", "5000_10000", "ge_10000")
    ] == [1, 1, 0, 1, 1]
    assert distribution.value("lt_500", "share") == Decimal("0.25")


def test_c1_new_and_at_benefit_end(claims):
    result = compute("C1", "2025")
    new = result.table("new")
    # instituted in 2025: c1 1000, c6 500, c7 10000 (recoveries, 11500) and c3 6000 (fine)
    assert new.row("terugvordering").values == {"n": 3, "total": Decimal("11500.00")}
    assert new.row("boete").values == {"n": 1, "total": Decimal("6000.00")}
    assert new.row("totaal").values == {"n": 4, "total": Decimal("17500.00")}
    # a's benefit ended in 2025 with nothing after: c1 (800 open). b is back on benefit; c's ended in 2024.
    at_end = result.table("at_benefit_end").row("totaal").values
    assert (at_end["n"], at_end["total"]) == (1, Decimal("800.00"))


def test_c1_at_the_end_of_a_quarter(claims):
    # 31 Mar 2025: c1 1000 (no payment yet), c2 200, c5 2500 (waived only on 30 Jun), c6 0 (repaid on 1 Mar)
    row = compute("C1", "2025-Q1").table("open").row("totaal").values
    assert (row["n"], row["total"]) == (3, Decimal("3700.00"))


@pytest.fixture
def sanctions(make):
    from naleving.decisions.tests.factories import OpschortingFactory

    noord = [make.resident(district="Noord") for _ in range(3)]
    zuid = [make.resident(district="Zuid") for _ in range(4)]
    make.besluit(noord[0], date(2025, 2, 1), sanction="boete", fine="250", verwijtbaarheid="normaal")
    make.besluit(noord[1], date(2025, 3, 1), sanction="boete", fine="100", verwijtbaarheid="normaal")
    make.besluit(noord[2], date(2025, 4, 30), sanction="boete", fine="50", verwijtbaarheid="opzet")
    make.besluit(zuid[0], date(2025, 5, 1), sanction="waarschuwing", verwijtbaarheid="verminderd")
    make.besluit(
        zuid[1], date(2025, 6, 1), sanction="geen", verwijtbaarheid="normaal", benadeling="1000", recovery="500",
        proposed_sanction="boete", proposed_recovery="1000",
    )  # fmt: skip
    make.besluit(zuid[2], date(2025, 7, 1), sanction="aangifte", verwijtbaarheid="opzet")
    make.besluit(noord[0], date(2025, 8, 1), sanction="boete", fine="999", status="ter_ondertekening")
    make.besluit(noord[1], date(2026, 1, 1), sanction="boete", fine="1000")
    make.besluit(
        zuid[3], date(2025, 9, 1), sanction="geen", verwijtbaarheid="geen", benadeling="400", recovery="0",
        proposed_recovery="400", correction="verrekening",
    )  # fmt: skip
    OpschortingFactory(
        besluit=None, resident=zuid[0], weeks=4, hersteltermijn_end=date(2025, 6, 15), conclusion="Verantwoord",
        children_in_household=False, debts=False, assessed_by=None, assessed_on=date(2025, 5, 20),
        signed_on=date(2025, 5, 21), takes_effect_on=date(2025, 6, 1),
    )  # fmt: skip


def test_c2_by_culpability(sanctions):
    table = compute("C2", "2025").table("by_culpability")
    # vastgesteld in 2025: three fines in Noord, the warning, the refrained fine, the aangifte and the zero
    # recovery; the besluit awaiting a second signature and the one of 2026 do not count.
    assert table.row("normaal").values == {
        "decisions": 3, "fines": 2, "fine_total": Decimal("350.00"),
        "warnings": 0, "refrained": 1, "aangifte": 0,
    }  # fmt: skip
    assert (
        table.value("opzet", "fines"),
        table.value("opzet", "fine_total"),
        table.value("opzet", "aangifte"),
    ) == (1, Decimal("50.00"), 1)
    assert table.value("verminderd", "warnings") == 1
    assert table.value("geen", "decisions") == 1
    assert table.value("grove_schuld", "decisions") == 0
    total = table.row("totaal").values
    assert (
        total["decisions"],
        total["fines"],
        total["fine_total"],
        total["warnings"],
        total["refrained"],
    ) == (7, 3, Decimal("400.00"), 1, 1)
    # T1 (to 30 April) holds the three fines; the warning of 1 May is T2
    t1 = compute("C2", "2025-T1").table("by_culpability").row("totaal").values
    assert (t1["fines"], t1["warnings"]) == (3, 0)


def test_c2_by_district_reductions_and_refrained_recoveries(sanctions):
    result = compute("C2", "2025")
    districts = result.table("by_district")
    assert [r.key for r in districts.rows] == ["Noord", "Zuid"]
    assert (districts.value("Noord", "fines"), districts.value("Noord", "fine_total")) == (
        3,
        Decimal("400.00"),
    )
    assert (
        districts.value("Zuid", "fines"),
        districts.value("Zuid", "warnings"),
        districts.value("Zuid", "decisions"),
    ) == (0, 1, 4)
    reductions = result.table("reductions")
    # one besluit set off against the running benefit; one suspension took effect on 1 June
    assert [reductions.value(k, "n") for k in ("verrekening", "opschorting", "totaal")] == [1, 1, 2]
    refrained = result.table("refrained_recoveries")
    # geheel: 400 proposed, 0 recovered; gedeeltelijk: 1000 proposed, 500 recovered
    assert refrained.row("geheel").values == {"n": 1, "amount": Decimal("400.00")}
    assert refrained.row("gedeeltelijk").values == {"n": 1, "amount": Decimal("500.00")}
    assert refrained.row("totaal").values == {"n": 2, "amount": Decimal("900.00")}
    only_noord = compute("C2", "2025", Filters(district="Noord")).table("by_culpability").row("totaal").values
    assert (only_noord["decisions"], only_noord["fines"]) == (3, 3)


def test_c3_unduly_paid_share(make):
    a, b, c, d = (make.resident() for _ in range(4))
    make.benefit(a, date(2025, 1, 1), monthly="1000")
    make.benefit(b, date(2024, 7, 1), date(2025, 3, 31), monthly="1200")
    make.benefit(c, date(2025, 12, 1), monthly="900")
    make.benefit(d, date(2023, 1, 1), date(2024, 12, 31), monthly="5000")
    make.investigation(a, opened=date(2025, 1, 1), closed=date(2025, 1, 1), breach=True, benadeling="100")
    make.investigation(b, opened=date(2025, 1, 1), closed=date(2025, 12, 31), breach=True, benadeling="50")
    make.investigation(c, opened=date(2025, 1, 1), closed=date(2025, 6, 1), breach=False, benadeling="70")
    make.investigation(d, opened=date(2025, 1, 1), closed=date(2026, 1, 1), breach=True, benadeling="999")
    row = compute("C3", "2025").table("share").row("totaal").values
    # paid: a 365 days × 1000 + b 90 days (Jan-Mar) × 1200 + c 31 days × 900 = 500,900 euro-days;
    # × 12 months / 365 days = 16,467.95. Breaches: 100 + 50 = 150 → 150 / 16,467.95 = 0.91%.
    assert (row["breaches"], row["benadeling"], row["benefits"], row["paid"]) == (
        2,
        Decimal("150.00"),
        3,
        Decimal("16467.95"),
    )
    assert row["share"] == Decimal("150.00") / Decimal("16467.95")
    # Q1: a and b ran the whole quarter: 3 × 1000 + 3 × 1200 = 6,600 (90 days × 3 months / 90 days)
    q1 = compute("C3", "2025-Q1").table("share").row("totaal").values
    assert (q1["paid"], q1["breaches"], q1["benadeling"]) == (Decimal("6600.00"), 1, Decimal("100.00"))


def test_c2_labels_besluiten_without_a_culpability_level(make):
    a, b, c = make.resident(), make.resident(), make.resident()
    make.besluit(a, date(2025, 2, 1), sanction="maatregel")  # none recorded
    make.besluit(b, date(2025, 3, 1), sanction="boete", fine="100", verwijtbaarheid="verwijtbaar")  # legacy
    make.besluit(c, date(2025, 4, 1), sanction="boete", fine="50", verwijtbaarheid="normaal")
    table = compute("C2", "2025").table("by_culpability")
    # every row has a key and a label; the two without a known level share the labelled row
    assert all(row.key and row.label.strip() for row in table.rows)
    unknown = table.row("niet_vastgelegd")
    assert unknown.label == "Niet vastgelegd (onbekend)"
    assert (unknown.get("decisions"), unknown.get("fines"), unknown.get("fine_total")) == (
        2,
        1,
        Decimal("100"),
    )
    # the rows still add up to the total (the legacy value is not lost)
    parts = [row for row in table.rows if not row.total]
    assert sum(row.get("decisions") for row in parts) == table.value("totaal", "decisions") == 3
