"""BG: decision outcomes by group in Groningen's yearly report, counted per age band, household type and
district, with dringende redenen from the engine request's judgements, and suppressed for readers outside
the enforcement team."""

from datetime import date

import pytest
from django.urls import reverse

from naleving.reports.build import report_build
from naleving.reports.indicators import INDICATORS
from naleving.reports.indicators.fairness import age_band
from naleving.reports.periods import parse
from naleving.reports.presentation import report_present

from .conftest import FILTERS

pytestmark = pytest.mark.django_db


def _resident(make, district, birth, household="alleenstaande"):
    resident = make.resident(district=district)
    resident.birth_date, resident.household_type = birth, household
    resident.save(update_fields=["birth_date", "household_type"])
    return resident


def _urgent(besluit, **judgements):
    besluit.engine_request = {"judgements": judgements}
    besluit.save(update_fields=["engine_request"])


@pytest.fixture
def decided(make):
    """2025: in Zuid, 6 young single residents (18-26): 4 fines, 2 warnings, 1 with dringende redenen for
    the fine; in Noord, 2 older couples (55+): 2 warnings, both with dringende redenen for the recovery.
    One fine in 2024 does not count."""
    for i in range(6):
        resident = _resident(make, "Zuid", date(2003, 6, 1))
        besluit = make.besluit(
            resident,
            date(2025, 3, 1 + i),
            sanction="boete" if i < 4 else "waarschuwing",
            fine="150" if i < 4 else "0",
            verwijtbaarheid="normaal" if i < 5 else "verminderd",
        )
        if i == 5:
            _urgent(besluit, urgent_reasons_fine=True, urgent_reasons_recovery="none")
    for i in range(2):
        resident = _resident(make, "Noord", date(1960, 1, 1), "gehuwden")
        besluit = make.besluit(resident, date(2025, 9, 1 + i), sanction="waarschuwing", verwijtbaarheid="")
        _urgent(besluit, urgent_reasons_fine=False, urgent_reasons_recovery="partial")
    make.besluit(make.resident(district="Zuid"), date(2024, 5, 1), sanction="boete", fine="150")


def test_age_band_on_the_decision_date():
    assert age_band(date(2003, 6, 1), date(2025, 5, 31)) == "18-26"
    assert age_band(date(1998, 6, 1), date(2025, 6, 1)) == "27-39"
    assert age_band(date(1970, 1, 1), date(2025, 1, 1)) == "55+"
    assert age_band(None, date(2025, 1, 1)) == "Onbekend"


def test_decisions_by_group(decided):
    result = INDICATORS["BG"].compute(parse("2025"), FILTERS)
    ages = result.table("sanctions_by_age_band")
    young, old, total = ages.row("18-26"), ages.row("55+"), ages.row("totaal")
    assert (young.get("decisions"), young.get("fines"), young.get("warnings"), young.get("urgent")) == (
        6,
        4,
        2,
        1,
    )
    assert (old.get("decisions"), old.get("fines"), old.get("warnings"), old.get("urgent")) == (2, 0, 2, 2)
    assert total.get("decisions") == 8 and total.get("urgent") == 3
    assert float(young.get("fine_share")) == pytest.approx(4 / 6)
    households = result.table("sanctions_by_household_type")
    assert households.row("gehuwden").get("warnings") == 2
    assert households.row("alleenstaande").get("decisions") == 6
    districts = result.table("sanctions_by_district")
    assert [r.key for r in districts.rows] == ["Noord", "Zuid", "totaal"]
    culpability = result.table("culpability_by_age_band")
    assert culpability.row("18-26").values == {
        "decisions": 6,
        "opzet": 0,
        "grove_schuld": 0,
        "normaal": 5,
        "verminderd": 1,
        "geen": 0,
        "niet_vastgelegd": 0,
    }
    assert culpability.row("55+").get("niet_vastgelegd") == 2


def test_the_yearly_report_shows_the_section_with_suppression(decided):
    data = report_build("groningen", parse("2025"), FILTERS)
    open_report = report_present(data, suppress=False)
    suppressed = report_present(data, suppress=True)
    section = next(s for s in suppressed.sections if s.key == "verantwoord_datagebruik")
    assert section.items
    table = suppressed.table("BG-sanctions_by_age_band")
    cells = {row.key: dict(zip([c.key for c in table.columns], row.cells, strict=True)) for row in table.rows}
    # the 2 older residents are under 5: hidden, with every share of them
    assert cells["55+"]["decisions"].shown == "<5"
    assert cells["55+"]["warning_share"].suppressed
    # and the 6 young ones too, or the shown total of 8 would give the 2 away
    assert cells["totaal"]["decisions"].shown == "8"
    assert cells["18-26"]["decisions"].suppressed
    # 4 fines, all young: the count and the total that equals it are hidden, and the share
    assert cells["18-26"]["fines"].shown == "<5"
    assert cells["totaal"]["fines"].suppressed
    assert cells["18-26"]["fine_share"].suppressed
    # a group without besluiten stays 0, nothing hidden behind it
    assert cells["27-39"]["decisions"].shown == "0"
    unsuppressed = open_report.table("BG-sanctions_by_age_band")
    plain = {row.key: row.cells[1].shown for row in unsuppressed.rows}
    assert plain["18-26"] == "4"


def test_the_section_is_on_the_page_and_in_excel(decided, client, world):
    import io

    from openpyxl import load_workbook

    from naleving.reports.exports import render_xlsx

    client.force_login(world["beleid"])
    page = client.get(reverse("reports:report", args=["groningen"]), {"periode": "2025"}).content.decode()
    assert "Verantwoord datagebruik: besluiten naar groep" in page
    assert "Boetes, waarschuwingen en dringende redenen naar leeftijdsgroep" in page
    report = report_present(report_build("groningen", parse("2025"), FILTERS), suppress=True)
    book = load_workbook(io.BytesIO(render_xlsx(report, organisation_name="Gemeente Groningen")))
    bg = [name for name in book.sheetnames if name.startswith("BG ")]
    assert len(bg) == 6
    rows = [[cell.value for cell in row] for row in book[bg[0]].iter_rows()]
    assert any(row and row[0] == "55 jaar en ouder" and "<5" in row for row in rows)
