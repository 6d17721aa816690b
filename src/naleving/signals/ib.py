"""The Inlichtingenbureau signal file (CSV): its columns and products, and the check of every row.

Pure parsing without the database; ``signals.services.ib_import`` stores what this accepts. The format is
described for the people who deliver and upload the files in docs/howto/ib-import.md. Every problem is
reported with its line and column, all at once, so a file can be corrected in one go.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from naleving.residents.validators import bsn_is_valid
from naleving.signals.choices import ViolationKind

DELIMITER = ","
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_REFERENCE = 64
MAX_DESCRIPTION = 2000
FIRST_TAX_YEAR = 1990

COLUMNS = (
    "signaalnummer",
    "bsn",
    "product",
    "signaaldatum",
    "belastingjaar",
    "bsn_geverifieerd",
    "omschrijving",
)

# The information products of the IB "Rechtmatigheidscontrole" (legal-rules.md §9), each mapped to the
# kind of violation it may point at. A signal is a reason to look, never proof.
PRODUCTS: dict[str, str] = {
    "Start inkomstenverhouding": ViolationKind.INCOME,
    "Detentie": ViolationKind.DETENTION,
    "Voortvluchtig veroordeelden": ViolationKind.DETENTION,
    "Uitkering andere gemeente": ViolationKind.ADDRESS,
    "Kostendelers": ViolationKind.HOUSEHOLD,
    "Studiefinanciering": ViolationKind.STUDY,
    "Inschrijving hogeschool-universiteit": ViolationKind.STUDY,
    "Voertuigbezit": ViolationKind.VEHICLE,
    "Vermogen": ViolationKind.ASSETS,
    "Bankrekeningnummers": ViolationKind.ASSETS,
    "Inkomsten box 1": ViolationKind.INCOME,
    "Vermogen box 3": ViolationKind.ASSETS,
    "Heffingskortingen": ViolationKind.INCOME,
}
_TRUE, _FALSE = frozenset({"true", "ja"}), frozenset({"false", "nee"})
_DELIMITER_NAMES = {";": "een puntkomma (;)", "\t": "een tab", "|": "een verticale streep (|)"}
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


_PRODUCT_BY_KEY = {_key(name): name for name in PRODUCTS}


@dataclass(frozen=True)
class RowError:
    """One problem in the file. ``line`` is the line in the file (the header is line 1)."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [f"Regel {self.line}"] if self.line else []
        where += [f"kolom {self.column}"] if self.column else []
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class IBRow:
    line: int
    signaalnummer: str
    bsn: str
    product: str
    signaaldatum: date
    belastingjaar: int | None
    bsn_geverifieerd: bool
    omschrijving: str

    @property
    def kind(self) -> str:
        return PRODUCTS[self.product]

    def description(self) -> str:
        """The signal's description: the IB facts first (they have no fields of their own), then the text."""
        facts = [f"signaaldatum {self.signaaldatum:%d-%m-%Y}"]
        if self.belastingjaar:
            facts.append(f"belastingjaar {self.belastingjaar}")
        facts.append(
            f"BSN geverifieerd door het Inlichtingenbureau: {'ja' if self.bsn_geverifieerd else 'nee'}"
        )
        head = f"Signaal Inlichtingenbureau, product '{self.product}' ({', '.join(facts)})."
        return f"{head} {self.omschrijving}" if self.omschrijving else head


class _CellError(ValueError):
    pass


def parse(content: bytes, *, today: date) -> tuple[list[IBRow], list[RowError]]:
    """Check the whole file; return its rows when there is no error, else every error found."""
    text, errors = _decode(content)
    if errors:
        return [], errors
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return [], [RowError(1, None, "de kopregel met de kolomnamen ontbreekt of is onleesbaar.")]
    columns, errors = _check_header(header, text.splitlines()[0])
    if errors:
        return [], errors
    rows, errors = _read_rows(reader, columns, today)
    if not rows and not errors:
        errors = [RowError(None, None, "Het bestand bevat alleen een kopregel en geen signalen.")]
    return ([] if errors else rows), errors


def _decode(content: bytes) -> tuple[str, list[RowError]]:
    if len(content) > MAX_BYTES:
        return "", [
            RowError(None, None, "Het bestand is groter dan 10 MB. Splits het in kleinere bestanden.")
        ]
    if not content.strip():
        return "", [RowError(None, None, "Het bestand is leeg.")]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        message = (
            "het bestand is geen UTF-8-tekst (is het een Excel-bestand? Sla het op als 'CSV UTF-8 "
            "(door komma's gescheiden)')."
        )
        return "", [RowError(line, None, message)]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return "", [
            RowError(line, None, "het bestand bevat een ongeldig teken (NUL); is het wel een CSV-bestand?")
        ]
    return text, []


def _check_header(header: list[str], first_line: str) -> tuple[list[str], list[RowError]]:
    if DELIMITER not in first_line:
        for delimiter, name in _DELIMITER_NAMES.items():
            if delimiter in first_line:
                message = f"het scheidingsteken moet een komma (,) zijn; dit bestand gebruikt {name}."
                return [], [RowError(1, None, message)]
    columns = [name.strip().casefold() for name in header]
    errors = [
        RowError(1, None, f"de kolom '{name}' staat er meer dan één keer in.")
        for name in sorted({c for c in columns if columns.count(c) > 1})
    ]
    errors += [RowError(1, None, f"onbekende kolom '{name}'.") for name in columns if name not in COLUMNS]
    errors += [RowError(1, None, f"de kolom '{name}' ontbreekt.") for name in COLUMNS if name not in columns]
    if errors:
        errors.append(
            RowError(1, None, f"De kopregel moet precies deze kolommen hebben: {', '.join(COLUMNS)}.")
        )
    return columns, errors


def _read_rows(reader, columns: list[str], today: date) -> tuple[list[IBRow], list[RowError]]:
    rows: list[IBRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    line, count = reader.line_num + 1, 0
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                count += 1
                if count > MAX_ROWS:
                    return [], [RowError(None, None, f"Het bestand heeft meer dan {MAX_ROWS} signalen.")]
                row, row_errors = _parse_record(line, record, columns, today, seen)
                errors += row_errors
                if row is not None:
                    rows.append(row)
            line = reader.line_num + 1
    except csv.Error:
        errors.append(
            RowError(
                line, None, "deze regel is onleesbaar: controleer de aanhalingstekens (\") en de komma's."
            )
        )
    return rows, errors


def _parse_record(line, record, columns, today, seen) -> tuple[IBRow | None, list[RowError]]:
    if len(record) != len(columns):
        message = (
            f"verwacht {len(columns)} kolommen, gevonden {len(record)}. Staat er een komma in een tekst "
            "zonder aanhalingstekens eromheen?"
        )
        return None, [RowError(line, None, message)]
    values, errors = {}, []
    for column, raw in zip(columns, record, strict=True):
        try:
            values[column] = _CHECKS[column](raw.strip(), today)
        except _CellError as exc:
            errors.append(RowError(line, column, str(exc)))
    reference = values.get("signaalnummer")
    if reference in seen:
        errors.append(
            RowError(line, "signaalnummer", f"{reference} staat ook al op regel {seen[reference]}.")
        )
    elif reference:
        seen[reference] = line
    if errors:
        return None, errors
    return IBRow(line=line, **values), []


def _reference(value: str, today: date) -> str:
    if not value:
        raise _CellError("is leeg; elk signaal heeft een signaalnummer.")
    if len(value) > MAX_REFERENCE:
        raise _CellError(f"is langer dan {MAX_REFERENCE} tekens.")
    if not _REFERENCE.match(value):
        raise _CellError(f"'{value}' mag alleen letters, cijfers en . _ / - bevatten.")
    return value


def _bsn(value: str, today: date) -> str:
    if not value:
        raise _CellError("is leeg; elk signaal van het Inlichtingenbureau gaat over een BSN.")
    if not value.isdigit():
        raise _CellError(f"'{value[:20]}' is geen BSN: een BSN bestaat uit 9 cijfers.")
    if len(value) == 8:
        raise _CellError(
            f"{value} heeft 8 cijfers; een BSN heeft er 9. Is er een voorloopnul weggevallen (bijvoorbeeld in Excel)?"
        )
    if len(value) != 9:
        raise _CellError(f"{value} heeft {len(value)} cijfers; een BSN heeft er 9.")
    if not bsn_is_valid(value):
        raise _CellError(f"{value} voldoet niet aan de elfproef.")
    return value


def _product(value: str, today: date) -> str:
    name = _PRODUCT_BY_KEY.get(_key(value))
    if name is None:
        shown = f"'{value[:60]}'" if value else "(leeg)"
        raise _CellError(f"onbekend product {shown}. Kies uit: {', '.join(PRODUCTS)}.")
    return name


def _date(value: str, today: date) -> date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            day = datetime.strptime(value, pattern).date()
            break
        except ValueError:
            continue
    else:
        shown = f"'{value[:20]}'" if value else "(leeg)"
        raise _CellError(f"{shown} is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-03-31.")
    if day > today:
        raise _CellError(f"{day:%d-%m-%Y} ligt in de toekomst.")
    return day


def _tax_year(value: str, today: date) -> int | None:
    if not value:
        return None
    if not (value.isdigit() and len(value) == 4):
        raise _CellError(f"'{value[:20]}' is geen jaartal (4 cijfers, bijvoorbeeld 2025).")
    year = int(value)
    if not FIRST_TAX_YEAR <= year <= today.year:
        raise _CellError(f"{year} ligt niet tussen {FIRST_TAX_YEAR} en {today.year}.")
    return year


def _verified(value: str, today: date) -> bool:
    if value.casefold() in _TRUE:
        return True
    if value.casefold() in _FALSE:
        return False
    shown = f"'{value[:20]}'" if value else "(leeg)"
    raise _CellError(f"{shown} is geen geldige waarde; gebruik true of false.")


def _text(value: str, today: date) -> str:
    if len(value) > MAX_DESCRIPTION:
        raise _CellError(f"is langer dan {MAX_DESCRIPTION} tekens.")
    return value


_CHECKS = {
    "signaalnummer": _reference,
    "bsn": _bsn,
    "product": _product,
    "signaaldatum": _date,
    "belastingjaar": _tax_year,
    "bsn_geverifieerd": _verified,
    "omschrijving": _text,
}
