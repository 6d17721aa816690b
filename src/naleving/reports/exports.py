"""A presented report as PDF (WeasyPrint), Excel (openpyxl, one sheet per table) and CSV (one table).

Every row goes through common/spreadsheet.py, so no text (a district name, a case example) can become a
formula. Exports carry exactly what the reader saw on the page: suppressed figures stay "<5" or "niet getoond".
The PDF is laid out as a report a council receives (cover, targets, sections with charts, definitions)
and is rendered without any network access: inline CSS, inline SVG, the system's fonts (common/pdf.py).
"""

import csv
import io
import re
from datetime import UTC
from decimal import Decimal

from django.template.loader import render_to_string

from naleving.common.pdf import html_layout, layout_to_pdf
from naleving.common.spreadsheet import csv_row, xlsx_append
from naleving.reports.presentation import PresentedReport, PresentedTable
from naleving.reports.suppression import Figure
from naleving.reports.tables import AMOUNT, COUNT, DAYS, RATE, Column

EXCEL_FORMATS = {AMOUNT: '"€" #,##0.00', RATE: "0.0%", DAYS: "0.0", COUNT: "0"}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def render_pdf(report: PresentedReport, *, organisation_name: str) -> bytes:
    return layout_to_pdf(render_layout(report, organisation_name=organisation_name))


def render_layout(report: PresentedReport, *, organisation_name: str):
    """The report laid out on its pages, before it is written as PDF (``render_pdf``)."""
    html = render_to_string("reports/pdf.html", {"report": report, "organisation_name": organisation_name})
    return html_layout(html)


def file_name(report: PresentedReport, extension: str, table: str = "") -> str:
    suffix = f"-{table}" if table else ""
    district = f"-{slug(report.district)}" if report.district else ""
    gemeente = f"-{report.scope.code.lower()}" if report.scope and report.scope.code else ""
    return f"rapportage-{report.definition.key}-{report.period.code}{gemeente}{district}{suffix}.{extension}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _excel_value(column: Column, figure: Figure):
    if figure.suppressed or figure.value is None:
        return figure.shown
    if column.kind == AMOUNT:
        return Decimal(figure.value)
    if column.kind in (RATE, DAYS):
        return float(figure.value)
    return figure.value


#: Excel's limit on a sheet name
SHEET_NAME_MAX = 31


def _words_within(words: list[str], limit: int) -> str:
    """As many whole words as fit in ``limit`` characters (a single long first word is cut)."""
    text = ""
    for word in words:
        longer = f"{text} {word}" if text else word
        if len(longer) > limit:
            break
        text = longer
    return text.rstrip(" ,;·-–") or words[0][:limit]


def sheet_title(table: PresentedTable, used: set[str]) -> str:
    """The sheet name of ``table``: its indicator code and as much of its title as fits in Excel's 31
    characters, cut between words, never inside one; unique in the workbook (``used``, casefolded: Excel
    does not tell case apart) by a number at the end."""
    words = _SHEET_FORBIDDEN.sub(" ", f"{table.indicator.id} {table.title}").split()
    title, n = _words_within(words, SHEET_NAME_MAX), 2
    while title.casefold() in used:
        suffix = f" {n}"
        title = _words_within(words, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    used.add(title.casefold())
    return title


def _write_table(sheet, table: PresentedTable) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    xlsx_append(sheet, [f"{table.indicator.id} · {table.title}"])
    sheet["A1"].font = Font(bold=True, size=13)
    xlsx_append(sheet, [f"Definitie: {table.indicator.definition}"])
    if table.unavailable:
        xlsx_append(sheet, [table.unavailable])
        return
    xlsx_append(sheet, [])
    xlsx_append(sheet, table.headers)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in table.rows:
        values = [row.label, *(_excel_value(c, f) for c, f in zip(table.columns, row.cells, strict=True))]
        kinds = [None, *(c.kind for c in table.columns)]
        if table.compare_column is not None:
            values += [_excel_value(table.compare_column, row.previous), row.difference.shown]
            kinds += [table.compare_column.kind, None]
        xlsx_append(sheet, values)
        for cell, kind in zip(sheet[sheet.max_row], kinds, strict=True):
            if kind in EXCEL_FORMATS and not isinstance(cell.value, str):
                cell.number_format = EXCEL_FORMATS[kind]
            if row.total:
                cell.font = bold
    if table.note:
        xlsx_append(sheet, [])
        xlsx_append(sheet, [table.note])
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJK":
        sheet.column_dimensions[letter].width = 18


def _write_cover(sheet, report: PresentedReport, organisation_name: str) -> None:
    from openpyxl.styles import Font

    sheet.title = "Rapport"
    rows = [
        [report.definition.title],
        [report.definition.organisation],
        ["Periode", report.period.label, report.period.code],
        ["Vergeleken met", report.previous.label, report.previous.code],
        ["Gegevens van", organisation_name],
        ["Gemeenten", report.scope.heading if report.scope else ""],
        ["Wijk", report.district or "alle wijken"],
        ["Gemaakt op", report.generated_local.strftime("%d-%m-%Y %H:%M")],
        ["Bron", report.definition.source],
        ["Kleine aantallen", "onderdrukt" if report.suppressed else "niet onderdrukt (handhavingsteam)"],
    ]
    rows += [["Toelichting", note] for note in (report.scope.notes if report.scope else ())]
    for row in rows:
        xlsx_append(sheet, row)
    sheet["A1"].font = Font(bold=True, size=14)
    if report.targets:
        xlsx_append(sheet, [])
        xlsx_append(sheet, ["Doel", "Norm", report.period.label, report.previous.label, "Oordeel"])
        for target in report.targets:
            xlsx_append(
                sheet,
                [
                    target.target.label,
                    target.target.text,
                    target.current.shown,
                    target.previous.shown,
                    target.verdict,
                ],
            )
    xlsx_append(sheet, [])
    xlsx_append(sheet, ["Indicator", "Titel", "Definitie", "Bron"])
    for indicator in report.indicators:
        xlsx_append(sheet, [indicator.id, indicator.title_nl, indicator.definition, indicator.source])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 60


def render_xlsx(report: PresentedReport, *, organisation_name: str) -> bytes:
    """A workbook: a cover sheet (metadata, targets, definitions), then one sheet per table."""
    from openpyxl import Workbook

    book = Workbook()
    # the same moment as the PDF's; openpyxl writes these as UTC ("Z"), Excel shows them in local time
    made = report.generated_local.astimezone(UTC).replace(tzinfo=None)
    book.properties.created = book.properties.modified = made
    book.properties.creator = "Naleving"
    book.properties.title = f"{report.definition.title} {report.period.label}"
    _write_cover(book.active, report, organisation_name)
    used = {"rapport"}
    for table in report.tables:
        _write_table(book.create_sheet(sheet_title(table, used)), table)
    examples = [e for s in report.sections if s.case_examples is not None for e in s.case_examples]
    if any(s.case_examples is not None for s in report.sections):
        sheet = book.create_sheet("Casusvoorbeelden")
        xlsx_append(sheet, ["Periode", "Titel", "Samenvatting"])
        for example in examples:
            xlsx_append(sheet, [example.period_code, example.title, example.summary])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_value(column: Column, figure: Figure) -> str:
    if figure.suppressed or figure.value is None:
        return figure.shown
    if column.kind == AMOUNT:
        return f"{Decimal(figure.value):.2f}"
    if column.kind == RATE:
        return f"{float(figure.value):.6f}"
    return str(figure.value)


def render_csv(table: PresentedTable) -> str:
    """One table as CSV: comma separated, raw numbers with a decimal point, suppressed cells as shown."""
    out = io.StringIO()
    writer = csv.writer(out)
    keys = ["label", *(c.key for c in table.columns)]
    if table.compare_column is not None:
        keys += [f"{table.compare_column.key}_vorige_periode"]
    writer.writerow(csv_row(table.headers[: len(keys)]))
    for row in table.rows:
        values = [row.label, *(_csv_value(c, f) for c, f in zip(table.columns, row.cells, strict=True))]
        if table.compare_column is not None:
            values.append(_csv_value(table.compare_column, row.previous))
        writer.writerow(csv_row(values))
    return "\ufeff" + out.getvalue()
