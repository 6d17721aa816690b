"""A user's saved filters of the lists (issue #21): reads and writes, each of the user's own only.

A saved filter is a preference, like a bookmark: it holds the names and values of a list's filters and its
sort order, never case data. So nothing else is kept: no page number, and no search term (``q``, ``zoek``),
which may hold a name or a BSN. Saving and deleting are not audit events: they show and change no case.
"""

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import QuerySet
from django.http import QueryDict

from naleving.accounts.models import SavedFilter
from naleving.common.compiled import rows_for

#: parameters that are never saved: the page, and search terms that may hold personal data
NEVER_SAVED = frozenset({"page", "q", "zoek"})
MAX_PER_LIST = 20
NAME_MAX = SavedFilter._meta.get_field("name").max_length
QUERY_MAX = SavedFilter._meta.get_field("query").max_length


def saved_filters_of(actor, list_name: str) -> list[SavedFilter]:
    """The actor's own saved filters of one list, by name. Every list page asks: his filters of all lists are
    read with SQL compiled once per process (``common.compiled``; building and compiling the query cost more
    than running it) and those of this list kept (at most ``MAX_PER_LIST`` a list)."""
    if not actor.is_authenticated:
        return []
    columns, rows = rows_for("accounts.saved_filters", SavedFilter, _saved_filters_query, actor.pk)
    alias, index = router.db_for_read(SavedFilter), columns.index("list_name")
    return [SavedFilter.from_db(alias, columns, row) for row in rows if row[index] == list_name]


def _saved_filters_query(user_id: int) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(user_id=user_id).order_by("name", "id")


def saved_filters_all(actor) -> QuerySet[SavedFilter]:
    """All of the actor's own saved filters, per list."""
    if not actor.is_authenticated:
        return SavedFilter.objects.none()
    return SavedFilter.objects.filter(user=actor).order_by("list_name", "name", "id")


def filter_query(query: str, allowed: set[str]) -> str:
    """``query`` with only the list's own filter parameters that have a value (no page, no search term)."""
    params = QueryDict(query)
    kept = QueryDict(mutable=True)
    for key in params:
        if key in allowed and key not in NEVER_SAVED:
            values = [v for v in params.getlist(key) if v.strip()]
            if values:
                kept.setlist(key, values)
    return kept.urlencode()


@transaction.atomic
def saved_filter_save(*, actor, list_name: str, name: str, query: str, allowed: set[str]) -> SavedFilter:
    """Save the filters of ``query`` under ``name`` for the actor's list; a filter of the same name is
    replaced. ``allowed`` are the list's filter parameters; anything else in ``query`` is dropped."""
    name = " ".join(name.split())
    errors = {}
    if not name:
        errors["name"] = "Geef het filter een naam."
    elif len(name) > NAME_MAX:
        errors["name"] = f"De naam mag hoogstens {NAME_MAX} tekens lang zijn."
    kept = filter_query(query, allowed)
    if not kept:
        errors["query"] = (
            "Er is geen filter ingesteld: kies eerst een of meer filters en zoek, en bewaar dan."
        )
    elif len(kept) > QUERY_MAX:
        errors["query"] = "Dit filter is te lang om te bewaren."
    if errors:
        raise ValidationError(errors)
    mine = SavedFilter.objects.select_for_update().filter(user=actor, list_name=list_name)
    existing = mine.filter(name=name).first()
    if existing is None and mine.count() >= MAX_PER_LIST:
        raise ValidationError(
            {"name": f"U heeft al {MAX_PER_LIST} bewaarde filters bij deze lijst. Verwijder er eerst een."}
        )
    if existing is not None:
        existing.query = kept
        existing.save(update_fields=["query"])
        return existing
    return SavedFilter.objects.create(user=actor, list_name=list_name, name=name, query=kept)


def saved_filter_delete(*, actor, saved_filter_id: int) -> SavedFilter:
    """Delete one of the actor's own saved filters; another's is "not found"."""
    saved = SavedFilter.objects.get(user=actor, pk=saved_filter_id)
    saved.delete()
    return saved
