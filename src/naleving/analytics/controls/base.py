"""What every control is made of: its metadata, its hits, and the SQL pieces the definitions share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType

import duckdb

from naleving.analytics.params import MIN_GROUP_SIZE, ParameterInfo, Value

# The clients columns every run reads: who is active on R, and the attributes of the bias check.
POPULATION_COLUMNS = (
    "client_id",
    "birth_date",
    "sex",
    "household_type",
    "district",
    "benefit_start",
    "benefit_end",
)


def run_parameters(*own: ParameterInfo) -> Mapping[str, ParameterInfo]:
    """A control's parameters: its own, then the bias check's `min_group_size`, which every run takes."""
    return MappingProxyType({p.name: p for p in (*own, MIN_GROUP_SIZE)})


@dataclass(frozen=True)
class Input:
    """One input a control's selection uses, as the proxy check (`analytics.proxy`) measures it per active
    client. `sql` selects (client_id, value) over the `active` table and the delivery views, with `{r}` for the
    reference date and `{year_ago}` for R - 365 days; a client it leaves out has no value (null). `kind`:
    "number" (binned into quantile bins by the proxy check), "boolean" or "category" (taken as they are)."""

    name: str
    kind: str
    label_nl: str
    sql: str


@dataclass(frozen=True)
class ControlInfo:
    """A control as the filter register and the algorithm register describe it. `parameters` are all the
    parameters a run takes, with their defaults; `parameters_from_rules` names law parameters it reads
    from naleving.rules on the reference date (they are reported in the run's `parameters`)."""

    name: str
    title_nl: str
    description: str
    parameters: Mapping[str, ParameterInfo]
    data_used: Mapping[str, tuple[str, ...]]
    legal_basis: tuple[str, ...]
    parameters_from_rules: tuple[str, ...] = ()
    #: what the selection uses, per client (the proxy check measures each against the bias attributes)
    inputs: tuple[Input, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title_nl": self.title_nl,
            "description": self.description,
            "parameters": {
                p.name: {
                    "default": jsonable(p.default),
                    "minimum": jsonable(p.minimum),
                    "description": p.description,
                }
                for p in self.parameters.values()
            },
            "parameters_from_rules": list(self.parameters_from_rules),
            "data_used": {file: list(columns) for file, columns in self.data_used.items()},
            "legal_basis": list(self.legal_basis),
        }


@dataclass(frozen=True)
class Reason:
    """Why a client was hit: a stable `code` (the web pages turn it into a full sentence from the evidence,
    ``controls.presentation.reasons``) and a short Dutch text, which the command line shows as it is."""

    code: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text}


@dataclass(frozen=True)
class Hit:
    """One selected client, with the rows and values that selected them. Evidence is JSON-ready; rows of a
    delivery file are listed under the file's name (e.g. "vehicles") with their 1-based `row`."""

    client_id: str
    reasons: tuple[Reason, ...]
    evidence: Mapping[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "client_id": self.client_id,
            "reasons": [r.as_dict() for r in self.reasons],
            "evidence": dict(self.evidence),
        }


FindHits = Callable[[duckdb.DuckDBPyConnection, date, Mapping[str, Value]], list[Hit]]
RulesParameters = Callable[[date], dict[str, object]]


@dataclass(frozen=True)
class Control:
    """A control: its metadata, its selection (SQL over the `active` table and the delivery tables) and,
    when it uses law parameters, the function that reports those in force on R."""

    info: ControlInfo
    find_hits: FindHits
    rules_parameters: RulesParameters | None = None


def sql_date(day: date) -> str:
    return f"DATE '{day.isoformat()}'"


def holds(alias: str, reference_date: date) -> str:
    """SQL: the BRP registration `alias` holds on R (registered_from <= R < registered_to, or still open)."""
    r = sql_date(reference_date)
    return (
        f"({alias}.registered_from <= {r} AND ({alias}.registered_to IS NULL OR {r} < {alias}.registered_to))"
    )


def jsonable(value: object) -> object:
    """Dates as YYYY-MM-DD, Decimals as exact strings; everything else as it is."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def group_rows(rows: list[tuple[object, ...]]) -> dict[str, list[tuple[object, ...]]]:
    """Rows whose first value is the client_id, grouped by it, in order of first appearance."""
    grouped: dict[str, list[tuple[object, ...]]] = {}
    for row in rows:
        grouped.setdefault(str(row[0]), []).append(row)
    return grouped
