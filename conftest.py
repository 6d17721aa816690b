"""Repository-wide pytest hooks: say which database the suite runs on; start the browser tests first; keep the
tests of one ``xdist_group`` in one worker."""

import pytest

pytest_plugins = ["naleving.testing.fixtures"]


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    where = (
        f"{db.get('HOST') or 'local'}:{db.get('PORT') or ''}/{db.get('NAME')}"
        if engine != "sqlite3"
        else "in memory"
    )
    label = "PostgreSQL" if engine.startswith("postgresql") else "SQLite"
    return f"naleving: test database = {label} ({where})"


def pytest_configure(config):
    # pytest-xdist registers this marker itself; register it too so `-p no:xdist` passes --strict-markers.
    config.addinivalue_line("markers", "xdist_group(name): run all tests of the group in one xdist worker")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The browser tests first (in their own order), then the rest as collected. They are the longest tests
    (up to a minute or more each); under ``-n 2`` xdist hands the first tests out in turn, so they spread
    over both workers from the start instead of leaving one worker with a long tail at the end. The order is
    the same in every worker, as xdist requires.

    And make ``--dist loadgroup`` group again under pytest 9.2 (pytest-dev/pytest-xdist#1386): xdist tells
    its scheduler an item's group by appending ``@group`` to the node id, but it still writes
    ``item._nodeid``, which pytest 9.2 no longer reads (node ids are structured, in ``item._id``). Without
    the suffix the tests of a group spread over the workers (the browser tests' parts, the modules that
    load a demo once for all their tests). Does nothing once xdist sets the suffix itself; remove that part
    when a fixed pytest-xdist is required.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)
    if not (hasattr(config, "workerinput") and config.getvalue("loadgroup")):
        return
    for item in items:
        names = {
            str(m.args[0] if m.args else m.kwargs.get("name", "default"))
            for m in item.iter_markers("xdist_group")
        }
        suffix = "@" + "_".join(sorted(names))
        if names and not item.nodeid.endswith(suffix) and hasattr(item, "_id"):
            item._id = type(item._id).parse(item.nodeid + suffix)
