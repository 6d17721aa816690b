"""The day a case became final for its handhaver's access, kept on the investigation (ADR 0030).

A handhaver sees the resident of an investigation assigned to him while the case is open and for
``NALEVING_HANDHAVER_ACCESS_DAYS`` days after it is final (``residents.access.investigation_access``). Whether
a case is final follows from the investigation, its besluiten and the objections and appeals against them
(``residents.access.investigation_access_from_cases``, the definition); asked on every page a handhaver
opens, across four tables, PostgreSQL could not estimate it and read his whole history of cases for each
list. So the day the case became final is kept on the investigation, ``Investigation.access_final_on``:

- ``NOT_FINAL`` (the last day a date can hold) while the case is not final: the investigation is open, a
  breach awaits its besluit, a besluit is not yet vastgesteld, or an objection or appeal awaits its outcome;
- the day it closed, for an investigation closed without a besluit (and without a breach);
- the day the latest vastgesteld besluit became irrevocable (its decision date, the objection term and one
  day, as ``investigation_access_from_cases`` counts it);
- ``NEVER`` when the case gives no access once closed (closed without a date; only replaced besluiten).

Access then lasts while ``access_final_on`` is after ``today - NALEVING_HANDHAVER_ACCESS_DAYS``: one range of
one column of one table (a case not final is after any day), read from an index on (handhaver, that day).
Every service that changes one of the inputs calls ``access_final_on_refresh`` for the investigations it
touched, in its transaction; ``access_final_on_mismatches`` compares the kept days with the
definition (``naleving handhaver-access``, and ``naleving check --deploy-ready``).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import connections, router

from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import NOT_FINAL, Investigation
from naleving.residents.access import (
    OBJECTION_TERM,
    investigation_access,
    investigation_access_from_cases,
)

#: the kept day of a closed case that gives no access at all
NEVER = date(1, 1, 1)
#: a besluit that is not yet final (decisions.BesluitStatus, by value: investigations does not import decisions)
PENDING_STATUSES = frozenset({"concept", "ter_ondertekening"})
VASTGESTELD = "vastgesteld"
#: rows per UPDATE when many investigations are refreshed at once (a demo, a migration)
CHUNK = 1000


def final_on(
    *,
    status: str,
    outcome: str,
    closed_on: date | None,
    besluiten: Iterable[tuple[str, date | None]],
    remedy_open: bool,
) -> date:
    """The day the case became final (``NOT_FINAL``: not yet), from the investigation's status, outcome and
    closing day, its besluiten as (status, decision date), and whether an objection or appeal against one of
    them awaits its outcome. Pure: the migration that filled the column uses it too."""
    if status == Status.OPEN:
        return NOT_FINAL
    besluiten = list(besluiten)
    if not besluiten:
        if outcome == Outcome.SCHENDING:
            return NOT_FINAL  # the besluit on the breach is still to come
        return closed_on or NEVER
    if remedy_open or any(besluit_status in PENDING_STATUSES for besluit_status, _ in besluiten):
        return NOT_FINAL
    decided = [day for besluit_status, day in besluiten if besluit_status == VASTGESTELD and day]
    if not decided:
        return NEVER
    return max(decided) + OBJECTION_TERM + timedelta(days=1)


def final_on_by_investigation(
    ids: Iterable[int] | None = None, *, model: Any = Investigation
) -> dict[int, date]:
    """``final_on`` of the investigations with ``ids`` (all when ``None``), read in four queries. ``model``:
    the investigation model (the migration that filled the column passes its historical one); the besluiten,
    objections and appeals are reached through its relations."""
    investigations = model._default_manager.order_by()
    besluit: Any = model._meta.get_field("besluiten").related_model
    besluiten = besluit._default_manager.order_by().exclude(investigation=None)
    bezwaar: Any = besluit._meta.get_field("bezwaren").related_model
    beroep: Any = besluit._meta.get_field("beroepen").related_model
    bezwaren = bezwaar._default_manager.order_by().filter(outcome="")
    beroepen = beroep._default_manager.order_by().filter(outcome="")
    if ids is not None:
        ids = list(ids)
        investigations = investigations.filter(pk__in=ids)
        besluiten = besluiten.filter(investigation_id__in=ids)
        bezwaren = bezwaren.filter(besluit__investigation_id__in=ids)
        beroepen = beroepen.filter(besluit__investigation_id__in=ids)
    per_case: dict[int, list[tuple[str, date | None]]] = defaultdict(list)
    for investigation_id, besluit_status, decided in besluiten.values_list(
        "investigation_id", "status", "decision_date"
    ):
        per_case[investigation_id].append((besluit_status, decided))
    remedies = set(bezwaren.values_list("besluit__investigation_id", flat=True))
    remedies |= set(beroepen.values_list("besluit__investigation_id", flat=True))
    return {
        pk: final_on(
            status=status,
            outcome=outcome,
            closed_on=closed_on,
            besluiten=per_case.get(pk, ()),
            remedy_open=pk in remedies,
        )
        for pk, status, outcome, closed_on in investigations.values_list(
            "pk", "status", "outcome", "closed_on"
        )
    }


def access_final_on_refresh(ids: Iterable[int | None] | None = None) -> int:
    """Keep ``access_final_on`` of the investigations with ``ids`` (all when ``None``) to their cases; the
    number of investigations whose day changed. Services call it, in their transaction, for every
    investigation whose status, outcome or closing day, or whose besluiten, objections or appeals they
    changed (a ``None`` among ``ids``, a besluit without investigation, is skipped)."""
    if ids is not None:
        ids = {pk for pk in ids if pk is not None}
        if not ids:
            return 0
    wanted = final_on_by_investigation(ids)
    kept = Investigation.objects.order_by()
    if ids is not None:
        kept = kept.filter(pk__in=ids)
    changed: dict[date, list[int]] = defaultdict(list)
    for pk, day in kept.values_list("pk", "access_final_on"):
        if pk in wanted and wanted[pk] != day:
            changed[wanted[pk]].append(pk)
    count = sum(len(pks) for pks in changed.values())
    connection = connections[router.db_for_write(Investigation)]
    if connection.vendor == "postgresql" and count > CHUNK:
        # Many days at once (a demo, a repair): one UPDATE from two arrays instead of one per distinct day
        # (15,490 investigations of 721 days at 100,000 residents: 1.05 s in 721 statements).
        _update_from_arrays(connection, changed)
        return count
    for day, pks in changed.items():
        for start in range(0, len(pks), CHUNK):
            Investigation.objects.filter(pk__in=pks[start : start + CHUNK]).update(access_final_on=day)
    return count


def _update_from_arrays(connection, changed: dict[date, list[int]]) -> None:
    table = connection.ops.quote_name(Investigation._meta.db_table)
    column = connection.ops.quote_name(Investigation._meta.get_field("access_final_on").column)
    ids = [pk for pks in changed.values() for pk in pks]
    days = [day for day, pks in changed.items() for _ in pks]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = kept.day FROM (SELECT unnest(%s::bigint[]) AS id, "
            f"unnest(%s::date[]) AS day) AS kept WHERE {table}.id = kept.id",
            [ids, days],
        )


def access_final_on_mismatches(today: date | None = None) -> list[int]:
    """The investigations whose kept day disagrees with their case: either a different day, or access
    granted by one and not by the other today (both are checked, so a wrong day that does not matter yet is
    found too). Empty when all is well."""
    wanted = final_on_by_investigation()
    differ = {
        pk
        for pk, day in Investigation.objects.order_by().values_list("pk", "access_final_on")
        if wanted.get(pk, day) != day
    }
    kept = set(Investigation.objects.filter(investigation_access(today=today)).values_list("pk", flat=True))
    defined = set(
        Investigation.objects.filter(investigation_access_from_cases(today=today))
        .values_list("pk", flat=True)
        .distinct()
    )
    return sorted(differ | (kept ^ defined))
