"""Repository-wide pytest hooks: say which database the suite runs on."""

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
