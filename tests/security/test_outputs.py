"""Spreadsheet exports cannot carry a formula (CSV injection): text people typed (a district name, a case
example's title) that starts with = + - @ or a tab comes out as text in the XLSX and the CSV."""

import csv
import io

import pytest
from django.urls import reverse

FORMULA = '=HYPERLINK("http://x","y")'


def _workbook(response):
    from openpyxl import load_workbook  # imported where a test reads a workbook (naleving.testing.lazy)

    return load_workbook(io.BytesIO(response.content))


def _all_cells(book):
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.django_db
def test_a_case_example_title_is_text_in_the_xlsx(client, world):
    from naleving.reports.services import casusvoorbeeld_mark

    summary = (
        "Tijdens een voorlichtingsgesprek bleek dat de inwoner net werk had gevonden. Zij gaf het dezelfde "
        "week door; er was geen terugvordering en geen boete nodig."
    )
    casusvoorbeeld_mark(
        actor=world["consulent"],
        case_kind="besluit",
        reference=world["besluit"].kenmerk,
        period="2026-T1",
        title=FORMULA,
        summary="@SUM(1+1) " + summary,
    )
    client.force_login(world["teamleider"])
    response = client.get(reverse("reports:report_xlsx", args=["mer"]), {"periode": "2026-T1"})
    assert response.status_code == 200
    book = _workbook(response)
    assert not [c.coordinate for c in _all_cells(book) if c.data_type == "f"]
    sheet = book["Casusvoorbeelden"]
    title, text = sheet["B2"], sheet["C2"]
    assert (title.value, title.data_type) == (FORMULA, "s")
    assert text.value.startswith("@SUM(1+1)") and text.data_type == "s"
    assert title.quotePrefix and text.quotePrefix


@pytest.fixture
def formula_district(world):
    """Jansen's district (free text from the BRP) is a formula; his besluit of 2026 is vastgesteld."""
    from naleving.decisions.models import Besluit, BesluitStatus

    Besluit.objects.filter(pk=world["besluit"].pk).update(status=BesluitStatus.VASTGESTELD)
    jansen = world["jansen"]
    jansen.district = FORMULA
    jansen.save(update_fields=["district"])
    return jansen


@pytest.mark.django_db
def test_a_district_name_is_text_in_the_csv(client, world, formula_district):
    client.force_login(world["teamleider"])
    response = client.get(
        reverse("reports:report_csv", args=["groningen", "C2-by_district"]), {"periode": "2026"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    labels = [row[0] for row in rows[1:]]
    assert "'" + FORMULA in labels
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "@", "\t", "\r"))]


@pytest.mark.django_db
def test_a_district_name_is_text_in_the_xlsx(client, world, formula_district):
    client.force_login(world["teamleider"])
    response = client.get(reverse("reports:report_xlsx", args=["groningen"]), {"periode": "2026"})
    assert response.status_code == 200
    cells = _all_cells(_workbook(response))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    district = [c for c in cells if c.value == FORMULA]
    assert district and all(c.data_type == "s" and c.quotePrefix for c in district)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Centrum", "Centrum"),
        ("-12.50", "-12.50"),
        ("+3", "+3"),
        (12, 12),
        (None, None),
    ],
)
def test_safe_cell(value, written):
    from naleving.common.spreadsheet import csv_row, safe_cell

    assert safe_cell(value) == written
    assert csv_row([value]) == [written]


def test_xlsx_append_writes_formula_like_text_as_text():
    from openpyxl import Workbook

    from naleving.common.spreadsheet import formula_like, xlsx_append

    sheet = Workbook().active
    xlsx_append(sheet, ["Centrum", FORMULA, 3, "-1"])
    xlsx_append(sheet, [])
    xlsx_append(sheet, ["+€ 1.234,00"])
    first = sheet[1]
    assert [c.data_type for c in first] == ["s", "s", "n", "s"]
    assert first[1].value == FORMULA and first[1].quotePrefix and not first[0].quotePrefix
    assert sheet["A3"].data_type == "s" and formula_like(sheet["A3"].value)
