"""Paging a long list without reading every row before the page in full.

``OFFSET`` makes the database produce every row before the page and throw it away. Django's paginator asks for
whole rows, joins included (``select_related``), so page 400 of a list of 10,000 signals read and joined
10,000 rows to show 25: 140 ms on the 20,000-resident bench database, against 7 ms for the login page.
``DeferredJoinPaginator`` asks for the ids of the page first (the same filters, scope and order, over the id
only, so the rows before the page are neither joined nor read in full) and then reads the page's rows by
those ids from the same queryset, so scope and annotations are applied as before. The first pages are read
as before: there the one query is cheaper than two, and a list may read them from another form of the same
rows (``first_pages``, from ``ScopedListView.first_pages_queryset``; ADR 0029). ``CappedCountPaginator``
also stops counting at ``COUNT_LIMIT``.

Both reuse a list's count for ``NALEVING_LIST_COUNT_SECONDS`` (``count_cached``): paging through a list,
or coming back to it, does not count its rows again. The count is kept per user and per query (its SQL,
scope and filters included), and forgotten as soon as that user changes anything
(``ListCountMiddleware``); what others change shows in the count within the reuse time. The rows of the
page are always read fresh. A deep page read by its number keeps where it began for as long
(``_page_from_its_start``, ADR 0034): coming back to it (from a signal opened on it, say) reads on from that
row as its "Volgende" link would (``common.keyset``), not past every row before it again.
"""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import router
from django.db.models import QuerySet
from django.utils.functional import cached_property

from naleving.common import keyset

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _generation_key(owner_id: int) -> str:
    return f"naleving:list-count-generation:{owner_id}"


def count_cached(
    rows: "QuerySet | Later",
    count: Callable[[], int],
    *,
    owner_id: int | None,
    kind: str,
    key: str | None = None,
) -> int:
    """``count()``, or the value it gave for this user, this query and this ``kind`` of count less than
    ``NALEVING_LIST_COUNT_SECONDS`` ago with no change by the user since (``lists_changed``).

    The key is ``key`` when the caller gives one that names everything the rows depend on besides the user
    (a list view: its URL and its filters, ``ScopedListView.count_key``); otherwise the query's SQL with its
    parameters, which holds the scope and the filters. Either way a count is never reused for other rows.
    Compiling the SQL only to make the key cost 4.6 ms of a 70 ms list page on the bench machine."""
    if getattr(settings, "NALEVING_LIST_COUNT_SECONDS", 0) <= 0 or owner_id is None:
        return count()
    if key is None:
        sql, params = rows.query.sql_with_params()
        key = repr((sql, params))
    return kept_for_user(owner_id, repr((rows.db, kind, key)), count)


def kept_for_user[T](
    owner_id: int | None, what: str, compute: Callable[[], T], *, seconds: int | None = None
) -> T:
    """``compute()``, or what it gave for this user and ``what`` less than ``NALEVING_LIST_COUNT_SECONDS``
    ago with no change by him since (``lists_changed``): for counts and a list's choices only, never for the
    rows themselves.
    ``what`` must name everything the value depends on besides the user. One cache read (the value and
    the user's generation together); a miss computes and stores. ``seconds`` (by default the counts') is how
    long the value is kept; with the counts not kept nothing is (no change of his would forget it)."""
    counts = getattr(settings, "NALEVING_LIST_COUNT_SECONDS", 0)
    seconds = counts if seconds is None else seconds
    if counts <= 0 or seconds <= 0 or owner_id is None:
        return compute()
    digest = hashlib.sha256(what.encode()).hexdigest()
    key, generation_key = f"naleving:list-count:{owner_id}:{digest}", _generation_key(owner_id)
    found = cache.get_many([key, generation_key])
    generation = found.get(generation_key, 0)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    cache.set(key, (generation, value), seconds)
    return value


def lists_changed(owner_id: int) -> None:
    """Forget the counts kept for this user (he has just changed something, or his roles or municipalities
    changed): a new generation."""
    seconds = getattr(settings, "NALEVING_LIST_COUNT_SECONDS", 0)
    if seconds > 0:
        # outlives every count stored under the old generation, so none of them can match again
        cache.set(_generation_key(owner_id), time.time_ns(), seconds * 2)


class ListCountMiddleware:
    """After every request that may change data (any method but GET, HEAD, OPTIONS, TRACE) by a signed-in
    user: forget the list counts kept for him, so his own change shows in the counts at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in _SAFE_METHODS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                lists_changed(user.pk)
        return response


#: From this many rows before the page on, the page's ids are read first.
DEFERRED_FROM = 250


class Later:
    """A list's rows, built the first time something needs them (``rows``): a first page read from the list's
    first pages' form, with a count kept for the user, never does. Building the signal list's scoped and
    filtered rows cost 1.5 ms of a 14 ms first page on the bench machine, for a query that was never run.
    Whatever else is asked of it (``filterset.qs`` asks ``all()``) builds the rows and asks them."""

    def __init__(self, model, build: Callable[[], QuerySet]) -> None:
        self.model = model
        self._build: Callable[[], QuerySet] | None = build
        self._rows: QuerySet | None = None

    @property
    def built(self) -> bool:
        return self._rows is not None

    @property
    def rows(self) -> QuerySet:
        if self._rows is None:
            build, self._build = self._build, None
            assert build is not None
            self._rows = build()
        return self._rows

    @property
    def db(self) -> str:
        return self._rows.db if self._rows is not None else router.db_for_read(self.model)

    def __getattr__(self, name: str):
        if name.startswith("_"):  # not its own (copying, pickling, a half-made object): not the rows' either
            raise AttributeError(name)
        return getattr(self.rows, name)


class DeferredJoinPaginator(Paginator):
    """A ``Paginator`` that reads a deep page of a queryset by its ids first (the module says why), and
    reuses the count it gave ``count_owner`` (a user id) for a while (``count_cached``). The rows may be given
    as ``Later``: they are then built only when the page, its count or its order needs them."""

    #: whether a deep page read by its number keeps where it began (``_page_from_its_start``; a list view may
    #: say otherwise, ``ScopedListView.keeps_page_starts``): for the lists whose deep pages lie thousands of
    #: rows deep (``CappedCountPaginator``), or whose rows before a page cost a lookup each (a handhaver's
    #: residents). Where a page lies a thousand rows deep at most in an index that holds the scope, walking
    #: them (under a millisecond for a consulent's resident list, page 40, on the bench) costs less than the
    #: cache read and the cursor (about 1 ms).
    keeps_page_starts = False

    def __init__(
        self,
        *args,
        count_owner: int | None = None,
        count_key: str | None = None,
        first_pages: Callable[[], QuerySet | None] | None = None,
        rows_again: Callable[[], QuerySet | None] | None = None,
        cursor: str = "",
        keeps_page_starts: bool | None = None,
        ids_within: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        #: whether a page read from the first pages' form (a first page, or on from a cursor) is read as "the
        #: rows whose ids are the page's" in one query (``_take``)
        self.ids_within = ids_within
        if keeps_page_starts is not None:
            self.keeps_page_starts = keeps_page_starts
        self.count_owner = count_owner
        self.count_key = count_key
        #: the "Volgende" or "Vorige" link's cursor (``common.keyset``): the page is read on from that row
        self.cursor = cursor
        #: None, or what gives the same rows in the same order written for reading a first page (None: the
        #: rows as they are), as ``ScopedListView.first_pages_queryset``; built once
        self._first_pages = first_pages
        #: None, or what gives the same rows written for reading a deep page's rows again by their ids
        #: (``ScopedListView.rows_again_queryset``); None: the first pages' form
        self.rows_again = rows_again if rows_again is not None else first_pages

    @property
    def rows(self):
        """The rows as given; ``Later`` rows built."""
        return self.object_list.rows if isinstance(self.object_list, Later) else self.object_list

    @cached_property
    def first_pages(self) -> QuerySet | None:
        return self._first_pages() if self._first_pages is not None else None

    @cached_property
    def again(self) -> QuerySet | None:
        """The rows in the form for reading a few of them again by their ids (``rows_again``), built once."""
        return self.rows_again() if self.rows_again is not None else None

    def _check_object_list_is_ordered(self) -> None:
        if not isinstance(self.object_list, Later) or self.object_list.built:
            super()._check_object_list_is_ordered()

    def _is_query(self) -> bool:
        return isinstance(self.object_list, QuerySet | Later)

    @cached_property
    def count(self) -> int:
        if not self._is_query():
            return super().count
        return count_cached(
            self.object_list,
            lambda: self.rows.count(),
            owner_id=self.count_owner,
            kind="exact",
            key=self.count_key,
        )

    def page(self, number):
        """The page ``number``, read on from the cursor's row when the link has one that fits this page
        (``common.keyset``), else by number, a deep page by its ids first. The page then holds the cursors of
        its "Volgende" and "Vorige" links (``next_cursor``, ``previous_cursor``)."""
        if not self._is_query():
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        page = None
        if self.cursor:
            found = keyset.rows_from(
                self._first_pages_or_rows(),
                self.cursor,
                number,
                self.per_page,
                take=self._take,
                again=self._again_for_cursor,
            )
            if found is not None:
                page = self._get_page(found, number, self)
        if page is None:
            page = self._page_by_number(bottom, top, number)
        return self._with_cursors(page, number)

    def _first_pages_or_rows(self) -> QuerySet:
        """The first pages' form of the rows when there is one (the same rows in the same order), else the rows."""
        return self.first_pages if self.first_pages is not None else self.rows

    def _ordered_rows(self) -> QuerySet:
        """The rows or their first pages' form, whichever is built already (the same order)."""
        built = not isinstance(self.object_list, Later) or self.object_list.built
        if built and "first_pages" not in self.__dict__:
            return self.rows
        return self._first_pages_or_rows()

    def _with_cursors(self, page, number: int):
        """The page's rows read (the list shows them all anyway), and the cursors of its first and last."""
        page.object_list = shown = list(page.object_list)
        page.next_cursor = page.previous_cursor = ""
        order = keyset.order_of(self._ordered_rows()) if shown else None
        if order is not None:
            if page.has_next():
                page.next_cursor = keyset.cursor_for(shown[-1], order, number + 1)
            if page.has_previous():
                page.previous_cursor = keyset.cursor_for(shown[0], order, number - 1, before=True)
        return page

    def _page_by_number(self, bottom: int, top: int, number: int):
        """The page read by its number: a first page as it is (or in its first pages' form), a deep one by its
        ids first."""
        if bottom < DEFERRED_FROM:
            return self._get_page(self._take(self._first_pages_or_rows(), bottom, top), number, self)
        found = self._page_from_its_start(bottom, top, number)
        if found is None:
            found = self._rows_by_ids(list(self.rows[bottom:top].values_list("pk", flat=True)))
        return self._get_page(found, number, self)

    def _take(self, rows: QuerySet, bottom: int, top: int) -> QuerySet:
        """``rows[bottom:top]``; with ``ids_within``, the rows whose ids are those of that slice, in one query
        (``WHERE id IN (SELECT id ... ORDER BY ... LIMIT ...)``): PostgreSQL then finds the page's ids from
        an index alone and reads 25 rows, where the slice itself reads every row it passes over in full. For
        a handhaver's resident list, whose scope is tested on each resident in name order (a lookup of his
        investigations): 1.5–2.3 against 2.8–5 ms for his first page on the bench (docs/benchmarks.md). The
        25 rows themselves are read in the form for reading rows again (``rows_again``) when there is one, in
        ``rows``' order: the slice has tested them against the scope and the filters already, and a form written
        for walking many rows (his investigations hashed once, ``common.sets.in_hashed_set``) would
        build its set a second time for them (``_again_for_cursor``)."""
        if not self.ids_within:
            return rows[bottom:top]
        again = self._again_for_cursor()
        if again is None:
            return rows.filter(pk__in=rows.values("pk")[bottom:top])
        outer = again.filter(pk__in=rows.values("pk")[bottom:top])
        # in ``rows``' order, which "Vorige" turns round (an order left to the model's is the same in both forms)
        return outer.order_by(*rows.query.order_by) if rows.query.order_by else outer

    def _again_for_cursor(self) -> QuerySet | None:
        """The form a page's rows found with ``ids_within``, and its cursor's own row, are read in
        (``_take``, ``keyset.rows_from``): that for reading rows again, where the first pages have a form of
        their own (written for walking many rows); None: the form they were found in."""
        return self.again if self.ids_within and self.first_pages is not None else None

    def _rows_by_ids(self, ids: list) -> list:
        """The rows of ``ids`` in that order, read again through the same scope and filters: a row that left
        them in between is left out. In the per-row form when there is one (``rows_again``, by default the
        first pages'): the scope is then tested on the page's rows alone, not built again as the set of every
        resident in it (the signal list's page 400 on the bench: 10 ms → under 1; a handhaver's 25 → 3 ms)."""
        again = self.again
        by_id = (self.rows if again is None else again).filter(pk__in=ids).order_by().in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]

    def _page_from_its_start(self, bottom: int, top: int, number: int) -> list | None:
        """A deep page read on from the row before it (``common.keyset``), when this user read this page by
        its number less than the count's reuse time ago with no change of his since (``kept_for_user``, as
        the count): the database then reads the page's rows alone, not every row before them. Otherwise (and
        then kept) the page's ids read by number, with the row before them, whose cursor is kept. Within that
        time the page begins where it began when it was read by number, as a "Volgende" link's page does,
        though others may have added rows before it since. None: the order takes no cursor, or the kept
        cursor's row has left the list (an order by name carries its id only); read the page by number."""
        kept = getattr(settings, "NALEVING_LIST_COUNT_SECONDS", 0) > 0 and self.count_owner is not None
        if not (self.keeps_page_starts and kept) or bottom < 1:
            return None  # nothing would be kept (``kept_for_user``): the page by its ids, as always
        # the order of the form the kept page is read from (the same as the rows'): the rows themselves, which
        # may be ``Later``, are built only when the page is read by its number
        order = keyset.order_of(self._first_pages_or_rows())
        if order is None:
            return None
        columns = [column for column, _ in order]
        read: dict[str, list] = {}

        def start() -> str:
            values = list(self.rows[bottom - 1 : top].values_list(*columns))
            read["ids"] = [row[-1] for row in values[1:]]
            return keyset.cursor_of(self.object_list.model, order, values[0], number) if values else ""

        cursor = kept_for_user(self.count_owner, self._start_key(order, number), start)
        if "ids" in read:
            return self._rows_by_ids(read["ids"])
        if not cursor:
            return None
        # nothing after it any more (rows deleted since): by number, as the count may say otherwise
        found = keyset.rows_from(
            self._first_pages_or_rows(),
            cursor,
            number,
            top - bottom,
            take=self._take,
            again=self._again_for_cursor,
        )
        return found or None

    def _start_key(self, order: list[tuple[str, bool]], number: int) -> str:
        """What a page's start depends on: the rows (as the count's key names them), their order and the page."""
        key = self.count_key
        if key is None:
            sql, params = self.rows.query.sql_with_params()
            key = repr((sql, params))
        where = (keyset.signature(order), number, self.per_page, self.orphans)
        return repr((self.object_list.db, "page start", key, where))


#: A list that holds more than this is counted only this far (``CappedCountPaginator``): 400 pages of 25.
COUNT_LIMIT = 10_000


class CappedCountPaginator(DeferredJoinPaginator):
    """Counts a queryset only up to ``COUNT_LIMIT`` rows; beyond it the list says "meer dan 10.000".

    An exact count reads every row of the scope: for the signal list at 100,000 residents (the consulent's
    50,000 of 300,000 signals) 86 ms of a 189 ms page, against 30 ms when the counting stops at 10,001
    (docs/benchmarks.md). Nobody pages beyond page 400; the filters narrow the list instead, and below the
    limit the count is exact."""

    count_capped = False
    keeps_page_starts = True

    @cached_property
    def count(self) -> int:
        if not self._is_query():
            return super().count
        found = count_cached(
            self.object_list,
            lambda: self.rows.order_by()[: COUNT_LIMIT + 1].count(),
            owner_id=self.count_owner,
            kind=f"capped at {COUNT_LIMIT}",
            key=self.count_key,
        )
        self.count_capped = found > COUNT_LIMIT
        return min(found, COUNT_LIMIT)

    @property
    def count_label(self) -> str:
        """The count as the list shows it: "meer dan 10.000" past the limit, otherwise the number."""
        count = self.count  # counting sets count_capped
        return f"meer dan {COUNT_LIMIT:,}".replace(",", ".") if self.count_capped else str(count)
