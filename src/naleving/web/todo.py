"""One to-do of Mijn werk (``mijn_werk``): what, how many, the nearest term and the link to exactly those."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, QuerySet


@dataclass(frozen=True)
class Todo:
    key: str  # stable, for tests and data-testid
    title: str
    count: int
    url: str
    explanation: str
    today: date
    #: the nearest term of these items (None: they have no term)
    due: date | None = None

    @property
    def overdue(self) -> bool:
        return bool(self.count and self.due and self.due < self.today)

    @property
    def nothing_to_do(self) -> bool:
        return self.count == 0


def tally(queryset: QuerySet, earliest: str | None = None) -> tuple[int, date | None]:
    """How many, and the smallest value of ``earliest``, in one query."""
    if earliest is None:
        return queryset.order_by().count(), None
    found = queryset.order_by().aggregate(n=Count("pk", distinct=True), first=Min(earliest))
    return found["n"], found["first"]
