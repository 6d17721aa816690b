"""`make test` copies the test databases from a migrated template (naleving.testing.template_db)."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from naleving.testing.template_db import ENV_VAR, template_name

SHOW = (
    "from django.conf import settings; print(settings.DATABASES['default'].get('TEST', {}).get('TEMPLATE'))"
)


def _template_setting(value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    if value is not None:
        env[ENV_VAR] = value
    env["DJANGO_SETTINGS_MODULE"] = "naleving.settings.test"
    code = f"import django; django.setup(); {SHOW}"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_template_is_named_after_the_test_database():
    assert template_name("test_naleving") == "test_naleving_template"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite in memory has no template to copy")
def test_the_test_settings_copy_from_the_template_only_when_told():
    assert _template_setting("test_naleving_template") == "test_naleving_template"
    assert _template_setting(None) == "None"
    assert _template_setting("") == "None"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite ignores the template")
def test_sqlite_ignores_the_template():
    assert _template_setting("test_naleving_template") == "None"
