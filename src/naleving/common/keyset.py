"""Paging on from the row where the previous page ended (keyset paging), for the "Volgende" and "Vorige" links.

A page by its number makes the database walk every row before it (``OFFSET``): page 400 of the signal list
reads 10,000 signals of the user's scope to show 25 (``common.paging``). The "Volgende" link of a page
therefore also carries where that page ended, and the next page is read as "the first 25 rows after this
one" in the list's order: the same query as a first page, at any depth. "Vorige" carries where the page
began and reads the 25 rows before it. The page number stays in the link, so the page is still "pagina 401
van 400" in the count and in the numbered links; a link without a cursor, or with one that no longer fits
(another sort order, another page, altered or from another installation), is read by its number as before.

Only orders the database can follow row by row take a cursor: fields of the list's own model that are never
empty, ending with the primary key (``common.filters.SortFilter`` adds it). The cursor is signed, not
encrypted, and ends up in the address bar, the browser history and the access logs, where no name or BSN may
go (issue #16). So it carries the row's values only when they say nothing about a person (dates, numbers,
choices); for an order that holds text (the resident list by name) it carries the row's id alone, and the
values are read again from that row through the list's own scope and filters when the next page is asked
(a row that has left them meanwhile: the page is read by its number). Other orders (by a field of another
model, or one that may be empty) page by number only.
"""

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q, QuerySet

#: the query parameters: the cursor of the row after which ("na") or before which ("voor") the page starts
AFTER = "na"
BEFORE = "voor"
PARAMETERS = (AFTER, BEFORE)
_SALT = "naleving.common.keyset"


def order_of(rows: QuerySet) -> list[tuple[str, bool]] | None:
    """The list's order as (column, descending) pairs when a cursor can follow it, else None."""
    query = rows.query
    ordering = list(query.order_by) or (list(rows.model._meta.ordering) if query.default_ordering else [])
    meta = rows.model._meta
    order = []
    for item in ordering:
        if not isinstance(item, str) or item.lstrip("-") in ("", "?") or "__" in item:
            return None
        name = item.lstrip("-")
        try:
            field = meta.pk if name == "pk" else meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not _followable(field) and not _text(field):
            return None
        order.append((field.attname, item.startswith("-")))
        if field.primary_key:
            break  # unique: whatever follows it in the order (SortFilter's tie-breaker) changes nothing
    if not order or order[-1][0] != meta.pk.attname:
        return None  # without the primary key last, rows with equal values could repeat or be skipped
    return order


def _own_and_never_empty(field) -> bool:
    """A column of the list's own model (no relation) that is never empty."""
    return not getattr(field, "null", True) and getattr(field, "concrete", False) and not field.is_relation


def _followable(field) -> bool:
    """A column that is never empty and holds no personal data: a date, a number, or one of fixed choices."""
    if not _own_and_never_empty(field):
        return False
    if isinstance(field, (models.DateField, models.IntegerField, models.DecimalField)):
        return True  # DateTimeField is a DateField, the auto primary keys IntegerFields
    return isinstance(field, models.CharField) and bool(field.choices)


def _text(field) -> bool:
    """A text column that is never empty (a name): a cursor may follow it, carrying the row's id only."""
    return _own_and_never_empty(field) and isinstance(field, (models.CharField, models.TextField))


def carries_values(model, order: Sequence[tuple[str, bool]]) -> bool:
    """Whether a cursor of ``order`` may carry its row's values (dates, numbers, choices), or only its id."""
    columns = {field.attname: field for field in model._meta.concrete_fields}
    return all(_followable(columns[column]) for column, _ in order)


def _plain(value: Any) -> Any:
    """A column's value as JSON holds it (``to_python`` reads it back)."""
    if isinstance(value, Decimal):
        return str(value)
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def signature(order: Sequence[tuple[str, bool]]) -> list[str]:
    """The order as the cursor names it, ``["-received_on", "-id"]``: a cursor fits only this order."""
    return [f"{'-' if descending else ''}{column}" for column, descending in order]


def cursor_for(row: Any, order: Sequence[tuple[str, bool]], page: int, *, before: bool = False) -> str:
    """The signed cursor of ``row``'s place in ``order``, for the link to page ``page``: its values, or for an
    order that holds text its id alone (``carries_values``)."""
    return cursor_of(type(row), order, [getattr(row, column) for column, _ in order], page, before=before)


def cursor_of(
    model, order: Sequence[tuple[str, bool]], values: Sequence[Any], page: int, *, before: bool = False
) -> str:
    """``cursor_for`` a row of ``model`` given as its ``values`` of ``order``'s columns (the primary key last,
    as ``order_of`` ends), e.g. as ``values_list`` reads them without reading the row."""
    payload: dict[str, Any] = {"p": page, "o": signature(order), "b": before}
    if carries_values(model, order):
        payload["v"] = [_plain(value) for value in values]
    else:
        payload["i"] = values[-1]
    return signing.dumps(payload, salt=_SALT, compress=True)


def rows_from(
    rows: QuerySet,
    cursor: str,
    page: int,
    size: int,
    *,
    take: Callable[[QuerySet, int, int], Any] | None = None,
    again: Callable[[], QuerySet | None] | None = None,
) -> list | None:
    """The ``size`` rows of ``rows`` (in their order) after, or before, the row the ``cursor`` names, when the
    cursor is for page ``page`` of this order; None when it does not fit (then the page is read by number).
    ``take(rows, bottom, top)`` reads a slice of the rows (by default ``rows[bottom:top]``); ``again()`` gives
    the same rows in the form to read the cursor's own row in, when it is not ``rows`` (None: ``rows``)."""
    order = order_of(rows)
    if order is None:
        return None
    try:
        payload = signing.loads(cursor, salt=_SALT)
    except (signing.BadSignature, json.JSONDecodeError, ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or payload.get("p") != page:
        return None
    if payload.get("o") != signature(order):
        return None
    if carries_values(rows.model, order):
        typed = _values(rows, order, payload.get("v"))
    else:
        one = again() if again is not None else None
        typed = _values_of_row(rows if one is None else one, order, payload.get("i"))
    if typed is None:
        return None
    before = bool(payload.get("b"))
    # Rows further on in the list's order (or, for "Vorige", further back) than the cursor's row: beyond it in
    # the first column, or equal there and beyond it in the second, and so on. The first column's own bound
    # (inclusive) is repeated in front, so the database starts its index walk at the cursor's row.
    beyond = ["lt" if descending != before else "gt" for _, descending in order]
    condition = Q(**{f"{order[0][0]}__{beyond[0]}e": typed[0]})
    further = Q()
    for i, (column, _) in enumerate(order):
        step = Q(**{f"{column}__{beyond[i]}": typed[i]})
        for j, (earlier, _) in enumerate(order[:i]):
            step &= Q(**{earlier: typed[j]})
        further |= step
    found = rows.filter(condition & further)
    take = take or _slice
    if before:
        backwards = signature([(column, not descending) for column, descending in order])
        return list(reversed(list(take(found.order_by(*backwards), 0, size))))
    return list(take(found, 0, size))


def _slice(rows: QuerySet, bottom: int, top: int) -> QuerySet:
    return rows[bottom:top]


def _values(rows: QuerySet, order: Sequence[tuple[str, bool]], values: Any) -> list | None:
    """The cursor's values, each read back as its column's kind; None when they do not fit the order."""
    if not isinstance(values, list) or len(values) != len(order):
        return None
    columns = {field.attname: field for field in rows.model._meta.concrete_fields}
    try:
        return [columns[column].to_python(value) for (column, _), value in zip(order, values, strict=True)]
    except (ValidationError, TypeError, ValueError):  # a value not of its column's kind: read by number
        return None


def _values_of_row(rows: QuerySet, order: Sequence[tuple[str, bool]], row_id: Any) -> list | None:
    """The order's values of the row the cursor names by its id, read through ``rows`` (the list's scope and
    filters); None when the id is not a whole number or the row is no longer in the list."""
    if not isinstance(row_id, int) or isinstance(row_id, bool):
        return None
    found = rows.order_by().filter(pk=row_id).values_list(*(column for column, _ in order))[:1]
    values = list(found)
    return list(values[0]) if values else None
