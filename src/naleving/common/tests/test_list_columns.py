"""The case lists read of each row's resident what they show, his name, and nothing more (``ScopedListView.joined``
and ``not_listed``): no BSN, address or contact details leave the database for a list, no password hash of a
colleague it names, and no column left unread is fetched row by row afterwards."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from naleving.residents.columns import NAME_FIELDS, beyond_name

#: (list, a role that sees Jansen's row in it)
LISTS = [
    ("signals:list", "teamleider"),
    ("investigations:list", "handhaver"),
    ("decisions:list", "teamleider"),
    ("claims:list", "teamleider"),
    ("prevention:list", "consulent"),
]


@pytest.fixture
def rows(world):
    """A row of each list about Jansen (the world has a signal, an investigation and a besluit)."""
    from naleving.claims.tests.factories import VorderingFactory
    from naleving.prevention.tests.factories import PreventiveInterventionFactory

    VorderingFactory(besluit=world["besluit"], resident=world["jansen"])
    PreventiveInterventionFactory(resident=world["jansen"], performed_by=world["consulent"])
    return world


@pytest.mark.django_db
@pytest.mark.parametrize(("list_name", "role"), LISTS)
def test_a_list_reads_the_residents_name_only(client, rows, list_name, role):
    client.force_login(rows[role])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(list_name))
    assert response.status_code == 200
    assert "Jansen" in response.content.decode()
    shown = [row for row in response.context["object_list"] if row.resident_id == rows["jansen"].pk]
    assert shown, "Jansen's row is on the page"
    resident = shown[0].resident
    unread = resident.get_deferred_fields()  # attribute names (gemeente_id)
    assert {f"resident__{f.name}" for f in resident._meta.concrete_fields if f.attname in unread} == set(
        beyond_name()
    )
    assert all(getattr(resident, name) is not None for name in NAME_FIELDS)
    selected = [q["sql"].split(" FROM ", 1)[0] for q in queries.captured_queries]
    assert not [s for s in selected if '"bsn"' in s or '"birth_date"' in s], (
        "a list read a BSN or a birth date"
    )
    # the users it names (the handhaver of an investigation, who performed an intervention, the handhavers to
    # filter on) by name only; the signed-in user himself is read in full (the session checks his password hash)
    others = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "accounts_user" WHERE "accounts_user"."id" =' not in q["sql"]
    ]
    assert not [sql for sql in others if '"password"' in sql.split(" FROM ", 1)[0]], (
        "a list read a password hash"
    )
    # a deferred column read afterwards would be one query of the residents' table per row
    alone = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "residents_resident"."id"')
    ]
    assert alone == []
    # nor of the users' table: the one read of it by id is the signed-in user himself (the session)
    users_by_id = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "accounts_user" WHERE "accounts_user"."id" =' in q["sql"]
    ]
    assert len(users_by_id) == 1, users_by_id


#: the lists that read only the own columns they show (``ScopedListView.shown``), with a role that sees them
SHOWN_LISTS = [
    *LISTS[:4],
    ("residents:list", "consulent"),
    ("residents:list", "teamleider"),
    ("residents:list", "handhaver"),
]


@pytest.fixture
def many_rows(rows):
    """Four rows of each list about Jansen or his neighbours, so that each page of two has a next one."""
    from datetime import date, timedelta
    from decimal import Decimal

    from naleving.claims.tests.factories import VorderingFactory
    from naleving.decisions.tests.factories import BesluitFactory
    from naleving.investigations.tests.factories import InvestigationFactory
    from naleving.residents.tests.factories import ResidentFactory
    from naleving.signals.tests.factories import SignalFactory

    jansen = rows["jansen"]
    for n in range(4):
        SignalFactory(resident=jansen, gemeente=jansen.gemeente, origin=("collega", "ketenpartner")[n % 2])
        neighbour = ResidentFactory(consulent=rows["consulent"], gemeente=jansen.gemeente)
        InvestigationFactory(resident=neighbour, assigned_to=rows["handhaver"])
        BesluitFactory(
            resident=jansen,
            investigation=rows["investigation"],
            decision_date=date(2026, 4, 1) + timedelta(days=n),
            benadelingsbedrag=Decimal("1000.00"),
            verwijtbaarheid="",
        )
        VorderingFactory(resident=jansen, besluit=rows["besluit"], amount=Decimal("100.00") + n)
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize(("list_name", "role"), SHOWN_LISTS)
def test_a_list_reads_no_own_column_again_for_a_row_in_any_order(
    client, many_rows, list_name, role, monkeypatch
):
    """Every order of the list (each column ascending and descending, and its own), its first page and the page
    its "Volgende" link opens (whose cursor holds the order's values of a row): no row of the list's own table
    is read again by its id for a column the list left unread (``shown``)."""
    import html
    import re

    from django.urls import resolve

    from naleving.common.views import ScopedListView

    monkeypatch.setattr(ScopedListView, "paginate_by", 2)
    url = reverse(list_name)
    view = resolve(url).func.view_class
    assert view.shown is not None
    table = view.filterset_class._meta.model._meta.db_table
    keys = list(view.filterset_class.base_filters["sorteer"].columns)
    client.force_login(many_rows[role])
    for order in ["", *(f"sorteer={sign}{key}" for key in keys for sign in ("", "-"))]:
        with CaptureQueriesContext(connection) as queries:
            first = client.get(f"{url}?{order}")
            link = re.search(r'rel="next" href="\?([^"]+)"', first.content.decode())
            assert link, (list_name, order)
            second = client.get(f"{url}?{html.unescape(link.group(1))}")
        assert first.status_code == second.status_code == 200
        assert len(first.context["object_list"]) == 2, (list_name, order)
        # (a deferred column is read as ``... FROM table WHERE table.id = <its id> LIMIT 21``)
        by_id = re.compile(rf'FROM "{table}" WHERE "{table}"\."id" = \d+ LIMIT')
        again = [q["sql"] for q in queries.captured_queries if by_id.search(q["sql"])]
        assert again == [], (list_name, order, again)
        # and what a row shows of its own columns was read with it
        row = first.context["object_list"][0]
        assert set(row.get_deferred_fields()) >= {
            f.attname
            for f in type(row)._meta.concrete_fields
            if f.name not in view.shown and not f.primary_key
        } - {"resident_id"}
