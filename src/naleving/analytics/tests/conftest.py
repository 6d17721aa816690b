"""Fixtures: the hand-made golden delivery and helpers to copy and damage it.

The golden delivery (data/golden/) is small enough to read: every client is there for one boundary of
datasets.md, written down in test_golden.py. The reference date of the golden delivery is 2026-03-01
(R - 365 days = 2025-03-01; asset limits of 2026 are in force).
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "data" / "golden"
R = date(2026, 3, 1)


@pytest.fixture
def golden() -> Path:
    return GOLDEN


@pytest.fixture
def delivery(tmp_path: Path) -> Path:
    """A writable copy of the golden delivery."""
    target = tmp_path / "delivery"
    shutil.copytree(GOLDEN, target)
    return target


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def set_value(path: Path, row: int, column: str, value: str) -> None:
    """Set the value of `column` in data row `row` (1-based, the header not counted)."""
    header, rows = read_rows(path)
    rows[row - 1][header.index(column)] = value
    write_rows(path, header, rows)


def append_row(path: Path, values: dict[str, str]) -> int:
    """Append a row (missing columns empty); return its 1-based row number."""
    header, rows = read_rows(path)
    rows.append([values.get(column, "") for column in header])
    write_rows(path, header, rows)
    return len(rows)
