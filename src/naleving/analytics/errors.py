"""Errors the engine reports to the person who supplied the input.

A `DeliveryError` always names the file, the row and the column, so an analyst can open the delivery and
find the problem. `row` is the 1-based number of the data record (the first record after the CSV header
is row 1); for CSV files the message also gives the line number (the header is line 1), which is the row
number a spreadsheet shows. `row` is None for problems of the header (then `column` names the column) or
of the file as a whole (then `column` is None too); `column` is None for a malformed CSV line.

The English `message` is the primary text (code and logs are English); `message_nl` carries the Dutch text
for the user interface, which is Dutch by default.
"""

from __future__ import annotations

import logging
import secrets

logger = logging.getLogger("naleving.analytics")


def error_reference(error: BaseException, what: str) -> str:
    """Log ``error`` in full under a new short reference and return the reference.

    DuckDB's messages name server paths (``File '/srv/.../leveringen/levering-x/clients.parquet'``) and
    internals; the analyst gets "Er ging iets mis bij ... (referentie 3F9A0C1B)" instead, and the
    application administrator finds the full error in the log by that reference."""
    reference = secrets.token_hex(4).upper()
    logger.error("%s (reference %s): %s", what, reference, error, exc_info=error)
    return reference


class AnalyticsError(Exception):
    """Base class of the errors that mean "the input is wrong", as opposed to a defect of the engine."""


class DeliveryError(AnalyticsError):
    """A data delivery that cannot be used: nothing of it has been (or will be) used for a run."""

    def __init__(
        self,
        file: str,
        row: int | None,
        column: str | None,
        message: str,
        *,
        message_nl: str | None = None,
        line: int | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.message = message
        self.message_nl = message_nl or message
        self.line = line
        super().__init__(self.describe())

    def _where(self, row_word: str, line_word: str, column_word: str, header_word: str) -> str:
        parts = [self.file]
        if self.row is None:
            if self.column is not None:
                parts.append(header_word)
        else:
            line = f" ({line_word} {self.line})" if self.line is not None else ""
            parts.append(f"{row_word} {self.row}{line}")
        if self.column is not None:
            parts.append(f"{column_word} {self.column}")
        return ", ".join(parts)

    def describe(self) -> str:
        """The English message: "clients.csv, row 3 (line 4), column bsn: ..."."""
        return f"{self._where('row', 'line', 'column', 'header')}: {self.message}"

    def describe_nl(self) -> str:
        """The Dutch message: "clients.csv, rij 3 (regel 4), kolom bsn: ..."."""
        return f"{self._where('rij', 'regel', 'kolom', 'kopregel')}: {self.message_nl}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "row": self.row,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "message_nl": self.message_nl,
        }


class ParameterError(AnalyticsError, ValueError):
    """An unknown control, an unknown parameter or a parameter value out of range."""


class RulesParameterError(AnalyticsError):
    """`naleving.rules` has no parameter in force on the reference date (e.g. no asset limit)."""
