"""P1, P2, PREV, CHG, G1, D1, ALG and PLAN on small hand-built data; expected values worked out in comments."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from naleving.reports.indicators import INDICATORS
from naleving.reports.periods import parse
from naleving.reports.tests.conftest import FILTERS

pytestmark = pytest.mark.django_db


def compute(indicator: str, period: str, filters=FILTERS):
    return INDICATORS[indicator].compute(parse(period), filters)


def test_p1_interventions_warnings_and_referrals(make):
    a, b, c = make.resident(), make.resident(), make.resident()
    make.intervention(a, date(2025, 1, 5), "voorlichting_intake")
    make.intervention(b, date(2025, 4, 30), "voorlichting_intake")
    make.intervention(a, date(2025, 5, 1), "voorlichting_intake")  # T2
    make.intervention(a, date(2025, 2, 1), "voorlichtingsgesprek")
    make.intervention(a, date(2025, 3, 1), "voorlichtingsgesprek")  # same resident again
    make.intervention(c, date(2024, 12, 31), "periodieke_herinnering")  # the year before
    make.besluit(b, date(2025, 3, 1), sanction="waarschuwing")
    make.besluit(c, date(2025, 3, 2), sanction="waarschuwing", status="ter_ondertekening")  # not decided yet
    make.referral(c, date(2025, 4, 1))
    table = compute("P1", "2025-T1").table("by_kind")
    assert table.row("voorlichting_intake").values == {"n": 2, "residents": 2}  # 5 Jan and 30 Apr
    assert table.row("voorlichtingsgesprek").values == {"n": 2, "residents": 1}
    assert table.row("periodieke_herinnering").values == {"n": 0, "residents": 0}
    assert table.row("waarschuwing").values == {"n": 1, "residents": 1}
    assert table.row("verwijzing").values == {"n": 1, "residents": 1}
    assert table.value("totaal", "n") == 6  # 2 + 2 + 1 + 1
    # residents reached, each once: a (intake, gesprek), b (intake, warning), c (referral) = 3, not 0 or blank
    assert table.value("totaal", "residents") == 3
    from naleving.reports.presentation import table_figures

    shown = table_figures(table, suppress=True)
    assert shown[("totaal", "residents")].shown == "<5"  # suppressed as a count, not printed as 0
    assert table_figures(table, suppress=False)[("totaal", "residents")].shown == "3"
    assert compute("P1", "2025-T2").table("by_kind").value("voorlichting_intake", "n") == 1


def test_p2_partners_status_and_aftercare(make):
    a, b, c, d = (make.resident() for _ in range(4))
    make.referral(a, date(2025, 2, 1), "schuldhulp", "verwezen")
    make.referral(b, date(2025, 3, 1), "schuldhulp", "afgerond")
    make.referral(c, date(2025, 6, 1), "wmo", "in_behandeling")
    make.referral(d, date(2024, 12, 31), "wijkteam", "niet_opgepakt")  # the year before
    make.investigation(a, opened=date(2025, 1, 1), closed=date(2025, 1, 15), breach=True, benadeling="10")
    make.investigation(
        b, opened=date(2024, 2, 1), closed=date(2024, 3, 1), breach=True, benadeling="10"
    )  # 365 days before
    make.investigation(
        c, opened=date(2025, 6, 1), closed=date(2025, 6, 2), breach=True, benadeling="10"
    )  # after the referral
    result = compute("P2", "2025")
    partners = result.table("by_partner")
    assert partners.row("schuldhulp").values == {
        "n": 2,
        "verwezen": 1,
        "in_behandeling": 0,
        "afgerond": 1,
        "niet_opgepakt": 0,
    }
    assert partners.row("wmo").values["in_behandeling"] == 1
    assert partners.value("wijkteam", "n") == 0 and partners.value("totaal", "n") == 3
    aftercare = result.table("after_breach")
    # a: 17 days after the breach; b: 1 Mar 2024 → 1 Mar 2025 = 365 days, still within 12 months; c: before
    assert aftercare.value("schuldhulp", "n") == 2 and aftercare.value("wmo", "n") == 0
    assert aftercare.value("totaal", "n") == 2


def test_prev_breach_rate_with_and_without_intake_information(make):
    a, b, c, d, e, f = (make.resident() for _ in range(6))
    make.benefit(a, date(2024, 1, 1))
    make.benefit(a, date(2020, 1, 1), date(2023, 12, 31))  # a second, older benefit: a counts once
    make.benefit(b, date(2025, 2, 1))
    make.benefit(c, date(2020, 1, 1), date(2025, 1, 1))  # ends on the first day: ran in 2025
    make.benefit(d, date(2020, 1, 1), date(2024, 12, 31))  # not in 2025
    make.benefit(e, date(2025, 6, 1))
    make.benefit(f, date(2024, 1, 1))
    make.intervention(a, date(2024, 1, 5), "voorlichting_intake")
    make.intervention(b, date(2025, 12, 31), "voorlichting_intake")  # on the last day: counts
    make.intervention(d, date(2024, 1, 5), "voorlichting_intake")
    make.intervention(e, date(2026, 1, 10), "voorlichting_intake")  # after the period: not yet informed
    for resident, closed in (
        (a, date(2025, 3, 1)),
        (c, date(2025, 6, 1)),
        (d, date(2025, 7, 1)),
        (f, date(2024, 12, 31)),
    ):
        make.investigation(resident, opened=closed, closed=closed, breach=True, benadeling="10")
    table = compute("PREV", "2025").table("effect")
    # informed: a (breach), b → 1 of 2; not informed: c (breach), e, f (breach in 2024) → 1 of 3; d had no benefit
    assert table.row("met_voorlichting").values == {"residents": 2, "breached": 1, "rate": Decimal("0.5")}
    assert table.row("zonder_voorlichting").values == {
        "residents": 3,
        "breached": 1,
        "rate": Decimal(1) / Decimal(3),
    }
    assert table.row("totaal").values == {"residents": 5, "breached": 2, "rate": Decimal("0.4")}


def test_chg_changes_reported_on_time(make):
    from naleving.prevention.tests.factories import ChangeReportFactory

    a = make.resident()
    for reported, on_time, kind in (
        (date(2025, 4, 30), True, "werk_inkomen"),
        (date(2025, 4, 1), False, "werk_inkomen"),
        (date(2025, 1, 1), True, "verhuizen"),
        (date(2025, 5, 1), True, "verhuizen"),  # T2
    ):
        ChangeReportFactory(
            resident=a, kind=kind, change_date=date(2024, 12, 1), reported_on=reported, description="Wijziging",
            term_days=14, on_time=on_time, identified_with="test", reference=None,
        )  # fmt: skip
    table = compute("CHG", "2025-T1").table("on_time")
    assert table.row("werk_inkomen").values == {"n": 2, "on_time": 1, "share": Decimal("0.5")}
    assert table.row("verhuizen").values == {"n": 1, "on_time": 1, "share": Decimal("1")}
    assert table.row("totaal").values == {"n": 3, "on_time": 2, "share": Decimal(2) / Decimal(3)}


def test_chg_is_marked_unavailable_without_the_change_report_table(db, monkeypatch):
    from naleving.reports.indicators import prevention

    monkeypatch.setattr(prevention, "_change_report_model", lambda: None)
    table = compute("CHG", "2025").table("on_time")
    assert table.unavailable.startswith("Nog niet beschikbaar") and table.rows == ()


def test_g1_applications_decided(make):
    a = make.resident()
    make.application(a, date(2025, 4, 1), date(2025, 4, 30), "toegekend")
    make.application(a, date(2024, 12, 1), date(2025, 1, 1), "afgewezen")
    make.application(a, date(2025, 1, 10), date(2025, 2, 1), "ingetrokken")
    make.application(a, date(2025, 4, 20), date(2025, 5, 1), "toegekend")  # T2
    make.application(a, date(2025, 3, 1), None, "in_behandeling")
    make.application(a, date(2024, 12, 1), date(2024, 12, 31), "toegekend")  # 2024
    table = compute("G1", "2025-T1").table("outcomes")
    third = Decimal(1) / Decimal(3)
    assert [table.value(k, "n") for k in ("toegekend", "afgewezen", "ingetrokken", "totaal")] == [1, 1, 1, 3]
    assert table.value("toegekend", "share") == third
    assert compute("G1", "2025-T2").table("outcomes").value("toegekend", "n") == 1


def test_d1_durable_terminations_and_saving(make):
    a, b, c, d, e = (make.resident() for _ in range(5))
    make.benefit(a, date(2020, 1, 1), date(2025, 1, 31), monthly="1000")
    make.benefit(b, date(2020, 1, 1), date(2025, 2, 28), monthly="800")
    make.benefit(b, date(2025, 8, 30))  # 183 days after 28 Feb: restarted within 6 months
    make.benefit(c, date(2020, 1, 1), date(2025, 3, 31), monthly="900")
    make.benefit(c, date(2025, 10, 1))  # 184 days after: durable
    make.benefit(d, date(2020, 1, 1), date(2025, 4, 30), monthly="500")
    make.benefit(d, date(2025, 4, 1))  # another benefit kept running: not a termination that lasted
    make.benefit(e, date(2020, 1, 1), date(2025, 5, 1))  # T2
    rows = {r.key: r.values for r in compute("D1", "2025-T1").table("terminations").rows}
    # ended in T1: a, b, c, d; restarted: b, d; durable: a (12 × 1000) and c (12 × 900) = 22,800
    assert rows["ended"]["n"] == 4 and rows["restarted"]["n"] == 2
    assert rows["durable"] == {"n": 2, "saving": Decimal("22800.00")}
    assert rows["provisional"] == {"n": 0, "saving": None}
    # On 1 Sep 2025 only terminations before 2 Mar 2025 (183 days earlier) are final: a; c is provisional
    early = {
        r.key: r.values
        for r in compute("D1", "2025-T1", replace(FILTERS, as_of=date(2025, 9, 1))).table("terminations").rows
    }
    assert early["durable"] == {"n": 1, "saving": Decimal("12000.00")}
    assert early["provisional"] == {"n": 1, "saving": Decimal("10800.00")}


def test_d1_compares_only_with_later_benefits_of_the_same_resident(make):
    a, b, c = (make.resident() for _ in range(3))
    make.benefit(a, date(2020, 1, 1), date(2025, 2, 28), monthly="1000")
    make.benefit(b, date(2025, 3, 1))  # someone else starts the next day: a's termination still lasted
    make.benefit(c, date(2018, 1, 1), date(2019, 12, 31))  # an earlier benefit, long ended
    make.benefit(c, date(2020, 1, 1), date(2025, 3, 31), monthly="700")
    make.benefit(c, date(2025, 6, 1), date(2025, 7, 31))  # c came back within 6 months, ended again (T2)
    rows = {r.key: r.values for r in compute("D1", "2025-T1").table("terminations").rows}
    # ended in T1: a and c's second; restarted: c (62 days later); durable: a alone (12 × 1000)
    assert (rows["ended"]["n"], rows["restarted"]["n"]) == (2, 1)
    assert rows["durable"] == {"n": 1, "saving": Decimal("12000.00")}


def test_alg_lists_the_controls_in_use_and_plan_is_not_available(db):
    from naleving.controls.filter_register import filters_sync
    from naleving.controls.models import Filter

    assert compute("ALG", "2025").table("register").rows == ()
    filters_sync()
    Filter.objects.filter(name__in=["voertuigen", "vermogen"]).update(status="in_gebruik")
    Filter.objects.filter(name="kostendelers").update(status="buiten_gebruik")
    register = compute("ALG", "2025").table("register")
    assert [r.key for r in register.rows] == ["vermogen", "voertuigen"]
    assert register.rows[0].label.startswith("Themacontrole ")
    assert all(r.get("legal_basis") and r.get("human_intervention") for r in register.rows)
    assert compute("PLAN", "2025").table("actions").unavailable
