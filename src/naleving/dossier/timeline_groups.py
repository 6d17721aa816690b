"""The resident's timeline as the page shows it: one category at a time (the filter chips, a query parameter
so it works without JavaScript), and a run of repayments collapsed into one row with its total per month.

Pure functions over ``TimelineEntry`` rows; the reads happened in ``timeline.resident_timeline``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse

from naleving.common.formatting import euro
from naleving.dossier.timeline import TimelineEntry

ZERO = Decimal("0.00")
#: the query parameter of the chips
PARAMETER = "tijdlijn"
ALL = "alle"


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    kinds: frozenset[str]


#: The chips, in the order of the cirkel van naleving; ``kinds`` are ``TimelineEntry.kind`` values.
CATEGORIES: tuple[Category, ...] = (
    Category("signalen", "Signalen", frozenset({"signaal", "triage"})),
    Category("onderzoeken", "Onderzoeken", frozenset({"onderzoek"})),
    Category("besluiten", "Besluiten", frozenset({"besluit", "verzuim"})),
    Category("vorderingen", "Vorderingen", frozenset({"vordering"})),
    Category("preventie", "Preventie", frozenset({"preventie", "verwijzing", "wijziging"})),
    Category("uitkering", "Uitkering", frozenset({"aanvraag", "uitkering"})),
    Category("privacy", "Privacy (AVG)", frozenset({"correctie", "bezwaar_avg"})),
)
_BY_KEY = {category.key: category for category in CATEGORIES}


@dataclass(frozen=True)
class Chip:
    key: str
    label: str
    count: int
    active: bool

    @property
    def query(self) -> str:
        return "" if self.key == ALL else f"{PARAMETER}={self.key}"


@dataclass(frozen=True)
class MonthTotal:
    month: date
    count: int
    total: Decimal


def chosen_category(value: str | None) -> str:
    """The chip asked for; anything unknown shows everything."""
    return value if value in _BY_KEY else ALL


def chips(entries: Sequence[TimelineEntry], active: str) -> list[Chip]:
    """ "Alle" and each category with entries (and the active one, even when empty), with their counts."""
    result = [Chip(ALL, "Alle", len(entries), active == ALL)]
    for category in CATEGORIES:
        count = sum(1 for entry in entries if entry.kind in category.kinds)
        if count or category.key == active:
            result.append(Chip(category.key, category.label, count, category.key == active))
    return result


def only(entries: Iterable[TimelineEntry], category: str) -> list[TimelineEntry]:
    """The entries of one category (all of them for ``ALL``)."""
    if category not in _BY_KEY:
        return list(entries)
    kinds = _BY_KEY[category].kinds
    return [entry for entry in entries if entry.kind in kinds]


def collapse_repayments(entries: Iterable[TimelineEntry], *, resident_id: int) -> list[TimelineEntry]:
    """Each run of two or more repayments with nothing else in between becomes one row: how many, the exact
    total, and the total per month (newest first, as the timeline). A single repayment stays as it is."""
    result: list[TimelineEntry] = []
    run: list[TimelineEntry] = []
    for entry in entries:
        if run and entry.group != run[0].group:
            result.extend(_collapsed(run, resident_id))
            run = []
        if entry.group:
            run.append(entry)
        else:
            result.append(entry)
    result.extend(_collapsed(run, resident_id))
    return result


def _collapsed(run: list[TimelineEntry], resident_id: int) -> list[TimelineEntry]:
    if len(run) < 2:
        return run
    months: dict[date, list[Decimal]] = {}
    for entry in run:
        day = entry.when.date() if isinstance(entry.when, datetime) else entry.when
        months.setdefault(day.replace(day=1), []).append(entry.amount or ZERO)
    total = sum((entry.amount or ZERO for entry in run), ZERO)
    actors = {entry.actor for entry in run}
    urls = {entry.url for entry in run}
    # One claim: its page; payments on several claims: the resident's overview of claims.
    url = urls.pop() if len(urls) == 1 else reverse("claims:resident", args=[resident_id])
    return [
        replace(
            run[0],
            title=f"{len(run)} aflossingen ontvangen",
            detail=f"Samen {euro(total)}",
            actor=actors.pop() if len(actors) == 1 else "",
            url=url,
            amount=total,
            since=run[-1].when,
            months=tuple(
                MonthTotal(month, len(amounts), sum(amounts, ZERO)) for month, amounts in months.items()
            ),
        )
    ]
