"""The same delivery as Parquet (typed or all text), and as a Windows CSV export, gives the same run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from naleving.analytics import DeliveryError, run_all, validate_delivery
from naleving.analytics.schema import FILES, Kind
from naleving.analytics.tests.conftest import GOLDEN, R

TYPED = {Kind.DATE: "DATE", Kind.BOOL: "BOOLEAN", Kind.COUNT: "INTEGER", Kind.AMOUNT: "DECIMAL(18, 2)"}


def to_parquet(source: Path, target: Path, *, typed: bool, integer_bsn: bool = False) -> Path:
    """Write each golden CSV as Parquet: with native types (dates, booleans, decimals) or all as text."""
    target.mkdir()
    con = duckdb.connect()
    for schema in FILES.values():
        columns = []
        for column in schema.columns:
            sql_type = TYPED.get(column.kind, "VARCHAR") if typed else "VARCHAR"
            if integer_bsn and column.kind is Kind.BSN:
                sql_type = "BIGINT"
            columns.append(f"CAST({column.name} AS {sql_type}) AS {column.name}")
        csv = source / f"{schema.name}.csv"
        con.execute(
            f"COPY (SELECT {', '.join(columns)} FROM read_csv('{csv}', all_varchar = true, header = true)) "
            f"TO '{target / f'{schema.name}.parquet'}' (FORMAT parquet)"
        )
    con.close()
    return target


def without_fingerprints(documents: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        name: {
            **d,
            "data_used": [{**f, "file": f["file"].split(".")[0], "sha256": None} for f in d["data_used"]],
        }
        for name, d in documents.items()
    }


@pytest.fixture(scope="module")
def from_csv() -> dict[str, dict[str, Any]]:
    return without_fingerprints(run_all(GOLDEN, R))


@pytest.mark.parametrize(("typed", "integer_bsn"), [(True, False), (False, False), (True, True)])
def test_parquet_gives_the_same_run(
    tmp_path: Path, from_csv: dict[str, dict[str, Any]], typed: bool, integer_bsn: bool
) -> None:
    data = to_parquet(GOLDEN, tmp_path / "parquet", typed=typed, integer_bsn=integer_bsn)
    documents = run_all(data, R)
    assert documents["voertuigen"]["data_used"][0]["file"] == "clients.parquet"
    assert without_fingerprints(documents) == from_csv


def test_parquet_with_a_bad_value_names_row_and_column(tmp_path: Path) -> None:
    data = to_parquet(GOLDEN, tmp_path / "parquet", typed=False)
    con = duckdb.connect()
    path = data / "brp.parquet"
    con.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN bsn = '100002596' THEN '2026-02-30' ELSE birth_date END AS birth_date) "
        f"FROM read_parquet('{path}')) TO '{data / 'brp2.parquet'}' (FORMAT parquet)"
    )
    con.close()
    (data / "brp2.parquet").replace(path)
    with pytest.raises(DeliveryError) as caught:
        run_all(data, R)
    assert (caught.value.file, caught.value.row, caught.value.column, caught.value.line) == (
        "brp.parquet",
        25,
        "birth_date",
        None,
    )


def test_parquet_with_a_special_category_column(tmp_path: Path) -> None:
    data = to_parquet(GOLDEN, tmp_path / "parquet", typed=True)
    con = duckdb.connect()
    path = data / "clients.parquet"
    con.execute(
        f"COPY (SELECT *, 'NL' AS country_of_birth FROM read_parquet('{path}')) TO '{data / 'c.parquet'}' (FORMAT parquet)"
    )
    con.close()
    (data / "c.parquet").replace(path)
    with pytest.raises(DeliveryError) as caught:
        validate_delivery(data)
    assert (caught.value.file, caught.value.column) == ("clients.parquet", "country_of_birth")


def test_not_a_parquet_file(tmp_path: Path) -> None:
    data = to_parquet(GOLDEN, tmp_path / "parquet", typed=True)
    (data / "vehicles.parquet").write_text("bsn,plate\n", encoding="utf-8")
    with pytest.raises(DeliveryError) as caught:
        run_all(data, R)
    assert caught.value.file == "vehicles.parquet" and "Parquet" in caught.value.message


def test_windows_csv_with_bom_and_crlf(tmp_path: Path, from_csv: dict[str, dict[str, Any]]) -> None:
    data = tmp_path / "windows"
    data.mkdir()
    for source in GOLDEN.glob("*.csv"):
        text = source.read_text(encoding="utf-8").replace("\n", "\r\n")
        (data / source.name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert without_fingerprints(run_all(data, R)) == from_csv


def rewrite(path: Path, select: str) -> None:
    con = duckdb.connect()
    tmp = path.with_suffix(".tmp.parquet")
    con.execute(f"COPY (SELECT {select} FROM read_parquet('{path}')) TO '{tmp}' (FORMAT parquet)")
    con.close()
    tmp.replace(path)


def test_typed_parquet_values_are_checked_too(tmp_path: Path) -> None:
    data = to_parquet(GOLDEN, tmp_path / "parquet", typed=True)
    clients = data / "clients.parquet"
    rewrite(
        clients,
        "* REPLACE (CASE WHEN client_id = 'C03' THEN 0 ELSE kostendelers_applied END AS kostendelers_applied)",
    )
    with pytest.raises(DeliveryError) as caught:
        run_all(data, R)
    assert (caught.value.file, caught.value.row, caught.value.column) == (
        "clients.parquet",
        3,
        "kostendelers_applied",
    )
    assert "'0' is not a whole number of at least 1" in caught.value.message


def test_parquet_amount_with_three_decimals(tmp_path: Path) -> None:
    data = to_parquet(GOLDEN, tmp_path / "parquet", typed=True)
    balances = data / "balances.parquet"
    rewrite(balances, "* REPLACE (CAST(balance AS DECIMAL(18, 3)) AS balance)")
    assert run_all(data, R)["vermogen"]["hits"]  # 8000.010 is still a valid amount
    rewrite(
        balances, "* REPLACE (CASE WHEN account_id = 'NL06' THEN balance + 0.001 ELSE balance END AS balance)"
    )
    with pytest.raises(DeliveryError) as caught:
        run_all(data, R)
    assert (caught.value.row, caught.value.column) == (10, "balance")
    assert "'17000.001'" in caught.value.message
