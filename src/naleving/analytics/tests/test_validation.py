"""Invalid deliveries: every problem is refused with an error naming file, row and column, and nothing is run."""

from __future__ import annotations

from pathlib import Path

import pytest

from naleving.analytics import DeliveryError, run_all, run_control, validate_delivery
from naleving.analytics.tests.conftest import R, append_row, read_rows, set_value, write_rows


def refused(data: Path, control: str = "all") -> DeliveryError:
    with pytest.raises(DeliveryError) as caught:
        if control == "all":
            run_all(data, R)
        else:
            run_control(control, data, R)
    return caught.value


def test_the_golden_delivery_is_valid(golden: Path) -> None:
    report = validate_delivery(golden)
    assert [(f.file, f.rows) for f in report.files] == [
        ("clients.csv", 25),
        ("brp.csv", 45),
        ("addresses.csv", 26),
        ("vehicles.csv", 21),
        ("balances.csv", 13),
    ]
    assert report.missing == ()
    assert report.controls_available == (
        "voertuigen",
        "vermogen",
        "adresbezetting",
        "kostendelers",
        "brp_adres",
    )
    assert all(len(f.sha256) == 64 for f in report.files)


def test_special_category_column_is_refused_before_anything_is_read(delivery: Path) -> None:
    clients = delivery / "clients.csv"
    header, rows = read_rows(clients)
    write_rows(clients, [*header, "nationality"], [[*row, "NL"] for row in rows])
    # Damage the data too: if any of it were read, the error would be about the bad row instead.
    with clients.open("ab") as fh:
        fh.write(b"\xff\xfe,not,a,row\n")
    error = refused(delivery)
    assert (error.file, error.row, error.column) == ("clients.csv", None, "nationality")
    assert "special categories" in str(error) and "nothing of it has been read" in str(error)
    assert "bijzondere persoonsgegevens" in error.describe_nl()


@pytest.mark.parametrize(
    "name", ["Nationaliteit", "country_of_birth", "ethnicity", "religion", "health_status"]
)
def test_special_category_names(delivery: Path, name: str) -> None:
    brp = delivery / "brp.csv"
    header, rows = read_rows(brp)
    write_rows(brp, [*header, name], [[*row, "x"] for row in rows])
    error = refused(delivery)
    assert (error.file, error.column) == ("brp.csv", name)


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "words"),
    [
        ("clients.csv", 3, "bsn", "100000148", "elfproef"),
        ("clients.csv", 5, "partner_bsn", "12345678", "elfproef"),
        ("clients.csv", 2, "birth_date", "1990-02-30", "YYYY-MM-DD"),
        ("clients.csv", 4, "benefit_start", "01-01-2020", "YYYY-MM-DD"),
        ("clients.csv", 6, "sex", "F", "M, V, X"),
        ("clients.csv", 7, "household_type", "samenwonend", "alleenstaande"),
        ("clients.csv", 8, "kostendelers_applied", "0", "at least 1"),
        ("clients.csv", 9, "client_id", "", "empty"),
        ("brp.csv", 10, "study_finance", "yes", "true or false"),
        ("addresses.csv", 11, "floor_area_m2", "-5", "non-negative"),
        ("vehicles.csv", 12, "registered_to", "2026-13-01", "YYYY-MM-DD"),
        ("balances.csv", 2, "balance", "12,50", "dot as decimal separator"),
        ("balances.csv", 3, "balance", "12.345", "at most 2 decimals"),
    ],
)
def test_wrong_values_name_file_row_and_column(
    delivery: Path, file: str, row: int, column: str, value: str, words: str
) -> None:
    set_value(delivery / file, row, column, value)
    error = refused(delivery)
    assert (error.file, error.row, error.column, error.line) == (file, row, column, row + 1)
    assert words in error.message
    assert str(error).startswith(f"{file}, row {row} (line {row + 1}), column {column}: ")


def test_a_bsn_is_never_echoed_in_the_message(delivery: Path) -> None:
    set_value(delivery / "clients.csv", 3, "bsn", "100000148")
    assert "100000148" not in str(refused(delivery))


def test_the_earliest_bad_row_is_reported_with_a_count(delivery: Path) -> None:
    set_value(delivery / "vehicles.csv", 9, "registered_from", "2025/05/01")
    set_value(delivery / "vehicles.csv", 4, "registered_from", "yesterday")
    error = refused(delivery, "voertuigen")
    assert (error.row, error.column) == (4, "registered_from")
    assert "2 rows in this column" in error.message


def test_unknown_address_in_brp(delivery: Path) -> None:
    row = append_row(
        delivery / "brp.csv",
        {"bsn": "100003011", "birth_date": "1990-01-01", "address_id": "A99", "registered_from": "2020-01-01"}
        | {"study_finance": "false", "commercial_tenant": "false"},
    )
    error = refused(delivery, "brp_adres")
    assert (error.file, error.row, error.column) == ("brp.csv", row, "address_id")
    assert "'A99' is not in addresses.csv" in error.message


def test_unknown_address_of_a_client(delivery: Path) -> None:
    set_value(delivery / "clients.csv", 13, "address_id", "B13")
    error = refused(delivery, "adresbezetting")
    assert (error.file, error.row, error.column) == ("clients.csv", 13, "address_id")


def test_end_before_start(delivery: Path) -> None:
    set_value(delivery / "vehicles.csv", 2, "registered_to", "2025-05-31")
    error = refused(delivery, "voertuigen")
    assert (error.file, error.row, error.column) == ("vehicles.csv", 2, "registered_to")
    assert "2025-05-31 is before registered_from 2025-06-01" in error.message


def test_benefit_end_before_start(delivery: Path) -> None:
    set_value(delivery / "clients.csv", 20, "benefit_end", "2018-12-31")
    error = refused(delivery, "brp_adres")
    assert (error.file, error.row, error.column) == ("clients.csv", 20, "benefit_end")


def test_duplicate_client_id(delivery: Path) -> None:
    set_value(delivery / "clients.csv", 7, "client_id", "C02")
    error = refused(delivery, "voertuigen")
    assert (error.file, error.row, error.column) == ("clients.csv", 7, "client_id")
    assert "as row 2" in error.message


def test_duplicate_vehicle_registration(delivery: Path) -> None:
    row = append_row(
        delivery / "vehicles.csv",
        {"bsn": "100000009", "plate": "EF-02-GH", "registered_from": "2025-06-01"},
    )
    error = refused(delivery, "voertuigen")
    assert (error.file, error.row, error.column) == ("vehicles.csv", row, "bsn, plate, registered_from")


def test_overlapping_brp_registrations_of_one_person(delivery: Path) -> None:
    # C21's registration (row 38) runs to 2026-03-01; a second one from 2026-01-01 overlaps it.
    row = append_row(
        delivery / "brp.csv",
        {"bsn": "100001683", "birth_date": "1986-01-01", "address_id": "A22", "registered_from": "2026-01-01"}
        | {"study_finance": "false", "commercial_tenant": "false"},
    )
    error = refused(delivery, "brp_adres")
    assert (error.file, error.row, error.column) == ("brp.csv", row, "registered_from")
    assert "row 38" in error.message


def test_a_registration_may_start_on_the_day_the_previous_one_ends(golden: Path) -> None:
    # C23's registrations: A22 until 2026-03-01, A23 from 2026-03-01: valid (a registration holds while R < to).
    validate_delivery(golden)


def test_joint_account_with_two_balances(delivery: Path) -> None:
    set_value(delivery / "balances.csv", 9, "balance", "9000.01")
    error = refused(delivery, "vermogen")
    assert (error.file, error.row, error.column) == ("balances.csv", 9, "balance")
    assert "row 8" in error.message


def test_malformed_csv_line(delivery: Path) -> None:
    path = delivery / "addresses.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("A05,9711AA,5,", "A05,9711AA,5,extra,"), encoding="utf-8"
    )
    error = refused(delivery, "adresbezetting")
    assert (error.file, error.row, error.line) == ("addresses.csv", 5, 6)
    assert "7 values where the header has 6 columns" in error.message


def test_file_that_is_not_utf8(delivery: Path) -> None:
    path = delivery / "vehicles.csv"
    path.write_bytes(path.read_bytes().replace(b"AB-01-CD", b"AB-01-\xe9D"))
    error = refused(delivery, "voertuigen")
    assert (error.file, error.row) == ("vehicles.csv", 1)
    assert "UTF-8" in error.message


def test_missing_and_unknown_columns(delivery: Path) -> None:
    path = delivery / "balances.csv"
    header, rows = read_rows(path)
    write_rows(path, [c if c != "balance" else "saldo" for c in header], rows)
    error = refused(delivery, "vermogen")
    assert (error.file, error.row, error.column) == ("balances.csv", None, "saldo")
    write_rows(path, header[:-1], [r[:-1] for r in rows])
    error = refused(delivery, "vermogen")
    assert (error.file, error.column) == ("balances.csv", "balance")
    assert "missing from the header" in error.message


def test_missing_file(delivery: Path) -> None:
    (delivery / "vehicles.csv").unlink()
    error = refused(delivery, "voertuigen")
    assert error.file == "vehicles.csv" and "missing" in error.message
    # A control that does not need the file still runs, and validation lists what can run.
    assert run_control("vermogen", delivery, R)["hits"]
    assert "voertuigen" not in validate_delivery(delivery).controls_available


def test_csv_and_parquet_of_the_same_file(delivery: Path) -> None:
    (delivery / "vehicles.parquet").write_bytes(b"")
    error = refused(delivery, "voertuigen")
    assert "both vehicles.csv and vehicles.parquet" in error.message


def test_a_run_only_reads_and_checks_the_files_it_needs(delivery: Path) -> None:
    set_value(delivery / "balances.csv", 2, "balance", "lots")
    assert run_control("voertuigen", delivery, R)["hits"]  # balances are not read
    assert refused(delivery, "vermogen").file == "balances.csv"


def test_empty_file(delivery: Path) -> None:
    (delivery / "addresses.csv").write_text("", encoding="utf-8")
    error = refused(delivery, "adresbezetting")
    assert error.file == "addresses.csv" and "empty" in error.message


def test_duplicate_brp_registration(delivery: Path) -> None:
    row = append_row(
        delivery / "brp.csv",
        {"bsn": "100000009", "birth_date": "1980-05-05", "address_id": "A02", "registered_from": "2010-01-01"}
        | {"registered_to": "2010-01-01", "study_finance": "false", "commercial_tenant": "false"},
    )
    error = refused(delivery, "brp_adres")
    assert (error.file, error.row, error.column) == ("brp.csv", row, "bsn, registered_from")
    assert "duplicate key" in error.message and "row 1" in error.message


def test_overlap_among_three_registrations(delivery: Path) -> None:
    # 100002948 has A01 2015-2020 (row 44) and A24 from 2020 (row 45); a third from 2018 overlaps the first.
    row = append_row(
        delivery / "brp.csv",
        {"bsn": "100002948", "birth_date": "1970-01-01", "address_id": "A03", "registered_from": "2018-01-01"}
        | {"registered_to": "2019-01-01", "study_finance": "false", "commercial_tenant": "false"},
    )
    error = refused(delivery, "kostendelers")
    assert (error.file, error.row, error.column) == ("brp.csv", row, "registered_from")
    assert "row 44" in error.message
