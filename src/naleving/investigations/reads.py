"""What the investigation page reads of the one investigation ``investigation_get`` gave the user: its actions,
hearings, documents, linked signals and months (parts of the investigation, which whoever may see it sees in
full, as the page always read them through its relations). Each is read by the investigation's id with SQL
compiled once per process (``common.compiled.objects_for``), and the colleagues the rows name in one query,
instead of five querysets, three of them joined to a user, built and compiled for every request (about 2 ms of
the handhaver's investigation page on the bench machine, docs/benchmarks.md)."""

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet

from naleving.common.compiled import objects_for
from naleving.common.ordering import in_model_order
from naleving.investigations.models import (
    FindingMonth,
    HoorEnWederhoor,
    InvestigationDocument,
    InvestigativeAction,
)
from naleving.signals.models import Signal


@dataclass(frozen=True)
class CaseRows:
    """The investigation's rows the page shows, each list in its model's order."""

    actions: list[Any]
    hearings: list[Any]
    documents: list[Any]
    signals: list[Any]
    months: list[Any]


def case_rows(investigation) -> CaseRows:
    """The rows of ``investigation`` (already authorised for the user), with who performed, recorded or
    uploaded each (``performed_by``, ``recorded_by``, ``uploaded_by``), and who last changed the investigation
    (``updated_by``, which the page names too), read in one query."""
    pk = investigation.pk
    actions = _of(InvestigativeAction, pk)
    hearings = _of(HoorEnWederhoor, pk)
    documents = _of(InvestigationDocument, pk)
    colleagues = [
        *((row, "performed_by") for row in actions),
        *((row, "recorded_by") for row in hearings),
        *((row, "uploaded_by") for row in documents),
    ]
    if not type(investigation).updated_by.is_cached(investigation):
        colleagues.append((investigation, "updated_by"))
    ids = {getattr(row, f"{name}_id") for row, name in colleagues} - {None}
    people = get_user_model()._default_manager.in_bulk(ids) if ids else {}
    for row, name in colleagues:
        setattr(row, name, people.get(getattr(row, f"{name}_id")))
    for row in (*actions, *hearings, *documents):
        row.investigation = investigation
    signals = in_model_order(objects_for("investigations.signals", Signal, _signals_query, pk))
    return CaseRows(actions, hearings, documents, signals, _of(FindingMonth, pk))


def _of(model: type[Model], investigation_id: int) -> list:
    rows = objects_for(
        f"investigations.rows.{model._meta.label}", model, partial(_rows_query, model), investigation_id
    )
    return in_model_order(rows)


def _rows_query(model: type[Model], investigation_id: int) -> QuerySet:
    return model._default_manager.filter(investigation_id=investigation_id).order_by()


def _signals_query(investigation_id: int) -> QuerySet[Signal]:
    return Signal.objects.filter(investigations__id=investigation_id).order_by()
