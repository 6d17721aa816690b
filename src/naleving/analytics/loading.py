"""Reading a delivery folder into DuckDB, all or nothing.

A run asks for the files and columns it needs. `load_delivery` first looks at the header of every needed
file (refusing special categories, unknown and missing columns before any data is read), then copies each
file once into an in-memory DuckDB database (CSV as text; Parquet columns as text unless they already have
the right type), checks every value, converts the text columns to their types in place and checks keys,
intervals and address references. Any problem raises `DeliveryError` naming file, row and
column, and the reading's catalog is discarded: a run never sees a half-read delivery. The catalog (a private
in-memory one in the process's DuckDB database, `naleving.analytics.database`) lives only as long as the run
(the `Delivery` is a context manager), so raw delivered data is not kept.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import duckdb

from naleving.analytics import database, integrity
from naleving.analytics.checks import (
    helper_columns,
    is_native,
    quote,
    typed_expression,
    value_checks,
    value_message,
)
from naleving.analytics.errors import DeliveryError, error_reference
from naleving.analytics.schema import FILES, FileSchema, Kind, is_special_category

if TYPE_CHECKING:
    from naleving.analytics.controls import Control

FORMATS = ("csv", "parquet")
_MAX_HEADER_BYTES = 1 << 16
_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER")


@dataclass(frozen=True)
class LoadedFile:
    """A file of the delivery as read for a run: its name, the columns read, its size and fingerprint."""

    name: str  # schema name, e.g. "clients"
    file: str  # file name in the folder, e.g. "clients.csv"
    format: str
    columns: tuple[str, ...]
    rows: int
    sha256: str


class Delivery:
    """Validated, typed data in a private in-memory DuckDB catalog: per file a view named after it (e.g.
    `brp`) with the columns read plus `src_row`, the 1-based row number in the file (for evidence)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, files: Mapping[str, LoadedFile], catalog: str) -> None:
        self.con = con
        self.files = dict(files)
        self.catalog = catalog

    def close(self) -> None:
        database.release(self.con, self.catalog)

    def __enter__(self) -> Delivery:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def discover(data_dir: Path) -> dict[str, Path]:
    """The delivery files present in the folder, by schema name. Other files in the folder are ignored."""
    if not data_dir.is_dir():
        raise DeliveryError(str(data_dir), None, None, "is not a folder", message_nl="is geen map")
    found: dict[str, Path] = {}
    for name in FILES:
        candidates = [data_dir / f"{name}.{fmt}" for fmt in FORMATS if (data_dir / f"{name}.{fmt}").is_file()]
        if len(candidates) > 1:
            raise DeliveryError(
                f"{name}.csv",
                None,
                None,
                f"both {name}.csv and {name}.parquet are present; deliver one of them",
                message_nl=f"zowel {name}.csv als {name}.parquet is aanwezig; lever er één aan",
            )
        if candidates:
            found[name] = candidates[0]
    return found


#: progress while reading: (share done 0..1, step code, subject); see `naleving.analytics.run.Progress`
ReadProgress = Callable[[float, str, str], None]


def plan_delivery(
    data_dir: Path | str, needs: Mapping[str, Collection[str]]
) -> dict[str, tuple[Path, tuple[str, ...], dict[str, str]]]:
    """Check that the needed files are there and that their headers are acceptable, reading no data:
    {name: (path, columns to read, header)} in schema order. Raises DeliveryError."""
    present = discover(Path(data_dir))
    for name in needs:
        if name not in FILES:
            raise ValueError(f"no delivery file is called {name!r}")
        if name not in present:
            raise DeliveryError(
                f"{name}.csv",
                None,
                None,
                f"is missing from the delivery (needed: {name}.csv or {name}.parquet)",
                message_nl=f"ontbreekt in de levering (nodig: {name}.csv of {name}.parquet)",
            )
    # In schema order, so the same delivery always reports the same first problem.
    paths = {name: present[name] for name in FILES if name in needs}
    headers = {name: read_header(path) for name, path in paths.items()}
    for name, path in paths.items():
        check_header(FILES[name], path.name, list(headers[name]))
    return {
        name: (path, columns_to_read(FILES[name], needs[name]), headers[name]) for name, path in paths.items()
    }


def load_delivery(
    data_dir: Path | str, needs: Mapping[str, Collection[str]], progress: ReadProgress | None = None
) -> Delivery:
    """Read and validate the needed columns of the needed files. Raises DeliveryError; all or nothing.

    `progress`, when given, is told (share, "read", file name) before each file, weighted by file size,
    and (share, "check", "") before the checks across files; the shares run from 0 to 0.9."""
    plan = plan_delivery(data_dir, needs)
    sizes = {name: max(path.stat().st_size, 1) for name, (path, _, _) in plan.items()}
    total, done = sum(sizes.values()) or 1, 0
    con, catalog = database.private_connection()
    # The fingerprints (SHA-256 of each file) in a thread of their own: hashlib lets go of the GIL, so the
    # hashing runs beside DuckDB's reading, which leaves part of a core idle.
    hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="delivery-sha256")
    digests = {name: hashing.submit(sha256_of, path) for name, (path, _, _) in plan.items()}
    try:
        files = {}
        for name, (path, columns, header) in plan.items():
            if progress:
                progress(0.9 * done / total, "read", path.name)
            files[name] = _load_file(con, FILES[name], path, columns, header, digests[name].result)
            done += sizes[name]
        if progress:
            progress(0.9, "check", "")
        integrity.check_tables(con, {name: (files[name].file, set(files[name].columns)) for name in files})
    except BaseException:
        database.release(con, catalog)
        raise
    finally:
        hashing.shutdown(cancel_futures=True)
    return Delivery(con, files, catalog)


def needs(control: Control) -> dict[str, tuple[str, ...]]:
    """The files and columns a run of `control` reads (what it uses plus what validation needs)."""
    return {name: columns_to_read(FILES[name], columns) for name, columns in control.info.data_used.items()}


def columns_to_read(schema: FileSchema, wanted: Collection[str]) -> tuple[str, ...]:
    """The wanted columns plus those the file's integrity checks need, in schema order."""
    unknown = set(wanted) - set(schema.column_names)
    if unknown:
        raise ValueError(f"{schema.name} has no column(s) {sorted(unknown)}")
    needed = set(wanted) | set(schema.key)
    if schema.interval is not None:
        needed |= set(schema.interval)
    return tuple(c for c in schema.column_names if c in needed)


def read_header(path: Path) -> dict[str, str]:
    """Column name -> source type ("VARCHAR" for CSV), reading nothing but the header or Parquet schema."""
    if path.suffix == ".parquet":
        try:
            con = database.cursor()
            try:
                rows = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
            finally:
                con.close()
        except duckdb.Error as e:
            raise _parquet_error(path, e) from e
        return {str(name): str(sql_type) for name, sql_type, *_ in rows}
    return dict.fromkeys(_csv_header(path), "VARCHAR")


def _csv_header(path: Path) -> list[str]:
    # Binary and line by line: only the bytes of the header line are read and decoded.
    with path.open("rb") as fh:
        raw = fh.readline(_MAX_HEADER_BYTES)
    try:
        first = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as e:
        raise DeliveryError(
            path.name, None, None, "the header is not UTF-8", message_nl="de kopregel is geen UTF-8", line=1
        ) from e
    header = next(csv.reader([first]), [])
    if not header or header == [""]:
        raise DeliveryError(
            path.name,
            None,
            None,
            "is empty: the first line must be the header",
            message_nl="is leeg: de eerste regel moet de kopregel zijn",
        )
    return header


def check_header(schema: FileSchema, file: str, header: list[str]) -> None:
    """Refuse special categories first, then duplicate, unknown and missing columns."""
    for column in header:
        if is_special_category(column):
            raise DeliveryError(
                file,
                None,
                column,
                "holds special categories of personal data (GDPR art. 9); "
                "the file is refused and nothing of it has been read",
                message_nl="bevat bijzondere persoonsgegevens (AVG art. 9); "
                "het bestand is geweigerd en er is niets uit gelezen",
            )
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise DeliveryError(
                file, None, column, "appears twice in the header", message_nl="staat twee keer in de kopregel"
            )
        seen.add(column)
        if column not in schema.column_names:
            expected = ", ".join(schema.column_names)
            raise DeliveryError(
                file,
                None,
                column,
                f"is not a column of {schema.name} (expected: {expected})",
                message_nl=f"is geen kolom van {schema.name} (verwacht: {expected})",
            )
    for column in schema.column_names:
        if column not in seen:
            raise DeliveryError(
                file, None, column, "is missing from the header", message_nl="ontbreekt in de kopregel"
            )


def _load_file(
    con: duckdb.DuckDBPyConnection,
    schema: FileSchema,
    path: Path,
    columns: tuple[str, ...],
    header: Mapping[str, str],
    digest_of: Callable[[], str],
) -> LoadedFile:
    """Read the file once into `<name>_data` (row order = file order, so rowid + 1 is the row number),
    typed, with every value check evaluated in the same pass over the whole column; expose it as the view
    `<name>`. Only when some value fails is the file read again as text to find and report the first one.
    `digest_of` gives the file's SHA-256 (computed beside the reading)."""
    data = f"{schema.name}_data"
    native = _copy(con, schema, path, columns, header, data)
    failed = con.execute(f"SELECT bool_or({_BAD}) FROM {data}").fetchone()
    if failed and failed[0]:
        con.execute(f"DROP TABLE {data}")
        text = f"{schema.name}_text"
        _copy(con, schema, path, columns, header, text, typed=False)
        _check_values(con, schema, path, columns, native, text)
        raise AssertionError(f"{path.name}: a value check failed in the typed read but not on the text")
    con.execute(f"CREATE VIEW {schema.name} AS SELECT rowid + 1 AS src_row, * EXCLUDE ({_BAD}) FROM {data}")
    count = con.execute(f"SELECT count(*) FROM {data}").fetchone()
    rows = int(count[0]) if count else 0
    return LoadedFile(schema.name, path.name, path.suffix[1:], columns, rows, digest_of())


#: the column of a loaded table that is true for a row with a value that fails its check
_BAD = quote("#bad")


def _copy(
    con: duckdb.DuckDBPyConnection,
    schema: FileSchema,
    path: Path,
    columns: tuple[str, ...],
    header: Mapping[str, str],
    table: str,
    typed: bool = True,
) -> frozenset[str]:
    """Read the needed columns into `table`; return the columns that already have their type. A CSV file
    is read as text; a Parquet column keeps its type when it is the right one and is read as text otherwise
    (an integer BSN gets its leading zeros back). With `typed`, each column is converted to its type in the
    same pass and the table gets the column `#bad`, true where a value fails its check; without, the table
    holds the values as read (for reporting a failed check)."""
    native = frozenset(c for c in columns if is_native(schema.column(c), header[c]))
    items = []
    for c in columns:
        q = quote(c)
        if c in native:
            items.append(q)
        elif schema.column(c).kind is Kind.BSN and header[c] in _INTEGER_TYPES:
            items.append(f"lpad(CAST({q} AS VARCHAR), 9, '0') AS {q}")
        else:
            items.append(f"CAST({q} AS VARCHAR) AS {q}")
    if path.suffix == ".csv":
        struct = ", ".join(f"'{c}': 'VARCHAR'" for c in header)
        options = (
            "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true"
        )
        reader = f"read_csv(?, columns = {{{struct}}}, {options})"
    else:
        reader = "read_parquet(?)"
    select = f"SELECT {', '.join(items)} FROM {reader}"
    if typed:
        selected = tuple(schema.column(c) for c in columns)
        checks = value_checks(selected, native)
        bad = " OR ".join(c.sql for c in checks) or "false"
        helpers = "".join(f", {h}" for h in helper_columns(selected))
        converted = ", ".join(
            f"{typed_expression(column, column.name in native, try_cast=True)} AS {quote(column.name)}"
            for column in selected
        )
        select = (
            f"SELECT {converted}, coalesce({bad}, false) AS {_BAD} FROM (SELECT *{helpers} FROM ({select}))"
        )
    _read(con, path, f"CREATE TABLE {table} AS {select}", [str(path)])
    return native


def _read(con: duckdb.DuckDBPyConnection, path: Path, sql: str, params: list[object]) -> None:
    """Run a statement that reads the delivery file; a read problem becomes a DeliveryError."""
    try:
        con.execute(sql, params)
    except duckdb.Error as e:
        raise _read_error(path, e) from e


def _parquet_error(path: Path, error: duckdb.Error) -> DeliveryError:
    # DuckDB's text names the server path of the file: it goes to the log, the analyst gets a reference.
    reference = error_reference(error, f"Reading {path.name} failed")
    return DeliveryError(
        path.name,
        None,
        None,
        f"is not a readable Parquet file (reference {reference})",
        message_nl=f"is geen leesbaar Parquet-bestand. Er ging iets mis bij het lezen (referentie {reference})",
    )


def _read_error(path: Path, error: duckdb.Error) -> DeliveryError:
    text = str(error)
    if path.suffix == ".parquet":
        return _parquet_error(path, error)
    line_match = re.search(r"CSV Error on Line: (\d+)", text)
    line = int(line_match.group(1)) if line_match else None
    row = line - 1 if line is not None else None
    columns = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if columns:
        en = f"has {columns.group(2)} values where the header has {columns.group(1)} columns"
        nl = f"heeft {columns.group(2)} waarden terwijl de kopregel {columns.group(1)} kolommen heeft"
    elif "unicode" in text.lower() or "utf-8" in text.lower():
        en, nl = "is not valid UTF-8 text", "is geen geldige UTF-8-tekst"
    else:
        reference = error_reference(error, f"Reading {path.name} failed")
        en = f"cannot be read as CSV (reference {reference})"
        nl = f"kan niet als CSV worden gelezen. Er ging iets mis bij het lezen (referentie {reference})"
    return DeliveryError(path.name, row, None, en, message_nl=nl, line=line)


def _check_values(
    con: duckdb.DuckDBPyConnection,
    schema: FileSchema,
    path: Path,
    columns: tuple[str, ...],
    native: frozenset[str],
    table: str,
) -> None:
    selected = tuple(schema.column(c) for c in columns)
    checks = value_checks(selected, native)
    if not checks:
        return
    aggregates = ", ".join(
        f"min(_row) FILTER (WHERE {c.sql}), count(*) FILTER (WHERE {c.sql})" for c in checks
    )
    helpers = "".join(f", {h}" for h in helper_columns(selected))
    result = con.execute(
        f"SELECT {aggregates} FROM (SELECT rowid AS _row, *{helpers} FROM {table})"
    ).fetchone()
    assert result is not None
    failures = [
        (int(result[2 * i]), i, int(result[2 * i + 1]))
        for i in range(len(checks))
        if result[2 * i] is not None
    ]
    if not failures:
        return
    index, i, count = min(failures)
    check = checks[i]
    value = con.execute(
        f"SELECT CAST({quote(check.column.name)} AS VARCHAR) FROM {table} WHERE rowid = ?", [index]
    )
    shown = value.fetchone()
    en, nl = value_message(check, str(shown[0]) if shown and shown[0] is not None else None, count)
    line = index + 2 if path.suffix == ".csv" else None
    raise DeliveryError(path.name, index + 1, check.column.name, en, message_nl=nl, line=line)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
