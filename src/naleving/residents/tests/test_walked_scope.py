"""A handhaver's resident scope as his investigations hashed once and tested on each resident walked in name
order (``in_hashed_set``, issue #24): ``(id IN (...)) IS TRUE`` on PostgreSQL, the plain ``IN`` elsewhere. It
must give exactly the residents of the ``IN`` form for every role; his resident list reads its first pages and
the pages its "Volgende" and "Vorige" links open with it, each page's rows and the cursor's own row without it."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from naleving.common import keyset
from naleving.common.sets import in_hashed_set
from naleving.residents.models import Resident
from naleving.residents.selectors import resident_scope, resident_search
from naleving.residents.tests.investigated import investigated_fixtures

pytestmark = pytest.mark.django_db

HASHED = ") IS TRUE"
NEXT = re.compile(r'rel="next" href="\?([^"]+)"')
PREVIOUS = re.compile(r'rel="prev" href="\?([^"]+)"')
ROW = re.compile(r'href="/inwoners/(\d+)/"')


def _ids(actor, **options) -> set[int]:
    return set(Resident.objects.filter(resident_scope(actor, **options)).values_list("pk", flat=True))


#: Thirty residents more for the handhaver (his own investigations, some with the same name) and five of someone
#: else's, built once for the module.
_investigated, investigated = investigated_fixtures(others=5, same_names=True)


def test_the_walked_scope_gives_the_same_residents_for_every_role(world, investigated):
    users = [value for value in world.values() if isinstance(value, get_user_model())]
    assert len(users) >= 9
    for actor in users:
        assert _ids(actor, walked=True) == _ids(actor), actor.username
    assert {r.pk for r in investigated} <= _ids(world["handhaver"], walked=True)


def test_it_is_hashed_on_postgresql_and_an_in_elsewhere(world, investigated):
    ids = Resident.objects.filter(family_name="Naam 1").values("pk")
    rows = Resident.objects.filter(in_hashed_set("pk", ids))
    query = str(rows.query)
    if connection.vendor == "postgresql":
        assert '("residents_resident"."id" IN (SELECT' in query and f"{HASHED} ORDER BY" in query
    else:
        assert "IN (SELECT" in query and HASHED not in query
    assert set(rows.values_list("pk", flat=True)) == {r.pk for r in investigated if r.family_name == "Naam 1"}


def _link(pattern: re.Pattern, text: str) -> str | None:
    found = pattern.search(text)
    return html.unescape(found.group(1)) if found else None


def test_the_handhavers_pages_by_their_links_are_his_list_in_order(world, investigated, client):
    """Each page reached by "Volgende" and "Vorige" holds the rows of that page by its number; the rows are
    found with his set hashed once, and read (as the cursor's own row is) with it tested per resident."""
    handhaver = world["handhaver"]
    client.force_login(handhaver)
    url = reverse("residents:list")
    expected = [
        str(pk)
        for pk in resident_search(actor=handhaver)
        .order_by("family_name", "first_names", "pk")
        .values_list("pk", flat=True)
    ]
    assert len(expected) > 25  # two pages at least
    pages = [expected[n : n + 25] for n in range(0, len(expected), 25)]
    text = client.get(url).content.decode()
    assert ROW.findall(text) == pages[0]
    for number in range(2, len(pages) + 1):
        link = _link(NEXT, text)
        assert link and f"{keyset.AFTER}=" in link
        with CaptureQueriesContext(connection) as queries:
            text = client.get(f"{url}?{link}").content.decode()
        assert ROW.findall(text) == pages[number - 1], number
        if connection.vendor == "postgresql":
            residents = [q["sql"] for q in queries if 'FROM "residents_resident"' in q["sql"]]
            rows = [sql for sql in residents if '"residents_resident"."bsn"' in sql]
            # one query for the page: his set hashed in the subquery that finds its ids, not around it
            assert len(rows) == 1 and rows[0].count(HASHED) == 1, rows
            assert rows[0].index(HASHED) > rows[0].index('"residents_resident"."id" IN (SELECT')
            # the cursor's own row (its name, for where the page begins) read without building his set
            cursor_row = [sql for sql in residents if sql not in rows and "LIMIT 1" in sql]
            assert cursor_row and all(HASHED not in sql for sql in cursor_row)
    assert _link(NEXT, text) is None
    for number in range(len(pages) - 1, 0, -1):
        link = _link(PREVIOUS, text)
        assert link and f"{keyset.BEFORE}=" in link
        text = client.get(f"{url}?{link}").content.decode()
        assert ROW.findall(text) == pages[number - 1], f"{number} backwards"
