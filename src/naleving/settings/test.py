"""Test settings: PostgreSQL when reachable (it is in CI), SQLite otherwise."""

import os
import socket
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from naleving.settings import env
from naleving.settings.base import *  # noqa: F403
from naleving.settings.base import database_config


def _postgres_reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), timeout=1):
            return True
    except OSError:
        return False


if env.DATABASE_URL:
    DATABASES = {"default": database_config(env.DATABASE_URL)}
elif env.TEST_DB == "postgres" or (env.TEST_DB == "auto" and _postgres_reachable(env.TEST_PG_URL)):
    DATABASES = {"default": database_config(env.TEST_PG_URL)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A test database is thrown away: a commit need not wait for its WAL to reach the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
if os.environ.get("NALEVING_TEST_TEMPLATE") and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # `make test` migrates one template database beforehand (naleving.testing.template_db); each test
    # database is a copy of it, and Django's migrate on the copy finds nothing left to apply.
    DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = os.environ["NALEVING_TEST_TEMPLATE"]

SECRET_KEY = "test-secret-key-not-for-production"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# High enough never to disturb the suite; tests of the throttles patch in a low rate (tests/security).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"user": "1000000/minute", "anon": "1000000/minute"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Off for the suite's force_login; tests of the mandatory second factor turn it on (tests/security).
NALEVING_2FA_REQUIRED_ROLES: list[str] = []
# The audit chain's checkpoints (ADR 0019) are never read from or written to the developer's var/ folder:
# a folder per test process that does not exist until a test writes a checkpoint there.
NALEVING_AUDIT_ANCHOR_DIR = Path(tempfile.gettempdir()) / f"naleving-test-audit-anchor-{os.getpid()}"
NALEVING_AUDIT_SIGNING_KEY = NALEVING_AUDIT_ANCHOR_DIR / "no-signing-key.pem"
# A real-looking contact address, so the algorithm register export works; tests of the refusal set the
# example.nl placeholder back (controls/tests/test_algoritmeregister.py).
NALEVING_ALGORITHM_CONTACT_EMAIL = "algoritmes@gemeente-test.invalid"
# Lists count their rows on every page in the suite (a test that changes rows through a service and then
# reads a list expects the new count); common/tests/test_paging.py turns the reuse on.
NALEVING_LIST_COUNT_SECONDS = 0
# The page header reads the organisation and the municipalities on every page: a test's rolled-back rows
# must not linger in a process-wide copy (gemeenten/tests/test_header.py turns the keeping on).
NALEVING_HEADER_SECONDS = 0
