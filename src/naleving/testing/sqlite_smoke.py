"""The main pages on the embedded default (SQLite), for ``tests/test_embedded_default.py``.

The suite runs on PostgreSQL, so SQL that only SQLite refuses went unnoticed twice (an ORDER BY inside a
UNION, a column name read as ``.name`` from SQLite's plain tuples): every signed-in page of ``make demo`` was a
500. Run in a process of its own (``python -m naleving.testing.sqlite_smoke``): an in-memory SQLite database
with the project's tables (created from the models: the pages are what is checked here, the migrations run on
SQLite in ``make demo``), the roles, the test world of ``naleving.testing.fixtures``, and every main page
opened by every user of that world. Prints each page that answers 500 (or raises) and exits 1 if any did.
"""

import logging
import os
import sys

#: the pages every role opens (a role that may not gets a 403 or a 404: fine, only a 500 fails)
PAGES = (
    "/",
    "/meer/",
    "/inwoners/",
    "/inwoners/?sorteer=-naam",
    "/signalen/",
    "/signalen/?origin=collega&sorteer=herkomst",
    "/signalen/?route=geen",
    "/onderzoeken/",
    "/onderzoeken/?status=open",
    "/besluiten/",
    "/vorderingen/",
    "/vorderingen/invordering/",
)


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "naleving.settings.test"
    os.environ["NALEVING_TEST_DB"] = "sqlite"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from naleving.accounts.services import roles_sync
    from naleving.testing.fixtures import _user_maker, _world_build

    assert connection.vendor == "sqlite", connection.vendor
    logging.disable(logging.CRITICAL)  # expected 403s and 404s; a 500 is listed below, not logged
    setup_test_environment()
    with connection.schema_editor() as editor:
        for model in apps.get_models():
            if model._meta.managed and not model._meta.proxy:
                editor.create_model(model)
    call_command("createcachetable", verbosity=0)
    emit_post_migrate_signal(
        verbosity=0, interactive=False, db=connection.alias
    )  # content types, permissions
    roles_sync()
    world = _world_build(_user_maker())
    users = {name: value for name, value in world.items() if hasattr(value, "get_username")}
    detail = (
        f"/inwoners/{world['jansen'].pk}/",
        f"/signalen/{world['signal'].pk}/",
        f"/onderzoeken/{world['investigation'].pk}/",
        f"/besluiten/{world['besluit'].pk}/",
    )
    failures, answered = [], 0
    for name, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for url in PAGES + detail:
            try:
                status = client.get(url).status_code
            except Exception as error:  # reported with the page
                failures.append(f"{name} {url}: {type(error).__name__}: {error}")
                continue
            answered += 1
            if status >= 500:
                failures.append(f"{name} {url}: {status}")
    print(f"{len(users)} users, {answered} pages answered on SQLite")
    for failure in failures:
        print(failure)
    return 1 if failures or not answered else 0


if __name__ == "__main__":
    sys.exit(main())
