"""Repository-wide pytest hooks: say which database the suite runs on; start the browser tests first."""

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


def pytest_collection_modifyitems(items):
    """The browser tests first (in their own order), then the rest as collected. They are the longest tests
    (up to a minute or more each); under ``-n 2`` xdist hands the first tests out in turn, so they spread
    over both workers from the start instead of leaving one worker with a long tail at the end. The order is
    the same in every worker, as xdist requires."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)
