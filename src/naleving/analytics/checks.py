"""Value checks per column, as SQL over the copied file, with their messages in English and Dutch.

A CSV value is text; a Parquet column is checked as text too unless it already has the column's type (a
DATE column needs no date check, an integer count only a range check): `is_native` decides. Each check is
a SQL predicate that is true for a bad value; one scan of the file evaluates them all and reports the
earliest bad row (ties: the column that comes first in the schema).
"""

from __future__ import annotations

from dataclasses import dataclass

from naleving.analytics.schema import SQL_TYPES, Column, Kind


def quote(identifier: str) -> str:
    """A SQL identifier; only schema column names ever get here, quoting is for keywords like `row`."""
    return '"' + identifier.replace('"', '""') + '"'


def elfproef_fails(number: str) -> str:
    """SQL: true when the 9-digit number `number` (an integer expression) fails the elfproef:
    9*d1 + 8*d2 + ... + 2*d8 - d9 must be divisible by 11. Arithmetic on the integer is much faster than
    taking the text apart; callers compute the integer once (see `helper_columns`)."""
    weighted = " + ".join(f"{9 - i} * ({number} // {10 ** (8 - i)} % 10)" for i in range(8))
    return f"(({weighted} - {number} % 10) % 11 <> 0)"


def bsn_number(column: str) -> str:
    """The helper column holding a BSN column's value as an integer (NULL when it is not all digits)."""
    return quote(f"{column}#number")


def helper_columns(columns: tuple[Column, ...]) -> list[str]:
    """SELECT items the value checks need besides the columns themselves."""
    return [
        f"TRY_CAST({quote(c.name)} AS BIGINT) AS {bsn_number(c.name)}" for c in columns if c.kind is Kind.BSN
    ]


_AMOUNT = r"-?[0-9]{1,15}(\.[0-9]{1,2})?"
_AREA = r"[0-9]{1,12}(\.[0-9]{1,2})?"
_COUNT = r"[0-9]{1,6}"
_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER")


def is_native(column: Column, source_type: str) -> bool:
    """True when a Parquet column already has the column's type, so it needs no text checks."""
    match column.kind:
        case Kind.TEXT | Kind.BSN | Kind.CHOICE:
            return source_type == "VARCHAR"
        case Kind.DATE:
            return source_type == "DATE"
        case Kind.BOOL:
            return source_type == "BOOLEAN"
        case Kind.COUNT:
            return source_type in _INTEGER_TYPES
        case _:
            return source_type in _INTEGER_TYPES or source_type.startswith("DECIMAL(")


def format_fails(column: Column, native: bool) -> str | None:
    """SQL that is true for a non-empty value of the wrong form; None when any value will do."""
    v = quote(column.name)
    match column.kind:
        case Kind.TEXT:
            return None
        case Kind.BSN:
            return f"(NOT regexp_full_match({v}, '[0-9]{{9}}') OR {elfproef_fails(bsn_number(column.name))})"
        case Kind.CHOICE:
            choices = ", ".join(f"'{c}'" for c in column.choices)
            return f"({v} NOT IN ({choices}))"
        case _ if native:
            return _native_fails(column)
        case _:
            return _text_fails(column)


def _native_fails(column: Column) -> str | None:
    v = quote(column.name)
    match column.kind:
        case Kind.COUNT:
            return f"({v} < 1 OR TRY_CAST({v} AS INTEGER) IS NULL)"
        case Kind.AMOUNT:
            return f"(TRY_CAST({v} AS DECIMAL(18, 2)) IS NULL OR {v} <> TRY_CAST({v} AS DECIMAL(18, 2)))"
        case Kind.AREA:
            return f"({v} < 0 OR TRY_CAST({v} AS DECIMAL(18, 2)) IS NULL OR {v} <> TRY_CAST({v} AS DECIMAL(18, 2)))"
        case _:  # DATE, BOOL: the type says it all
            return None


def _text_fails(column: Column) -> str:
    v = quote(column.name)
    match column.kind:
        case Kind.DATE:
            # YYYY-MM-DD exactly: the date, written back as text, gives the value again (cheaper than a
            # regular expression); the length rules out the 5-digit years and "(BC)" DuckDB also writes.
            return f"(strlen({v}) <> 10 OR CAST(TRY_CAST({v} AS DATE) AS VARCHAR) IS DISTINCT FROM {v})"
        case Kind.BOOL:
            return f"({v} NOT IN ('true', 'false'))"
        case Kind.COUNT:
            return f"(NOT regexp_full_match({v}, '{_COUNT}') OR TRY_CAST({v} AS INTEGER) < 1)"
        case Kind.AMOUNT:
            return f"(NOT regexp_full_match({v}, '{_AMOUNT}'))"
        case _:
            return f"(NOT regexp_full_match({v}, '{_AREA}'))"


@dataclass(frozen=True)
class ValueCheck:
    """One check on one column: `sql` is true for a bad row; `empty` tells the two kinds apart."""

    column: Column
    empty: bool
    sql: str


def value_checks(columns: tuple[Column, ...], native: frozenset[str]) -> list[ValueCheck]:
    checks: list[ValueCheck] = []
    for column in columns:
        v = quote(column.name)
        if not column.nullable:
            checks.append(ValueCheck(column, True, f"({v} IS NULL)"))
        fails = format_fails(column, column.name in native)
        if fails is not None:
            checks.append(ValueCheck(column, False, f"({v} IS NOT NULL AND {fails})"))
    return checks


def _shown(value: str | None) -> str:
    if value is None:
        return ""
    return repr(value if len(value) <= 40 else value[:37] + "...")


def value_message(check: ValueCheck, value: str | None, count: int) -> tuple[str, str]:
    """English and Dutch text for a failed value check. BSNs are never echoed (they end up in logs)."""
    column = check.column
    if check.empty:
        en, nl = "is empty; a value is required", "is leeg; een waarde is verplicht"
    else:
        en, nl = _format_texts(column, _shown(value))
    if count > 1:
        en += f" ({count} rows in this column have this problem)"
        nl += f" ({count} rijen in deze kolom hebben dit probleem)"
    return en, nl


def _format_texts(column: Column, shown: str) -> tuple[str, str]:
    match column.kind:
        case Kind.BSN:
            return (
                "is not a valid BSN (9 digits that pass the elfproef)",
                "is geen geldig BSN (9 cijfers die aan de elfproef voldoen)",
            )
        case Kind.DATE:
            return (
                f"{shown} is not a date of the form YYYY-MM-DD",
                f"{shown} is geen datum van de vorm JJJJ-MM-DD",
            )
        case Kind.BOOL:
            return f"{shown} is not true or false", f"{shown} is niet true of false"
        case Kind.CHOICE:
            options = ", ".join(column.choices)
            return f"{shown} is not one of {options}", f"{shown} is niet een van {options}"
        case Kind.COUNT:
            return (
                f"{shown} is not a whole number of at least 1",
                f"{shown} is geen geheel getal van minstens 1",
            )
        case Kind.AMOUNT:
            return (
                f"{shown} is not an amount in euros (dot as decimal separator, at most 2 decimals)",
                f"{shown} is geen bedrag in euro's (punt als decimaalteken, hooguit 2 decimalen)",
            )
        case _:
            return (
                f"{shown} is not a non-negative number (dot as decimal separator, at most 2 decimals)",
                f"{shown} is geen niet-negatief getal (punt als decimaalteken, hooguit 2 decimalen)",
            )


def typed_expression(column: Column, native: bool, try_cast: bool = False) -> str:
    """SQL that turns the checked value (text, or already of the right type) into its typed value. With
    `try_cast`, a value that fails its check becomes NULL instead of an error (the check reports it)."""
    v = quote(column.name)
    cast = "TRY_CAST" if try_cast else "CAST"
    match column.kind:
        case Kind.TEXT | Kind.BSN | Kind.CHOICE:
            return v
        case _ if native:
            return f"{cast}({v} AS {SQL_TYPES[column.kind]})"
        case Kind.BOOL:
            return f"({v} = 'true')"
        case Kind.DATE:
            return f"{cast}({v} AS DATE)"
        case Kind.COUNT:
            return f"{cast}({v} AS INTEGER)"
        case _:
            return f"{cast}({v} AS DECIMAL(18, 2))"
