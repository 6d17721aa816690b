"""Reports per municipality and combined: the parts add up to the whole before suppression, the JSON names
the municipalities it covers, the command and the pages take one municipality and refuse others."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.reports.build import report_build
from naleving.reports.definitions import REPORTS
from naleving.reports.indicators import Filters
from naleving.reports.periods import parse
from naleving.reports.scope import UnknownGemeente, report_scope

PERIOD = parse("2025")
FILTERS = Filters(as_of=date(2026, 11, 23))
WAALWIJK, HEUSDEN = "GM0867", "GM0797"


def _work(make, gemeente, n: int) -> None:
    """``n`` residents of ``gemeente`` with a year of work in 2025 (and some in 2024, the period before)."""
    for i in range(n):
        resident = make.resident(gemeente=gemeente, district=("Noord", "Zuid")[i % 2])
        make.benefit(resident, date(2023, 1, 1), date(2025, 3 + i % 6, 28), monthly=f"{900 + 10 * i}.00")
        make.intervention(resident, date(2024, 12, 1), kind="voorlichting_intake")
        make.intervention(resident, date(2025, 2, 1 + i))
        make.referral(resident, date(2025, 6, 1 + i), partner=("schuldhulp", "wmo")[i % 2])
        make.application(
            resident, date(2025, 1, 2), date(2025, 1, 20 + i % 5), ("toegekend", "afgewezen")[i % 2]
        )
        origin = ("inlichtingenbureau", "collega", "themacontrole", "brp_laa")[i % 4]
        signal = make.signal(date(2025, 2, 1 + i), resident=resident, origin=origin, route="onderzoek")
        make.signal(date(2024, 5, 1), resident=resident, origin="ketenpartner", route="geen_actie")
        make.signal(date(2025, 4, 1 + i), origin="anonieme_melding", gemeente=gemeente)  # not linked (yet)
        breach = i % 3 != 0
        investigation = make.investigation(
            resident,
            opened=date(2025, 3, 1),
            closed=date(2025, 4, 1 + i),
            breach=breach,
            benadeling="750.00" if breach else None,
            signals=[signal],
            kind=("income", "address")[i % 2],
            period_start=date(2024, 6, 1),
            verwijtbaarheid="verminderd" if breach else "",
        )
        if breach:
            make.besluit(
                resident,
                date(2025, 5, 1 + i),
                investigation=investigation,
                sanction=("boete", "waarschuwing")[i % 2],
                fine="150.00" if i % 2 == 0 else "0",
                recovery="750.00",
                benadeling="750.00",
                verwijtbaarheid="verminderd",
                proposed_sanction="boete",
                proposed_recovery="900.00",
            )
            make.claim(resident, date(2025, 5, 1 + i), "750.00", payments=[(date(2025, 7, 1), "50.00")])


@pytest.fixture
def two(make):
    """Waalwijk with 7 residents and Heusden with 5, each with work in 2025."""
    waalwijk = GemeenteFactory(code=WAALWIJK, name="Waalwijk")
    heusden = GemeenteFactory(code=HEUSDEN, name="Heusden")
    _work(make, waalwijk, 7)
    _work(make, heusden, 5)
    return waalwijk, heusden


def _additive_cells(data) -> dict:
    """Every figure of a built report that adds up over its parts (counts, and sums of amounts), by
    (indicator, origin, period, table, row, column); tables without figures (not available) left out."""
    cells = {}
    for (indicator, origin), results in data.results.items():
        for which, result in enumerate(results):
            for table in result.tables:
                if table.unavailable:
                    continue
                for row in table.rows:
                    for column in table.columns:
                        if column.adds_up:
                            cells[(indicator, origin, which, table.key, row.key, column.key)] = row.get(
                                column.key
                            )
    return cells


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(REPORTS))
def test_the_municipalities_figures_add_up_to_the_combined_report(two, key):
    combined = _additive_cells(report_build(key, PERIOD, FILTERS, report_scope(None)))
    parts = [
        _additive_cells(report_build(key, PERIOD, FILTERS, report_scope(None, code)))
        for code in (WAALWIJK, HEUSDEN)
    ]
    for part in parts:
        assert set(part) <= set(combined)
        assert any(value for value in part.values())  # each municipality has figures of its own
    for cell, whole in combined.items():
        if not all(cell[:4] in {c[:4] for c in part} for part in parts):
            continue  # a table only the combined report has (theme-control runs)
        summed = sum((part.get(cell) or 0 for part in parts), Decimal(0))
        assert summed == (whole or 0), cell


@pytest.mark.django_db
def test_a_signal_without_a_resident_counts_in_its_own_municipality(make):
    demostad = GemeenteFactory()
    waalwijk = GemeenteFactory(code=WAALWIJK, name="Waalwijk")
    make.signal(date(2025, 3, 1), origin="anonieme_melding", gemeente=waalwijk)
    make.signal(date(2025, 3, 2), resident=make.resident(gemeente=waalwijk), origin="anonieme_melding")
    make.signal(date(2025, 3, 3), origin="anonieme_melding", gemeente=demostad)

    def received(code: str) -> int:
        data = report_build("mer", PERIOD, FILTERS, report_scope(None, code))
        return data.results[("S1", "")][0].table("by_origin").value("totaal", "n")

    assert (received(""), received(WAALWIJK), received(demostad.code)) == (3, 2, 1)


# -- JSON and the command line -----------------------------------------------------------------------------


def _json(*args: str) -> dict:
    out = io.StringIO()
    call_command("report", "--org", "groningen", "--period", "2025", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_json_names_the_municipalities_it_covers(two):
    combined = _json()
    assert combined["gemeenten"] == [
        {"code": HEUSDEN, "name": "Heusden"},
        {"code": WAALWIJK, "name": "Waalwijk"},
    ]
    one = _json("--gemeente", "gm0867")
    assert one["gemeenten"] == [{"code": WAALWIJK, "name": "Waalwijk"}]
    assert any("alleen in de rapportage over alle gemeenten" in note for note in one["notes"])
    assert combined["notes"] == []

    def closed(data: dict) -> int:
        section = next(s for s in data["sections"] if s["key"] == "onderzoeken")
        rows = {r["key"]: r for r in section["indicators"][0]["tables"][0]["rows"]}
        return rows["totaal"]["values"]["closed"]

    assert (closed(combined), closed(one), closed(_json("--gemeente", HEUSDEN))) == (12, 7, 5)


@pytest.mark.django_db
def test_json_per_municipality_is_suppressed_on_its_own(two):
    def decisions(*args: str):
        data = _json("--suppressed", *args)
        section = next(s for s in data["sections"] if s["key"] == "boetes")
        rows = {r["key"]: r for r in section["indicators"][0]["tables"][0]["rows"]}
        return rows["totaal"]["values"]["decisions"]

    # besluiten on the breaches: 4 in Waalwijk (i = 1, 2, 4, 5), 3 in Heusden (i = 1, 2, 4), 7 together
    assert _json("--gemeente", WAALWIJK, "--suppressed")["suppressed"] is True
    assert (decisions(), decisions("--gemeente", WAALWIJK), decisions("--gemeente", HEUSDEN)) == (
        7,
        "<5",
        "<5",
    )


@pytest.mark.django_db
def test_an_unknown_municipality_exits_2_naming_it(two):
    with pytest.raises(CommandError) as error:
        call_command("report", "--org", "mer", "--period", "2025", "--gemeente", "GM0000")
    assert error.value.returncode == 2
    assert str(error.value).startswith("--gemeente: onbekende gemeente 'GM0000'")
    assert f"{WAALWIJK} (Waalwijk)" in str(error.value)


def test_scope_refuses_a_municipality_the_reader_does_not_work_for(two, make_user):
    reader = make_user("beleid")
    reader.all_gemeenten = False
    reader.save()
    reader.gemeenten.add(two[0])
    assert report_scope(reader).gemeenten == ((WAALWIJK, "Waalwijk"),)
    with pytest.raises(UnknownGemeente):
        report_scope(reader, HEUSDEN)
    assert report_scope(make_user("beleid")).heading == "alle gemeenten: Heusden, Waalwijk"
    assert report_scope(reader, WAALWIJK).heading == "Gemeente Waalwijk"
