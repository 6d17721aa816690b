"""Small-number suppression: the CBS rule for readers outside the enforcement team, none for the team."""

import html as html_module
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from naleving.reports.suppression import HIDDEN, amount_figure, cell_figure, count_figure, percentage


@pytest.mark.parametrize(("count", "shown"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (123, "123")])
def test_counts_of_one_to_four_become_less_than_five(count, shown):
    assert count_figure(count, suppress=True).shown == shown
    assert count_figure(count, suppress=False).shown == str(count)


def test_a_missing_count_is_shown_as_missing_never_as_zero():
    for suppress in (True, False):
        figure = cell_figure("count", None, suppress=suppress)
        assert (figure.value, figure.shown, figure.suppressed) == (None, "–", False)
    assert cell_figure("count", 0, suppress=True).shown == "0"


def test_amounts_from_fewer_than_five_cases_are_not_shown():
    assert amount_figure(Decimal("1234.5"), 4, suppress=True).suppressed
    assert amount_figure(Decimal("1234.5"), 5, suppress=True).shown == "€ 1.234,50"
    assert amount_figure(Decimal("1234.5"), 1, suppress=False).shown == "€ 1.234,50"
    assert cell_figure("amount", Decimal("99"), suppress=True, cases=3).shown == HIDDEN
    assert cell_figure("amount", Decimal("99"), suppress=True, cases=5).shown == "€ 99,00"
    assert cell_figure("amount", None, suppress=True, cases=0).shown == "–"  # nothing behind zero cases


def test_rates_hide_with_few_cases_or_a_small_numerator():
    # 3 of 20 closed: 20 cases, but showing 15% would reveal the suppressed 3
    assert cell_figure("rate", Decimal("0.15"), suppress=True, cases=20, numerator=3).shown == HIDDEN
    assert cell_figure("rate", Decimal("0.25"), suppress=True, cases=20, numerator=5).shown == "25,0%"
    assert cell_figure("rate", Decimal("0.5"), suppress=True, cases=4, numerator=0).shown == HIDDEN
    assert cell_figure("rate", Decimal("0.15"), suppress=False, cases=20, numerator=3).shown == "15,0%"
    assert cell_figure("days", 34.5, suppress=True, cases=2).shown == HIDDEN
    assert cell_figure("days", 34.5, suppress=False, cases=2).shown == "34,5"


def test_percentages_below_one_keep_two_decimals():
    assert percentage(Decimal("0.0091086")) == "0,91%"
    assert percentage(Decimal("0.123")) == "12,3%"


def _fines_by_district(make):
    noord = [make.resident(district="Noord") for _ in range(3)]
    for i, resident in enumerate(noord):
        make.besluit(resident, date(2025, 3, 1 + i), sanction="boete", fine="100", verwijtbaarheid="normaal")
    zuid = [make.resident(district="Zuid") for _ in range(6)]
    for resident in zuid:
        make.besluit(resident, date(2025, 6, 1), sanction="boete", fine="200", verwijtbaarheid="normaal")


def _row_cells(html: str, table: str, label: str) -> list[str]:
    block = re.search(rf'data-table="{table}".*?</table>', html, re.S).group(0)
    row = re.search(rf"<th scope=\"row\"[^>]*>{label}</th>(.*?)</tr>", block, re.S).group(1)
    return [
        html_module.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


@pytest.mark.django_db
def test_a_district_with_three_fines_is_less_than_five_for_policy_and_three_for_the_team_lead(
    client, world, make
):
    _fines_by_district(make)
    url = reverse("reports:report", args=["groningen"]) + "?periode=2025"
    client.force_login(world["beleid"])
    response = client.get(url)
    table = response.context["report"].table("C2-by_district")
    noord = next(r for r in table.rows if r.key == "Noord")
    assert noord.cells[1].shown == "<5" and noord.cells[2].shown == HIDDEN  # fines, fine total
    cells = _row_cells(response.content.decode(), "C2-by_district", "Noord")
    assert cells[:3] == ["<5", "<5", HIDDEN]  # besluiten, boetes, boetebedrag
    # The districts add up to the total by culpability (9): Zuid's 6 would give Noord's 3 away.
    assert _row_cells(response.content.decode(), "C2-by_district", "Zuid")[:3] == [HIDDEN, HIDDEN, HIDDEN]

    client.force_login(world["teamleider"])
    response = client.get(url)
    cells = _row_cells(response.content.decode(), "C2-by_district", "Noord")
    assert cells[:3] == ["3", "3", "€ 300,00"]


@pytest.mark.django_db
def test_policy_staff_see_suppressed_exports_too(client, world, make):
    _fines_by_district(make)
    client.force_login(world["beleid"])
    csv = client.get(
        reverse("reports:report_csv", args=["groningen", "C2-by_district"]) + "?periode=2025"
    ).content.decode()
    assert "Noord,<5,<5,niet getoond" in csv
    client.force_login(world["teamleider"])
    csv = client.get(
        reverse("reports:report_csv", args=["groningen", "C2-by_district"]) + "?periode=2025"
    ).content.decode()
    assert "Noord,3,3,300.00" in csv
