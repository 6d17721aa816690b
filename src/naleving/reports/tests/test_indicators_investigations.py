"""I1, I2, R1 and LAA on small hand-built data; every expected value is worked out in the comments."""

from datetime import date
from decimal import Decimal

import pytest

from naleving.accounts.tests.factories import UserFactory
from naleving.controls.tests.factories import ControlHitFactory, ControlRunFactory
from naleving.reports.indicators import INDICATORS
from naleving.reports.periods import parse
from naleving.reports.tests.conftest import FILTERS

pytestmark = pytest.mark.django_db


def compute(indicator: str, period: str):
    return INDICATORS[indicator].compute(parse(period), FILTERS)


def _closed(make, closed, breach, *signal_specs, benadeling="100", kind=""):
    resident = make.resident()
    signals = [
        make.signal(received, resident=resident, origin=origin, reference=ref)
        for received, origin, ref in signal_specs
    ]
    return make.investigation(
        resident,
        opened=date(2024, 12, 1),
        closed=closed,
        breach=breach,
        signals=signals,
        benadeling=benadeling if breach else None,
        kind=kind,
    )


def test_i1_hit_rate_per_origin_and_theme_control(make):
    _closed(make, date(2025, 4, 30), True, (date(2025, 1, 2), "inlichtingenbureau", ""))  # inv1: T1
    _closed(make, date(2025, 5, 1), True, (date(2025, 1, 3), "inlichtingenbureau", ""))  # inv2: T2
    _closed(
        make,
        date(2025, 2, 1),
        False,
        (date(2025, 1, 4), "inlichtingenbureau", ""),
        (date(2025, 1, 5), "collega", ""),
    )
    _closed(make, date(2025, 3, 1), False)  # inv4: no signal
    _closed(make, date(2025, 3, 15), True, (date(2025, 3, 1), "themacontrole", "TC-voertuigen-2025-000001"))
    _closed(make, date(2025, 3, 20), False, (date(2025, 3, 2), "themacontrole", "TC-vermogen-2025-000002"))
    _closed(make, date(2025, 1, 10), True, (date(2025, 1, 5), "themacontrole", "X-123"))  # control unknown
    open_one = make.resident()
    make.investigation(
        open_one,
        opened=date(2025, 2, 1),
        signals=[make.signal(date(2025, 1, 6), resident=open_one, origin="inlichtingenbureau")],
    )
    result = compute("I1", "2025-T1")
    by_origin = result.table("by_origin")
    # T1 closed: inv1 (30 Apr), inv3, inv4, inv5, inv6, inv7; inv2 closed on 1 May is T2; the open one never counts.
    assert by_origin.row("inlichtingenbureau").values == {
        "closed": 2,
        "breach": 1,
        "hit_rate": Decimal("0.5"),
    }  # inv1, inv3
    assert by_origin.row("collega").values == {"closed": 1, "breach": 0, "hit_rate": Decimal("0")}  # inv3
    assert (
        by_origin.row("themacontrole").values["closed"] == 3
        and by_origin.value("themacontrole", "breach") == 2
    )
    assert by_origin.row("zonder_signaal").values == {"closed": 1, "breach": 0, "hit_rate": Decimal("0")}
    assert by_origin.row("ketenpartner").values == {"closed": 0, "breach": 0, "hit_rate": None}
    # total counts inv3 once: 6 closed, 3 breaches (inv1, inv5, inv7) → 50%
    assert by_origin.row("totaal").values == {"closed": 6, "breach": 3, "hit_rate": Decimal("0.5")}
    controls = result.table("by_theme_control")
    assert controls.row("voertuigen").values == {
        "signals": 1,
        "closed": 1,
        "breach": 1,
        "hit_rate": Decimal("1"),
    }
    assert controls.row("vermogen").values == {
        "signals": 1,
        "closed": 1,
        "breach": 0,
        "hit_rate": Decimal("0"),
    }
    assert controls.row("onbekend").values == {
        "signals": 1,
        "closed": 1,
        "breach": 1,
        "hit_rate": Decimal("1"),
    }
    assert controls.value("kostendelers", "closed") == 0
    assert compute("I1", "2025-T2").table("by_origin").value("totaal", "closed") == 1  # inv2


def _decided(make, decided, *received_origins, status="vastgesteld"):
    resident = make.resident()
    signals = [
        make.signal(received, resident=resident, origin=origin) for received, origin in received_origins
    ]
    inv = make.investigation(
        resident, opened=date(2024, 1, 1), closed=date(2024, 2, 1), breach=True, signals=signals
    )
    return make.besluit(resident, decided, investigation=inv, status=status)


def test_i2_lead_time_median_and_90th_percentile(make):
    _decided(make, date(2025, 3, 1), (date(2025, 1, 1), "inlichtingenbureau"), (date(2025, 2, 1), "collega"))
    _decided(make, date(2025, 4, 30), (date(2025, 4, 20), "collega"))
    _decided(make, date(2025, 5, 1), (date(2025, 3, 1), "inlichtingenbureau"))
    _decided(
        make, date(2025, 6, 1), (date(2025, 5, 1), "collega"), status="ter_ondertekening"
    )  # not decided yet
    _decided(make, date(2024, 12, 31), (date(2024, 12, 1), "collega"))  # the year before
    no_signal = make.resident()
    make.besluit(
        no_signal,
        date(2025, 7, 1),
        investigation=make.investigation(
            no_signal, opened=date(2025, 1, 1), closed=date(2025, 2, 1), breach=True
        ),
    )
    result = compute("I2", "2025")
    table = result.table("lead_time")
    # b1: 1 Jan → 1 Mar = 31 + 28 = 59 days (first signal IB); b2: 20 → 30 Apr = 10 (collega);
    # b3: 1 Mar → 1 May = 31 + 30 = 61 (IB). IB [59, 61]: median 60, p90 = ceil(1.8) = 2nd = 61.
    assert table.row("inlichtingenbureau").values == {"n": 2, "median": 60, "p90": 61}
    assert table.row("collega").values == {"n": 1, "median": 10, "p90": 10}
    # all [10, 59, 61]: median 59, p90 = ceil(2.7) = 3rd = 61
    assert table.row("totaal").values == {"n": 3, "median": 59, "p90": 61}
    assert result.extra["without_signal"] == 1 and "zonder gekoppeld signaal" in table.note
    # T1 (to 30 April): b1 and b2 → [10, 59], median 34.5; b3 on 1 May is T2
    t1 = compute("I2", "2025-T1").table("lead_time").row("totaal").values
    assert t1 == {"n": 2, "median": 34.5, "p90": 59}
    assert compute("I2", "2025-T2").table("lead_time").row("totaal").values == {
        "n": 1,
        "median": 61,
        "p90": 61,
    }


def test_r1_recurrence_within_24_months(make):
    def breach(resident, closed, found=True):
        make.investigation(resident, opened=closed, closed=closed, breach=found, benadeling="10")

    p, q, r, s, t = (make.resident() for _ in range(5))
    breach(p, date(2023, 6, 1))
    breach(p, date(2025, 5, 31))  # 366 (to 1 Jun 2024, over 29 Feb) + 364 = 730 days: within 24 months
    breach(q, date(2023, 5, 31))
    breach(q, date(2025, 6, 1))  # 366 + 365 + 1 = 732 days: not within
    breach(r, date(2025, 2, 1))
    breach(r, date(2025, 3, 1))  # a second breach in the same year
    breach(s, date(2024, 4, 1), found=False)
    breach(s, date(2025, 4, 1))  # the earlier investigation found nothing
    breach(t, date(2024, 1, 1))
    breach(t, date(2026, 1, 1))  # outside 2025
    table = compute("R1", "2025").table("recurrence")
    # residents with a breach in 2025: p, q, r, s = 4; with an earlier one within 730 days: p and r = 2
    assert table.row("totaal").values == {"residents": 4, "recurrent": 2, "share": Decimal("0.5")}
    # T1 2025 holds r's two breaches (Feb, Mar) and s: residents r, s; recurrent r
    assert compute("R1", "2025-T1").table("recurrence").row("totaal").values == {
        "residents": 2,
        "recurrent": 1,
        "share": Decimal("0.5"),
    }


def test_laa_address_investigations(make):
    _closed(make, date(2025, 3, 1), True, (date(2025, 1, 1), "brp_laa", ""), benadeling="500", kind="address")
    _closed(make, date(2025, 3, 2), False, (date(2025, 1, 2), "brp_laa", ""), kind="address")
    _closed(
        make, date(2025, 3, 3), True, (date(2025, 1, 3), "collega", ""), benadeling="300", kind="household"
    )
    _closed(
        make,
        date(2025, 3, 4),
        True,
        (date(2025, 1, 4), "inlichtingenbureau", ""),
        benadeling="900",
        kind="income",
    )
    result = compute("LAA", "2025")
    table = result.table("address")
    assert table.row("laa").values == {
        "closed": 2,
        "breach": 1,
        "benadeling": Decimal("500.00"),
        "hit_rate": Decimal("0.5"),
    }
    assert table.row("adres").values == {
        "closed": 1,
        "breach": 1,
        "benadeling": Decimal("300.00"),
        "hit_rate": Decimal("1"),
    }
    # the income investigation is neither; total 3 closed, 2 breaches, € 800
    assert table.row("totaal").values["closed"] == 3 and table.value("totaal", "benadeling") == Decimal(
        "800.00"
    )
    assert result.table("brp_corrections").unavailable


def _run(filter_, user, reference, *, population, hits, verdict="ok", status="done"):
    return ControlRunFactory(
        filter=filter_, reference_date=reference, source="RDW", delivery_date=reference, legal_basis="Pw 64",
        population=population, hits_count=hits, verdict=verdict, status=status, created_by=user,
    )  # fmt: skip


def test_tc_runs_hits_and_bias_verdicts(make):
    from naleving.controls.filter_register import filters_sync
    from naleving.controls.models import Filter

    filters_sync()
    analyst = UserFactory(username="analist-tc")
    vehicles, assets = Filter.objects.get(name="voertuigen"), Filter.objects.get(name="vermogen")
    _run(vehicles, analyst, date(2025, 4, 30), population=1000, hits=20, status="released")
    _run(vehicles, analyst, date(2025, 5, 1), population=1000, hits=30, verdict="flag")  # T2
    _run(assets, analyst, date(2025, 2, 1), population=500, hits=3, verdict="insufficient_data")
    table = compute("TC", "2025-T1").table("runs")
    assert table.row("voertuigen").values == {
        "runs": 1, "population": 1000, "hits": 20, "ok": 1, "flagged": 0, "insufficient": 0, "released": 1,
        "hit_share": Decimal("0.02"),
    }  # fmt: skip  # 20 / 1000
    assert (table.value("vermogen", "hits"), table.value("vermogen", "insufficient")) == (3, 1)
    assert table.value("kostendelers", "runs") == 0  # registered, no run
    total = table.row("totaal").values
    assert (total["runs"], total["population"], total["hits"]) == (2, 1500, 23)
    year = compute("TC", "2025").table("runs").row("voertuigen").values
    assert (year["runs"], year["hits"], year["flagged"]) == (2, 50, 1)


def test_i1_follows_released_control_hits_to_their_control(make):
    from naleving.controls.filter_register import filters_sync
    from naleving.controls.models import Filter

    filters_sync()
    analyst = UserFactory(username="analist-i1")
    run = _run(
        Filter.objects.get(name="kostendelers"),
        analyst,
        date(2025, 1, 1),
        population=100,
        hits=1,
        status="released",
    )
    investigation = _closed(
        make, date(2025, 3, 1), True, (date(2025, 1, 10), "themacontrole", f"TC-{run.pk}-C001")
    )
    ControlHitFactory(run=run, client_id="C001", signal=investigation.signals.get())
    controls = compute("I1", "2025").table("by_theme_control")
    # the reference TC-<run>-<client> names no control; the released hit does
    assert controls.row("kostendelers").values == {
        "signals": 1,
        "closed": 1,
        "breach": 1,
        "hit_rate": Decimal("1"),
    }
    assert controls.value("onbekend", "signals") == 0


def test_control_groups_are_counted_apart_and_tc_compares_them(make):
    """Hits and control group of one run: I1 keeps the control group in its own row; TC's effect table
    gives both hit rates, the lift (from 5 closed per group) and the benadelingsbedrag of the selected."""
    from naleving.controls.filter_register import filters_sync
    from naleving.controls.models import Filter

    filters_sync()
    analyst = UserFactory(username="analist-effect")
    run = _run(Filter.objects.get(name="vermogen"), analyst, date(2025, 2, 1), population=200, hits=6)
    # selected: 6 closed, 3 breaches of 100, 200 and 300; control group: 5 closed, 1 breach
    for i, (breach, amount) in enumerate(
        [(True, "100"), (True, "200"), (True, "300"), (False, ""), (False, ""), (False, "")]
    ):
        inv = _closed(
            make,
            date(2025, 3, 1),
            breach,
            (date(2025, 2, 2), "themacontrole", f"TC-{run.pk}-S{i}"),
            benadeling=amount or "0",
        )
        ControlHitFactory(run=run, client_id=f"S{i}", signal=inv.signals.get())
    for i, breach in enumerate([True, False, False, False, False]):
        inv = _closed(
            make,
            date(2025, 3, 1),
            breach,
            (date(2025, 2, 2), "themacontrole", f"TCC-{run.pk}-K{i}"),
            benadeling="50",
        )
        ControlHitFactory(run=run, client_id=f"K{i}", signal=inv.signals.get(), in_control_group=True)
    controls = compute("I1", "2025").table("by_theme_control")
    assert (controls.value("vermogen", "closed"), controls.value("vermogen", "breach")) == (6, 3)
    assert (controls.value("controlegroep", "closed"), controls.value("controlegroep", "breach")) == (5, 1)
    effect = compute("TC", "2025").table("effect").row("vermogen").values
    assert effect == {
        "sel_closed": 6, "sel_breach": 3, "sel_rate": Decimal("0.5"),
        "ctl_closed": 5, "ctl_breach": 1, "ctl_rate": Decimal("0.2"),
        "lift": "2,50", "benadeling": Decimal("600.00"),
        # Katz: exp(ln 2.5 ± 1.96·√(1/3 − 1/6 + 1/1 − 1/5)) = 0.364 … 17.17: the interval holds 1
        "lift_ci": "0,36–17,17",
    }  # fmt: skip
    other = compute("TC", "2025").table("effect").row("voertuigen").values
    assert other["sel_closed"] == 0 and other["lift"] == other["lift_ci"] == "–"
