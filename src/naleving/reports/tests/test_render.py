"""The five reports for the demo municipality: the PDF (text read back with pypdf) and the Excel workbook
(cells read back with openpyxl) carry the figures the indicator functions compute."""

import io
import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import transaction

from naleving.common.pdf import layout_to_pdf
from naleving.reports.build import report_build
from naleving.reports.definitions import REPORTS
from naleving.reports.exports import render_csv, render_layout, render_pdf, render_xlsx
from naleving.reports.indicators import INDICATORS, Filters
from naleving.reports.periods import parse
from naleving.reports.presentation import report_present
from naleving.reports.presentation_json import report_json

#: The demo is loaded once per module (or class) and worker: all the module's tests in one worker load it once.
pytestmark = pytest.mark.xdist_group("reports-render")

PERIOD = parse("2025")
FILTERS = Filters(as_of=date(2026, 11, 23))
#: one figure per report to find back: (indicator, table, row, column, row label in the document)
CHECKS = {
    "mer": ("S1", "by_origin", "inlichtingenbureau", "n", "Inlichtingenbureau"),
    "groningen": ("G1", "outcomes", "toegekend", "n", "Toegekend"),
    "baanbrekers": ("I1", "by_origin", "totaal", "closed", "Totaal"),
    "steenwijkerland": ("P1", "by_kind", "voorlichting_intake", "n", "Voorlichting bij intake"),
    "szw": ("S3", "funnel", "inlichtingenbureau", "received", "Inlichtingenbureau"),
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Gemeente Demostad with 400 residents and two years of work up to 1 November 2026, loaded once for
    the module and rolled back after it."""
    from naleving.demo.load import demo_municipality_load

    with django_db_blocker.unblock(), transaction.atomic():
        demo_municipality_load(residents=400, seed=7, reference_date=date(2026, 11, 1))
        with transaction.atomic():  # an example for the MER report
            from naleving.reports.tests.factories import CasusvoorbeeldFactory
            from naleving.residents.models import Resident

            CasusvoorbeeldFactory(
                resident=Resident.objects.first(), period_code="2025-T2", period_start=date(2025, 5, 1),
                period_end=date(2025, 8, 31), title="Schulden op tijd gezien",
                summary="Na een voorlichtingsgesprek gaf de inwoner het nieuwe werk zelf door; geen terugvordering nodig.",
                marked_at="2025-09-01T10:00:00+02:00",
            )  # fmt: skip
        yield
        _PRESENTED.clear()
        _PDFS.clear()
        _LAYOUTS.clear()
        _PAGES.clear()
        transaction.set_rollback(True)


def _expected(key: str) -> int:
    indicator, table, row, column, _label = CHECKS[key]
    origin = "inlichtingenbureau" if key == "szw" else ""
    from dataclasses import replace

    return (
        INDICATORS[indicator].compute(PERIOD, replace(FILTERS, origin=origin)).table(table).value(row, column)
    )


#: Built and rendered once per report for the module (the demo does not change within it): the PDF of a year
#: report takes WeasyPrint seconds, and three tests read it.
_PRESENTED: dict[tuple[str, bool], object] = {}
_PDFS: dict[str, bytes] = {}
_LAYOUTS: dict[str, object] = {}


def _present(key: str, suppress: bool = False):
    if (key, suppress) not in _PRESENTED:
        _PRESENTED[key, suppress] = report_present(report_build(key, PERIOD, FILTERS), suppress=suppress)
    return _PRESENTED[key, suppress]


def _pdf(key: str) -> bytes:
    """The report's PDF as ``render_pdf`` writes it, from the layout ``_layout`` keeps."""
    if key not in _PDFS:
        _PDFS[key] = layout_to_pdf(_layout(key))
    return _PDFS[key]


def _layout(key: str):
    """The report laid out on its pages (``render_layout``, the first half of ``render_pdf``): the PDF tests
    and the margin test read the same layout (a year report's layout is most of WeasyPrint's seconds)."""
    if key not in _LAYOUTS:
        _LAYOUTS[key] = render_layout(_present(key), organisation_name="Gemeente Demostad")
    return _LAYOUTS[key]


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(REPORTS))
def test_report_renders_as_pdf_with_its_figures(demo, key):
    text = "\n".join(page.text for page in _pdf_pages(key))
    assert REPORTS[key].title in text.replace("\n", " ")
    assert "Gemeente Demostad" in text and "Bijlage: definities en bronnen" in text
    for section in REPORTS[key].sections:
        assert section.title in text.replace("\n", " ")
    expected = _expected(key)
    label = CHECKS[key][4]
    assert expected > 0
    assert re.search(rf"^{re.escape(label)}\s+{expected}\b", text, re.M), f"{label} {expected} not in the PDF"
    if key == "mer":
        assert "Schulden op tijd gezien" in text
    if key == "groningen":
        assert "lager dan 1%" in text  # the target


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(REPORTS))
def test_report_renders_as_excel_with_its_figures(demo, key):
    from openpyxl import load_workbook

    report = _present(key)
    book = load_workbook(io.BytesIO(render_xlsx(report, organisation_name="Gemeente Demostad")))
    assert book.sheetnames[0] == "Rapport"
    assert book["Rapport"]["A1"].value == REPORTS[key].title
    assert book["Rapport"]["B3"].value == "2025"
    # a cover sheet, one sheet per table, and for MER the case examples
    assert len(book.sheetnames) == 1 + len(report.tables) + (1 if key == "mer" else 0)
    indicator, table_key, _row, column, label = CHECKS[key]
    table = next(t for t in report.tables if t.key.startswith(f"{indicator}-{table_key}"))
    sheet = book[book.sheetnames[1 + report.tables.index(table)]]
    assert sheet["A1"].value == f"{indicator} · {table.title}"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row and row[0]}
    assert rows[table.table.label_header][1] == table.columns[0].label  # the header row
    position = 1 + [c.key for c in table.columns].index(column)
    assert rows[label][position] == _expected(key)


@pytest.mark.django_db
def test_suppressed_excel_and_json_carry_placeholders(demo):
    from openpyxl import load_workbook

    report = _present("steenwijkerland", suppress=True)
    data = report_json(report)
    assert data["suppressed"] is True
    book = load_workbook(io.BytesIO(render_xlsx(report, organisation_name="Gemeente Demostad")))
    cells = {cell.value for sheet in book.worksheets[1:] for row in sheet.iter_rows() for cell in row}
    shown = {cell.shown for t in report.tables for row in t.rows for cell in row.cells}
    assert ("<5" in shown) == ("<5" in cells)
    csv = render_csv(report.tables[0])
    assert csv.startswith("\ufeff")


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(REPORTS))
def test_excel_sheet_names_are_whole_words_and_unique(demo, key):
    from openpyxl import load_workbook

    from naleving.reports.exports import _SHEET_FORBIDDEN

    report = _present(key)
    book = load_workbook(io.BytesIO(render_xlsx(report, organisation_name="Gemeente Demostad")))
    names = book.sheetnames[1 : 1 + len(report.tables)]
    assert len({name.casefold() for name in book.sheetnames}) == len(book.sheetnames)
    for name, table in zip(names, report.tables, strict=True):
        assert len(name) <= 31
        full = _SHEET_FORBIDDEN.sub(" ", f"{table.indicator.id} {table.title}").split()
        words = name.split()
        if words[-1].isdigit() and words != full[: len(words)]:
            words = words[:-1]  # the number that makes a repeated name unique
        # the name is the code and the first whole words of the title: no word is cut off
        assert [w.rstrip(",;") for w in words] == [w.rstrip(",;") for w in full[: len(words)]], name
        assert words[0] == table.indicator.id


@pytest.mark.django_db
def test_pdf_and_excel_show_one_creation_time_in_amsterdam(demo):
    from dataclasses import replace as dc_replace
    from datetime import UTC, datetime

    from django.utils import timezone
    from openpyxl import load_workbook
    from pypdf import PdfReader

    made = datetime(2026, 3, 2, 9, 30, 15, tzinfo=UTC)  # 10:30 in Amsterdam (winter time)
    report = dc_replace(_present("groningen"), generated_at=made)
    with timezone.override("UTC"):  # whatever time zone the request runs in
        pdf = PdfReader(io.BytesIO(render_pdf(report, organisation_name="Gemeente Demostad")))
        book = load_workbook(io.BytesIO(render_xlsx(report, organisation_name="Gemeente Demostad")))
    cover = {row[0]: row[1] for row in book["Rapport"].iter_rows(values_only=True) if row and row[0]}
    assert cover["Gemaakt op"] == "02-03-2026 10:30"
    assert "2 maart 2026, 10:30 met Naleving" in pdf.pages[0].extract_text().replace("\n", " ")
    # the metadata of both files name the same moment
    assert pdf.metadata.creation_date == made.replace(microsecond=0)
    assert pdf.metadata.creation_date.utcoffset().total_seconds() == 3600  # written as Amsterdam time
    assert book.properties.created.replace(tzinfo=UTC) == made.replace(microsecond=0)
    assert report_json(report)["generated_at"] == "2026-03-02T10:30:15+01:00"


@dataclass(frozen=True)
class _PdfPage:
    """What the tests read of one page of a report's PDF (pypdf's text extraction takes seconds for a year
    report, so it is done once per report for the module)."""

    size: tuple[float, float]
    text: str
    #: (x where it starts, text) of every piece of text on the page
    runs: list[tuple[float, str]]


_PAGES: dict[str, list[_PdfPage]] = {}


def _pdf_pages(key: str) -> list[_PdfPage]:
    from pypdf import PdfReader

    if key not in _PAGES:
        pages = []
        for page in PdfReader(io.BytesIO(_pdf(key))).pages:
            runs: list[tuple[float, str]] = []

            def visit(text, cm, tm, _font, _size, runs=runs):
                if text.strip():
                    runs.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text.strip()))

            text = page.extract_text(visitor_text=visit)
            pages.append(_PdfPage((float(page.mediabox.width), float(page.mediabox.height)), text, runs))
        _PAGES[key] = pages
    return _PAGES[key]


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(REPORTS))
def test_every_column_of_every_table_fits_the_a4_page(demo, key):
    report = _present(key)
    # the laid-out boxes: no text ends right of the page's content area (its right margin is 18 mm)
    for number, page in enumerate(_layout(key).pages, start=1):
        box = page._page_box
        right = box.margin_width() - box.margin_right
        past = [
            (b.text, round(b.position_x + b.width - right, 1))
            for b in box.descendants()
            if type(b).__name__ == "TextBox" and b.position_x + b.width > right + 0.5
        ]
        assert not past, f"page {number}: text past the right margin {past[:5]}"
    # the PDF itself: A4 (portrait, or landscape for a wide table), every text starts on the page, and the
    # comparison columns with their figures are there
    text = ""
    for page in _pdf_pages(key):
        assert sorted(round(side) for side in page.size) == [595, 842], "not A4"
        # (pypdf gives the charts' SVG text in the chart's own units, so only the table's text is checked here)
        edge = page.size[0] - 18 / 25.4 * 72
        assert all(x < edge for x, t in page.runs if t.startswith("Verschil"))
        text += page.text + "\n"
    compared = [t for t in report.tables if t.compare_column is not None and t.rows]
    assert compared and "Verschil" in text
    widest = max(compared, key=lambda t: len(t.headers))
    total = next((r for r in widest.rows if r.total), widest.rows[-1])
    shown = [total.label, *(c.shown for c in total.cells), total.previous.shown, total.difference.shown]
    pattern = r"\s+".join(re.escape(word) for cell in shown for word in cell.split())
    assert re.search(pattern, text), f"{widest.key}: {' | '.join(shown)} not on one line of the PDF"
    if key == "groningen":
        assert widest.wide and len(widest.headers) >= 9  # C2 and BG: printed on a landscape page


@pytest.mark.django_db
def test_the_demo_has_restarts_so_not_every_termination_is_durable(demo):
    rows = {r.key: r.values for r in INDICATORS["D1"].compute(PERIOD, FILTERS).table("terminations").rows}
    # a few residents of Demostad came back within 6 months (demo/benefits.py, restart_for)
    assert rows["restarted"]["n"] > 0
    assert rows["durable"]["n"] + rows["provisional"]["n"] == rows["ended"]["n"] - rows["restarted"]["n"]
    assert rows["durable"]["n"] < rows["ended"]["n"]
