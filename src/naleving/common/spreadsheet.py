"""Spreadsheet exports that cannot run a formula (CSV injection, OWASP "CSV Injection").

Text in an export can come from people: a district name from the BRP, a case example's title, a reason a
colleague typed. A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel and LibreOffice (``=HYPERLINK("http://…","klik")`` sends the reader elsewhere; DDE
formulas can start programs). Every export writes its rows through this module:

- CSV has no cell types, so such text gets a leading ``'``: the spreadsheet shows it as text.
- XLSX stores such text as a string cell (``data_type`` ``"s"``, never ``"f"``) marked with Excel's own
  ``quotePrefix``, so the reader sees exactly the text that was typed and editing it keeps it text.

A plain number written as text (``-12.50`` in a CSV) is left alone: it cannot be a formula.
"""

import re
from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def formula_like(value: object) -> bool:
    """True for text a spreadsheet would read as a formula."""
    return (
        isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value)
    )


def safe_cell(value: Any) -> Any:
    """``value`` for a CSV cell: formula-like text gets a leading ``'``; anything else is unchanged."""
    return f"'{value}" if formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row for ``csv.writer.writerow`` with every cell made safe."""
    return [safe_cell(value) for value in values]


def xlsx_append(sheet, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet; text is always a string cell, never a formula."""
    values = list(values)
    sheet.append(values)
    if not values:
        return
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if formula_like(cell.value):
                cell.quotePrefix = True
