"""Rows put in their model's order in Python, for reads that are sorted again anyway.

Compiling a query's ``ORDER BY`` from a model's ``Meta.ordering`` is a good part of compiling the query: on
the resident's page, whose timeline reads a dozen small lists and sorts their entries itself, the ordering
cost about a sixth of the page (docs/benchmarks.md, "The resident page's reads without ORDER BY"). Such a
read asks the database for its rows unordered (``.order_by()``) and puts them in the model's order here, so
what the page shows, ties included, does not depend on the order the database happens to return.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Model


def in_model_order[M: Model](rows: Iterable[M]) -> list[M]:
    """``rows`` (of one model) sorted by that model's ``Meta.ordering``, then by primary key, as PostgreSQL
    would: empty values last when ascending, first when descending. Only plain field names (with ``-`` for
    descending, ``pk`` for the primary key) are understood; a model ordered by anything else raises
    ``ValueError``, so a change of ``Meta.ordering`` cannot go unnoticed."""
    rows = list(rows)
    if not rows:
        return rows
    meta = rows[0]._meta
    keys: list[tuple[str, bool]] = []
    for entry in [*meta.ordering, "pk"]:
        if not isinstance(entry, str) or "__" in entry or entry.startswith("?"):
            raise ValueError(f"{meta.label}: ordering {entry!r} is not a plain field name")
        descending, name = entry.startswith("-"), entry.lstrip("-")
        attname = meta.pk.attname if name == "pk" else meta.get_field(name).attname
        keys.append((attname, descending))
    # One stable sort per key, the last key first: the result is ordered by all keys together.
    for attname, descending in reversed(keys):
        rows.sort(key=lambda row, a=attname: _nulls_last(getattr(row, a)), reverse=descending)
    return rows


def _nulls_last(value: Any) -> tuple[bool, Any]:
    """A sort key that puts an empty value after every other one (ascending)."""
    return (True, 0) if value is None else (False, value)
