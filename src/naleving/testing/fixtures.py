"""Shared fixtures: roles, one user per role, and a small two-team municipality to test scoping on.

Everything is built with the apps' factory_boy factories (``<app>/tests/factories.py``); the values
below override the factories' defaults so the ``world`` stays the same small, named municipality.

``world`` is built once per module for the tests that run in a transaction (``shared_world``: as Django's
``setUpTestData``, each test's writes rolled back, each test its own copy of the objects) and for each
transactional test (``live_server``, ``transactional_db``). Tests sign in with ``shared_login``: one session
per user made once for the module.
"""

import copy
from collections.abc import MutableMapping
from datetime import date
from decimal import Decimal

import pytest

PASSWORD = "correct-horse-battery-staple"


#: The pool of the test processes' PostgreSQL connections (see ``pytest_configure``).
POOL = {"min_size": 1, "max_size": 8}


def pytest_configure(config):
    """PostgreSQL connections from a pool in the test processes. The live server of the browser tests answers
    each request in a new thread, and Django closes a thread's connection when its request ends: every page
    and form post opened a new connection, a new server process that loads the catalogue again (about 9 ms a
    request against under 1 ms on an open connection, most of it the server's CPU). Django's pool (psycopg_pool)
    takes the connection back after the request and gives it to the next thread. Set here, before the first
    connection, not in the test settings: the ``naleving`` commands some tests start as subprocesses read those
    settings too, and a pool waits half a minute for a database that is not there where a plain connection
    fails at once."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql") and not database.get("CONN_MAX_AGE"):
        database.setdefault("OPTIONS", {}).setdefault("pool", dict(POOL))


@pytest.fixture(scope="session", autouse=True)
def _fast_flush():
    """Transactional tests end by emptying the tables row by row on PostgreSQL (``fast_flush``)."""
    from naleving.testing.fast_flush import install

    install()


@pytest.fixture
def roles(db):
    from naleving.accounts.services import roles_sync

    return roles_sync()


@pytest.fixture
def make_user(roles):
    """``make_user(role, team=None, username=None)``: a user in one role, password ``PASSWORD``."""
    return _user_maker()


def _user_maker():
    from naleving.accounts.tests.factories import UserFactory

    counter = {"n": 0}

    def _make(role: str, *, team=None, username: str | None = None):
        counter["n"] += 1
        return UserFactory(
            username=username or f"{role}{counter['n']}",
            password=PASSWORD,
            role=role,
            team=team,
            first_name=role.title(),
            last_name="",
            email="",
        )

    return _make


def _resident(bsn: str, family_name: str, consulent, district: str = "Centrum", **extra):
    from naleving.residents.tests.factories import ResidentFactory

    return ResidentFactory(
        bsn=bsn,
        first_names="Test",
        family_name=family_name,
        birth_date=date(1985, 5, 17),
        street="Dorpsstraat",
        house_number=1,
        postcode="1234AB",
        city="Demostad",
        district=district,
        household_type="alleenstaande",
        consulent=consulent,
        **extra,
    )


@pytest.fixture
def world(request):
    """Two teams. Noord: consulent (Jansen), handhaver; Zuid: consulent (Pietersen). Plus every other role.

    A test in a transaction (the plain ``db``) gets the module's world (``shared_world``: built once for the
    module, the test's writes rolled back after it, its own copy of the objects); a transactional test
    (``transactional_db``, ``live_server``) gets one built for it, committed so the live server sees it.
    Building it took about 40 ms per test, in some 1,500 tests.

    The module's world stays in the database until the module's last test, so the module's tests that do not
    ask for it see it too. A module whose tests need a database without it (e.g. exactly one municipality)
    sets ``WORLD_PER_TEST = True``: its tests that ask for the world get one built for them, as before."""
    if _transactional(request.node) or "_module_world" not in request.fixturenames:
        return _world_build(request.getfixturevalue("make_user"))
    return request.getfixturevalue("shared_world")


def pytest_collection_modifyitems(items):
    """The module's world is set up before the test's own transaction opens (``world``), as a module-scoped
    fixture the test asked for by name would be; otherwise the test's rollback would take it away."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if (
            names is not None
            and "world" in names
            and "_module_world" not in names
            and not _transactional(item)
            and getattr(getattr(item, "module", None), "WORLD_PER_TEST", False) is False
        ):
            names.insert(0, "_module_world")


def _transactional(item) -> bool:
    """Whether ``item`` runs outside a test transaction (its writes are committed, the tables emptied after)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """The ``world`` of one test module, built in a transaction that is rolled back after its last test."""
    from django.db import transaction

    from naleving.accounts.services import roles_sync

    with django_db_blocker.unblock(), transaction.atomic():
        roles_sync()
        built = _world_build(_user_maker())
        yield built
        transaction.set_rollback(True)


class WorldCopy(MutableMapping):
    """A test's own copy of the module's ``world``, each object copied when the test first asks for it.

    Copying the whole world for every test (``copy.deepcopy``: about twenty model instances with their cached
    relations) cost 1-2 ms a test in some 2,500 tests, most of which read two or three of its objects. The
    copies share one ``memo``, as a single ``deepcopy`` of the whole would: an object reached from two entries
    (the consulent of ``world["jansen"]`` and ``world["consulent"]``) is one and the same copy in the test."""

    def __init__(self, original: dict) -> None:
        self._original = original
        self._names = dict.fromkeys(original)
        self._copies: dict = {}
        self._memo: dict = {}

    def __getitem__(self, name):
        if name not in self._copies:
            if name not in self._names:
                raise KeyError(name)
            self._copies[name] = copy.deepcopy(self._original[name], self._memo)
        return self._copies[name]

    def __setitem__(self, name, value) -> None:
        self._names[name] = None
        self._copies[name] = value

    def __delitem__(self, name) -> None:
        del self._names[name]
        self._copies.pop(name, None)

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@pytest.fixture
def shared_world(_module_world, db):
    """The ``world``, built once per module as Django's ``setUpTestData`` does: each test runs in a savepoint
    inside the module's transaction (its writes are rolled back after it) and gets its own copy of the
    objects (``WorldCopy``). For modules whose tests all use the plain ``db``: a transactional test
    (``transactional_db``, ``live_server``) in the same module would run inside that open transaction."""
    return WorldCopy(_module_world)


def session_key(user) -> str:
    """The key of a new signed-in session of ``user``, made as ``Client.force_login`` makes it (Django's
    ``login``: the session, ``last_login``, the login signal), by the caller's database connection."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def _module_sessions(_module_world, django_db_blocker) -> dict:
    """One signed-in session per user of the module's ``world``, made in the module's transaction (so rolled
    back with it): its session key by the world's name for the user."""
    from django.contrib.auth import get_user_model

    keys = {}
    with django_db_blocker.unblock():
        for name, user in _module_world.items():
            if isinstance(user, get_user_model()):
                # The module's own instance, so each test's copy carries the ``last_login`` this writes.
                keys[name] = session_key(user)
    return keys


@pytest.fixture
def shared_login(client, _module_sessions, shared_world):
    """``shared_login(name)``: sign ``client`` in as ``shared_world[name]`` with that user's session made once
    for the module, as ``client.force_login`` would (a session for the user, ``last_login`` set), without a
    new session row, key rotation and login signal in every test. The test's writes to the session are
    rolled back with the rest of its writes."""
    from django.conf import settings

    def _login(name: str):
        client.cookies[settings.SESSION_COOKIE_NAME] = _module_sessions[name]
        return client

    return _login


def pytest_runtest_setup(item):
    """A transactional test cannot run inside a module's open transaction (``shared_world``, a module's demo):
    its data would be invisible to the live server and its flush would empty the module's data."""
    if not _transactional(item):
        return
    from django.db import connections

    if any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        pytest.fail(
            f"{item.nodeid} is transactional but runs inside a transaction a module-scoped fixture opened: "
            "move it to another module"
        )


def _world_build(make_user) -> dict:
    from naleving.accounts.tests.factories import TeamFactory
    from naleving.decisions.tests.factories import BesluitFactory
    from naleving.investigations.tests.factories import InvestigationFactory
    from naleving.residents.tests.factories import BenefitFactory
    from naleving.signals.tests.factories import SignalFactory

    noord, zuid = TeamFactory(name="Team Noord"), TeamFactory(name="Team Zuid")
    users = {
        "consulent": make_user("inkomensconsulent", team=noord, username="consulent"),
        "consulent_zuid": make_user("inkomensconsulent", team=zuid, username="consulent_zuid"),
        "handhaver": make_user("handhaver", team=noord, username="handhaver"),
        "teamleider": make_user("teamleider", team=noord, username="teamleider"),
        "teamleider_zuid": make_user("teamleider", team=zuid, username="teamleider_zuid"),
        "analist": make_user("data_analist", username="analist"),
        "fg": make_user("fg", username="fg"),
        "beleid": make_user("beleid", username="beleid"),
        "beheerder": make_user("beheerder", username="beheerder"),
    }
    jansen = _resident("111222333", "Jansen", users["consulent"])
    pietersen = _resident("123456782", "Pietersen", users["consulent_zuid"], district="Zuid")
    BenefitFactory(
        resident=jansen,
        regulation="Pw",
        start_date=date(2025, 1, 1),
        monthly_amount=Decimal("1401.50"),
        norm_amount=Decimal("1401.50"),
        household_type="alleenstaande",
    )
    # No source reference and no registering user: an untriaged signal as the intake left it.
    signal = SignalFactory(
        resident=jansen,
        origin="inlichtingenbureau",
        kind="income",
        received_on=date(2026, 2, 1),
        description="Start inkomstenverhouding",
        external_reference="",
        registered_by=None,
    )
    investigation = InvestigationFactory(
        resident=jansen, assigned_to=users["handhaver"], opened_on=date(2026, 2, 10), signals=[signal]
    )
    SignalFactory(
        resident=pietersen,
        origin="collega",
        kind="cohabitation",
        received_on=date(2026, 3, 1),
        description="Mogelijk samenwonend",
        external_reference="",
        registered_by=None,
    )
    anonymous = SignalFactory(
        anonymous=True, kind="address", received_on=date(2026, 3, 5), description="Woont elders"
    )
    # A concept besluit without a rules run: no verwijtbaarheid and no rules version.
    besluit = BesluitFactory(
        concept=True,
        resident=jansen,
        investigation=investigation,
        decision_date=date(2026, 4, 1),
        profile="landelijk",
        benadelingsbedrag=Decimal("1000"),
        recovery_amount=Decimal("1000"),
        sanction_type="boete",
        fine_amount=Decimal("500"),
        verwijtbaarheid="",
        rules_version="",
        recorded_by=users["consulent"],
    )
    return {
        **users,
        "teams": (noord, zuid),
        "jansen": jansen,
        "pietersen": pietersen,
        "signal": signal,
        "anonymous_signal": anonymous,
        "investigation": investigation,
        "besluit": besluit,
    }
