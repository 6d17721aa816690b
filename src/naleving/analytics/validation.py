"""`validate_delivery`: check a whole delivery folder without running a control.

Every delivery file present is read completely and checked as a run would (header, values, keys,
intervals, overlapping BRP registrations, joint accounts, address references). The report lists each file
with its columns, row count and SHA-256, and the controls whose files are all present. Any problem raises
DeliveryError naming file, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from naleving.analytics.controls import REGISTRY
from naleving.analytics.errors import DeliveryError
from naleving.analytics.loading import discover, load_delivery
from naleving.analytics.schema import FILES


@dataclass(frozen=True)
class FileReport:
    name: str  # schema name, e.g. "clients"
    file: str  # e.g. "clients.csv"
    format: str  # "csv" or "parquet"
    columns: tuple[str, ...]
    rows: int
    sha256: str

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "file": self.file,
            "format": self.format,
            "columns": list(self.columns),
            "rows": self.rows,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class DeliveryReport:
    data_dir: str
    files: tuple[FileReport, ...]
    missing: tuple[str, ...]  # schema names of the files not in the delivery
    controls_available: tuple[str, ...]  # controls whose files are all present

    def as_dict(self) -> dict[str, object]:
        return {
            "data_dir": self.data_dir,
            "files": [f.as_dict() for f in self.files],
            "missing": list(self.missing),
            "controls_available": list(self.controls_available),
        }


def validate_delivery(data_dir: Path | str) -> DeliveryReport:
    """Read and check every delivery file in `data_dir`. Raises DeliveryError on the first problem."""
    present = discover(Path(data_dir))
    if not present:
        expected = ", ".join(f"{name}.csv" for name in FILES)
        raise DeliveryError(
            str(data_dir),
            None,
            None,
            f"holds no delivery files (expected {expected} or .parquet)",
            message_nl=f"bevat geen leveringsbestanden (verwacht {expected} of .parquet)",
        )
    with load_delivery(data_dir, {name: FILES[name].column_names for name in present}) as delivery:
        files = tuple(
            FileReport(f.name, f.file, f.format, f.columns, f.rows, f.sha256) for f in delivery.files.values()
        )
    available = tuple(
        name for name, control in REGISTRY.items() if all(file in present for file in control.info.data_used)
    )
    missing = tuple(name for name in FILES if name not in present)
    return DeliveryReport(str(data_dir), files, missing, available)
