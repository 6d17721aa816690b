"""Repository-wide pytest hooks: say which database the suite runs on; share the first collection's work between
the two workers; start the browser tests first; keep the tests of one ``xdist_group``, and runs of a module's
tests, in one worker; let the garbage collector run less often."""

import logging
import os
import sys
from pathlib import Path

import pytest

# The suite runs in two xdist workers on two cores: scikit-learn's k-means (the HBAC scan) and NumPy's
# OpenBLAS would each start a thread per core, whose busy-waiting then takes the other worker's core. With
# the other core busy, the HBAC tests took 3.8 s with one thread against 4.4-5.5 s with the default, and
# 1.3-9.9 s from run to run inside the suite (docs/benchmarks.md). Set before either library is loaded; the
# workers inherit it.
for _threads in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")

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


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session):
    """On a fresh clone, collecting the suite is largely pytest rewriting the assertions of every test module
    and compiling it, and both xdist workers did the same work at the same time, front to back. The second
    worker now imports the test modules back to front before it collects: the two meet in the middle, and each
    finds the other half cached in ``__pycache__``; its own collection then finds its modules imported.
    Measured with nothing selected (``-n 2 -k nomatch``, docs/benchmarks.md): 14.2 s cold before, 11.9 s
    cold with this, 8.8 s warm. A module that fails to import here is left to the collection, which reports
    it as usual."""
    if getattr(session.config, "workerinput", {}).get("workerid") != "gw1":
        return
    import importlib

    from _pytest.pathlib import resolve_pkg_root_and_module_name

    ignored = [Path(p).resolve() for p in session.config.getoption("ignore") or []]
    paths = sorted(
        path
        for arg in session.config.args
        for root in [Path(arg.split("::")[0]).resolve()]
        for path in ([root] if root.is_file() else root.rglob("test_*.py"))
        if path.name.startswith("test_")
        and path.suffix == ".py"
        and not any(path.is_relative_to(i) for i in ignored)
    )
    for path in reversed(paths):
        try:
            root, name = resolve_pkg_root_and_module_name(path)
            if str(root) not in sys.path:
                continue  # pytest puts it there when it collects the module; leave that to it
            importlib.import_module(name)
        except Exception:  # the collection reports it
            continue


#: Python's cyclic garbage collector runs after every 2,000 net allocations (``gc.get_threshold()``: 2000, 10, 10
#: on 3.12) and each run walks every young object; the suite allocates hundreds of millions of them (model
#: instances, template contexts, parsed responses), so the collector took 2.7 s of 35 s in the permission matrix
#: and the decision views (7.6 %, timed with ``gc.callbacks``, docs/benchmarks.md). After collection the modules,
#: the test functions and their parameters live as long as the process: ``gc.freeze`` moves them out of the
#: collector's sight, and a ten times higher first threshold makes its runs rarer: 1.3 s in the same tests.
#: Cycles are still collected (memory of the same run: 322 MB against 314 MB).
GC_THRESHOLDS = (20_000, 10, 10)


def pytest_collection_finish(session):
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` with a module's tests handed out together (``naleving.testing.scheduling``)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from naleving.testing.scheduling import ModuleChunkScheduling

    return ModuleChunkScheduling(config, log)


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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test may not leave the log's console handler writing to a closed stream. Running a management
    command through ``ManagementUtility`` (or anything else that calls ``django.setup()`` again) configures
    logging anew, binding the handler to the test's captured stderr, which is closed after the test: every
    later log line of that worker then failed to be written and printed a traceback instead (each 403 and 404
    the worker answered after it, among others). The test that did it fails here, by name."""
    result = yield
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler and getattr(handler.stream, "closed", False):
            handler.setStream(sys.stderr)
            raise AssertionError(
                f"{item.nodeid} left the console log handler writing to a closed stream (was logging set up "
                "again, e.g. by django.setup()?)"
            )
    return result
