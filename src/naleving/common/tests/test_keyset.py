"""The "Volgende" and "Vorige" links carry where their page begins (``common.keyset``, issue #24): each page
reached by them must hold exactly the rows of the same page by its number, in every order a cursor follows,
and a cursor that does not fit is read by the page number instead. No cursor may carry personal data."""

import html
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse

from naleving.common import keyset
from naleving.residents.models import Resident
from naleving.residents.tests.factories import ResidentFactory
from naleving.signals.models import Signal
from naleving.signals.tests.factories import SignalFactory

LIST = reverse("signals:list")
NEXT = re.compile(r'rel="next" href="\?([^"]+)"')
PREVIOUS = re.compile(r'rel="prev" href="\?([^"]+)"')
ROW = re.compile(r'href="/signalen/(\d+)/"')


@pytest.fixture
def many(world):
    """Four and a half pages of the consulent's signals, many on the same days (ties the id must break)."""
    jansen = world["jansen"]
    start = date(2026, 1, 1)
    return Signal.objects.bulk_create(
        Signal(
            resident=jansen,
            gemeente=jansen.gemeente,
            origin=("collega", "inlichtingenbureau", "ketenpartner")[n % 3],
            kind="income",
            received_on=start + timedelta(days=n // 7),
            description=f"Signaal {n}",
            external_reference=f"KEYSET-{n:03d}",
        )
        for n in range(110)
    )


def _rows(text: str) -> list[str]:
    return ROW.findall(text)


def _link(pattern: re.Pattern, text: str) -> str | None:
    found = pattern.search(text)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["", "sorteer=herkomst", "sorteer=-nummer", "sorteer=ontvangen"])
def test_volgende_and_vorige_give_the_pages_by_number(client, world, many, order):
    client.force_login(world["consulent"])
    suffix = f"&{order}" if order else ""
    by_number = [_rows(client.get(f"{LIST}?page={n}{suffix}").content.decode()) for n in range(1, 6)]
    assert sum(len(rows) for rows in by_number) >= len(many)
    text = client.get(f"{LIST}?{order}").content.decode()
    for number in range(2, 6):  # on with "Volgende"
        link = _link(NEXT, text)
        assert link and f"{keyset.AFTER}=" in link and f"page={number}" in link
        text = client.get(f"{LIST}?{link}").content.decode()
        assert _rows(text) == by_number[number - 1], f"page {number}"
    assert _link(NEXT, text) is None  # the last page
    for number in range(4, 0, -1):  # and back with "Vorige"
        link = _link(PREVIOUS, text)
        assert link and f"{keyset.BEFORE}=" in link
        text = client.get(f"{LIST}?{link}").content.decode()
        assert _rows(text) == by_number[number - 1], f"page {number} backwards"
    assert _link(PREVIOUS, text) is None


@pytest.mark.django_db
def test_the_page_links_keep_the_filters_but_not_the_cursor(client, world, many):
    client.force_login(world["consulent"])
    first = client.get(f"{LIST}?origin=collega").content.decode()
    link = _link(NEXT, first)
    assert "origin=collega" in link
    second = client.get(f"{LIST}?{link}").content.decode()
    assert _rows(second) == _rows(client.get(f"{LIST}?origin=collega&page=2").content.decode())
    # the numbered links and the sort headers of the page read by cursor carry no cursor
    relative = {_link(NEXT, second), _link(PREVIOUS, second)}
    others = [h for h in map(html.unescape, re.findall(r'href="\?([^"]+)"', second)) if h not in relative]
    assert others
    assert not any(f"{keyset.AFTER}=" in h or f"{keyset.BEFORE}=" in h for h in others)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        signing.dumps(
            {"p": 2, "o": ["-received_on", "-id"], "v": ["2026-01-01", 1], "b": False}, salt="other"
        ),
        signing.dumps({"p": 2, "o": ["origin", "id"], "v": ["collega", 1], "b": False}, salt=keyset._SALT),
        signing.dumps(
            {"p": 3, "o": ["-received_on", "-id"], "v": ["2026-01-01", 1], "b": False}, salt=keyset._SALT
        ),
        signing.dumps(
            {"p": 2, "o": ["-received_on", "-id"], "v": ["geen datum", 1], "b": False}, salt=keyset._SALT
        ),
        signing.dumps(
            {"p": 2, "o": ["-received_on", "-id"], "v": ["2026-01-01"], "b": False}, salt=keyset._SALT
        ),
        # as a cursor from a version of the list whose first column held numbers would be
        signing.dumps(
            {"p": 2, "o": ["-received_on", "-id"], "v": [20260101, 1], "b": False}, salt=keyset._SALT
        ),
    ],
    ids=[
        "garbage",
        "other-salt",
        "other-order",
        "other-page",
        "wrong-kind",
        "too-few-values",
        "not-a-string",
    ],
)
def test_a_cursor_that_does_not_fit_reads_the_page_by_number(client, world, many, cursor):
    client.force_login(world["consulent"])
    by_number = _rows(client.get(f"{LIST}?page=2").content.decode())
    response = client.get(LIST, {"page": 2, keyset.AFTER: cursor})
    assert response.status_code == 200
    assert _rows(response.content.decode()) == by_number


@pytest.mark.django_db
def test_a_cursor_reads_on_from_its_row_where_the_number_would_skip(client, world, many):
    """Rows that arrive while the user reads page 1 push the rows on by number; "Volgende" goes on from the
    last row shown, so the user sees no row twice."""
    client.force_login(world["consulent"])
    first = client.get(LIST).content.decode()
    link = _link(NEXT, first)
    jansen = world["jansen"]
    SignalFactory.create_batch(3, resident=jansen, gemeente=jansen.gemeente, received_on=date(2026, 12, 1))
    second = _rows(client.get(f"{LIST}?{link}").content.decode())
    assert not set(second) & set(_rows(first))
    newest_shown = Signal.objects.get(pk=_rows(first)[-1])
    assert all(Signal.objects.get(pk=pk).received_on <= newest_shown.received_on for pk in second)


@pytest.mark.django_db
def test_orders_a_cursor_may_not_follow(world):
    signals: QuerySet = Signal.objects.all()
    assert keyset.order_of(signals) == [("received_on", True), ("id", True)]
    assert keyset.order_of(signals.order_by("origin", "pk")) == [("origin", False), ("id", False)]
    # the tie-breaker SortFilter adds after a model order that ends with the id already
    assert keyset.order_of(signals.order_by("-received_on", "-id", "pk")) == [
        ("received_on", True),
        ("id", True),
    ]
    # without the primary key last: rows with equal values could repeat or be skipped
    assert keyset.order_of(signals.order_by("-received_on")) is None
    # a field of another model, an empty-able field
    assert keyset.order_of(signals.order_by("resident__family_name", "pk")) is None
    assert keyset.order_of(signals.order_by("triaged_at", "pk")) is None
    assert keyset.order_of(signals.order_by("?")) is None


@pytest.mark.django_db
def test_an_order_by_name_carries_the_rows_id_only(world):
    """A name may not go into the address bar: the cursor of an order that holds text names its row by id."""
    residents = Resident.objects.order_by("family_name", "first_names", "pk")
    order = keyset.order_of(residents)
    assert order == [("family_name", False), ("first_names", False), ("id", False)]
    assert not keyset.carries_values(Resident, order)
    assert keyset.carries_values(Signal, keyset.order_of(Signal.objects.all()))
    jansen = world["jansen"]
    payload = signing.loads(keyset.cursor_for(jansen, order, 2), salt=keyset._SALT)
    assert payload == {"p": 2, "o": ["family_name", "first_names", "id"], "b": False, "i": jansen.pk}


def _residents_by_name(consulent, gemeente) -> list:
    """Sixty residents of the consulent, many with the same family name (ties the first names and the id break),
    one with a name that sorts among them only by its case and accents."""
    names = ["Bakker", "de Vries", "Jansen", "Bakker", "Öztürk", "van Dam"]
    return [
        ResidentFactory(
            consulent=consulent, gemeente=gemeente, family_name=names[n % 6], first_names=f"Kim {n % 4}"
        )
        for n in range(60)
    ]


RESIDENT_ROW = re.compile(r'href="/inwoners/(\d+)/"')


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["", "sorteer=-naam", "sorteer=wijk"])
def test_the_resident_list_by_name_pages_on_by_cursor_as_by_number(client, world, order):
    consulent = world["consulent"]
    made = _residents_by_name(consulent, world["jansen"].gemeente)
    client.force_login(consulent)
    url = reverse("residents:list")
    suffix = f"&{order}" if order else ""
    by_number = [
        RESIDENT_ROW.findall(client.get(f"{url}?page={n}{suffix}").content.decode()) for n in (1, 2, 3)
    ]
    assert sum(len(rows) for rows in by_number) == Resident.objects.filter(consulent=consulent).count()
    text = client.get(f"{url}?page=1{suffix}").content.decode()
    forwards = [RESIDENT_ROW.findall(text)]
    for _ in (2, 3):
        link = _link(NEXT, text)
        assert link, order
        text = client.get(f"{url}?{link}").content.decode()
        forwards.append(RESIDENT_ROW.findall(text))
    assert forwards == by_number
    backwards = []
    for _ in (2, 1):
        link = _link(PREVIOUS, text)
        assert link
        text = client.get(f"{url}?{link}").content.decode()
        backwards.append(RESIDENT_ROW.findall(text))
    assert backwards == [by_number[1], by_number[0]]
    # no name in any link the pages carry
    links = [link for link in (_link(NEXT, text), _link(PREVIOUS, text)) if link]
    for resident in made:
        assert all(resident.family_name not in link and resident.first_names not in link for link in links)


@pytest.mark.django_db
def test_a_cursor_whose_row_left_the_list_reads_the_page_by_number(client, world):
    consulent = world["consulent"]
    _residents_by_name(consulent, world["jansen"].gemeente)
    client.force_login(consulent)
    url = reverse("residents:list")
    first = client.get(url).content.decode()
    link = _link(NEXT, first)
    assert link and f"{keyset.AFTER}=" in link
    last = Resident.objects.get(pk=RESIDENT_ROW.findall(first)[-1])
    last.consulent = world["consulent_zuid"]  # out of this consulent's scope now
    last.save(update_fields=["consulent"])
    by_number = RESIDENT_ROW.findall(client.get(f"{url}?page=2").content.decode())
    assert RESIDENT_ROW.findall(client.get(f"{url}?{link}").content.decode()) == by_number
    # a resident the user may not see cannot be named in a cursor to learn where it stands
    other = world["pietersen"]
    cursor = signing.dumps(
        {"p": 2, "o": ["family_name", "first_names", "id"], "b": False, "i": other.pk}, salt=keyset._SALT
    )
    assert (
        RESIDENT_ROW.findall(client.get(url, {"page": 2, keyset.AFTER: cursor}).content.decode()) == by_number
    )
    for bad in ("12", True, None, [1]):
        cursor = signing.dumps(
            {"p": 2, "o": ["family_name", "first_names", "id"], "b": False, "i": bad}, salt=keyset._SALT
        )
        assert RESIDENT_ROW.findall(client.get(url, {"page": 2, keyset.AFTER: cursor}).content.decode()) == (
            by_number
        )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["investigations:list", "decisions:list", "claims:list"])
def test_the_other_case_lists_page_on_by_cursor_too(client, world, name):
    """The investigation, decision and claim lists, in their own order (newest first), for a teamleider."""
    from naleving.claims.tests.factories import VorderingFactory
    from naleving.decisions.tests.factories import BesluitFactory
    from naleving.investigations.tests.factories import InvestigationFactory

    jansen, handhaver = world["jansen"], world["handhaver"]
    made = {
        # one open investigation per resident: a resident of the team's consulent for each
        "investigations:list": lambda n: InvestigationFactory(
            resident=ResidentFactory(consulent=world["consulent"], gemeente=jansen.gemeente),
            assigned_to=handhaver,
            opened_on=date(2026, 1, 1) + timedelta(days=n // 4),
        ),
        "decisions:list": lambda n: BesluitFactory(
            resident=jansen,
            investigation=world["investigation"],
            decision_date=date(2026, 4, 1) + timedelta(days=n // 4),
            benadelingsbedrag=Decimal("1000.00"),
            verwijtbaarheid="",
        ),
        "claims:list": lambda n: VorderingFactory(resident=jansen, besluit=world["besluit"]),
    }[name]
    for n in range(30):
        made(n)
    client.force_login(world["teamleider"])
    url = reverse(name)
    pattern = re.compile(r'href="/(?:onderzoeken|besluiten|vorderingen)/(\d+)/"')
    first = client.get(url).content.decode()
    link = _link(NEXT, first)
    assert link and f"{keyset.AFTER}=" in link, name
    by_cursor = pattern.findall(client.get(f"{url}?{link}").content.decode())
    assert by_cursor and by_cursor == pattern.findall(client.get(f"{url}?page=2").content.decode())


@pytest.mark.django_db
def test_a_page_read_by_cursor_logs_its_residents_as_shown(client, world, many):
    from naleving.audit.models import AuditEvent

    client.force_login(world["consulent"])
    link = _link(NEXT, client.get(LIST).content.decode())
    before = AuditEvent.objects.filter(code="resident.list_viewed").count()
    client.get(f"{LIST}?{link}")
    assert (
        AuditEvent.objects.filter(code="resident.list_viewed").count() == before + 1
    )  # one resident: Jansen
    shown = AuditEvent.objects.filter(code="resident.list_viewed").latest("pk")
    assert shown.resident_id == world["jansen"].pk
    assert shown.purpose == "Signalen in de werkvoorraad"
