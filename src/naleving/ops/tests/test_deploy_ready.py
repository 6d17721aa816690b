"""``naleving check --deploy-ready`` (issue #25): each missing piece of a production installation is named with
what to set, and the command exits 1 until nothing is missing."""

import json
import os
import socket
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from naleving.audit.checkpoints import keys_generate
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.ops import checks, health
from naleving.ops.models import Heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_relay():
    """A port that accepts connections, as a local mail relay would."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


@pytest.fixture
def production(settings, tmp_path, mail_relay, monkeypatch):
    """Everything set as docs/deployment.md says, the worker and the checkpoint just answered."""
    settings.DEBUG = False
    settings.SECRET_KEY = "k" * 20 + "production-secret-key-0123456789-abcdefghij"
    settings.ALLOWED_HOSTS = ["naleving.gemeente.example"]
    settings.NALEVING_AUDIT_KEY = "a" * 16 + "production-audit-key-012345"
    settings.NALEVING_AUDIT_ANCHOR_DIR = tmp_path / "anchor"
    settings.NALEVING_AUDIT_SIGNING_KEY = tmp_path / "keys" / "signing.pem"
    keys_generate(
        private_path=settings.NALEVING_AUDIT_SIGNING_KEY, public_dir=settings.NALEVING_AUDIT_ANCHOR_DIR
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    (tmp_path / "anchor" / "checkpoints.jsonl").write_text(json.dumps({"seq": 1, "created_at": now}) + "\n")
    settings.NALEVING_OPS_TOKEN = "ops-token-for-the-probe-0123456789"
    settings.SECURE_SSL_REDIRECT = settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SILENCED_SYSTEM_CHECKS = [*settings.SILENCED_SYSTEM_CHECKS, "security.W021"]  # as production.py
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.NALEVING_2FA_REQUIRED_ROLES = ["*"]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": mail_relay},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "naleving@gemeente.example"
    GemeenteFactory()
    Heartbeat.objects.create(enqueued_at=timezone.now(), answered_at=timezone.now(), worker="test:1")
    # the shipped amounts run out on a fixed date; whether they do within 90 days of today is not this test's
    monkeypatch.setattr(health, "parameter_warning", lambda **kwargs: None)


def _lines() -> dict[str, checks.Line]:
    return {line.name: line for line in checks.deploy_ready()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="production runs on PostgreSQL only")
def test_a_complete_installation_is_ready(production, settings, capsys):
    # The browser tests in the same worker set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright (whose event loop keeps
    # running in this thread, so the flag cannot be dropped here); Django's async.E001 rightly refuses it in
    # production, so only that artefact of the test run is silenced.
    if os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE"):
        settings.SILENCED_SYSTEM_CHECKS = [*settings.SILENCED_SYSTEM_CHECKS, "async.E001"]
    lines = _lines()
    assert [line.render() for line in lines.values() if not line.ok] == []
    call_command("check", deploy_ready=True)
    out = capsys.readouterr().out
    assert "ontbreekt" not in out and f"Alle {len(lines)} punten in orde." in out


@pytest.mark.parametrize(
    ("name", "breaks", "to_set"),
    [
        ("geheime sleutel", {"SECRET_KEY": "test-secret-key-not-for-production"}, "NALEVING_SECRET_KEY"),
        ("hostnamen", {"ALLOWED_HOSTS": ["localhost"]}, "NALEVING_ALLOWED_HOSTS"),
        (
            "auditsleutel",
            {"NALEVING_AUDIT_KEY": "development-audit-key-not-for-production"},
            "NALEVING_AUDIT_KEY",
        ),
        ("token voor bewaking", {"NALEVING_OPS_TOKEN": ""}, "NALEVING_OPS_TOKEN"),
        ("HTTPS", {"SECURE_PROXY_SSL_HEADER": None}, "NALEVING_SECURE"),
        ("tweede factor", {"NALEVING_2FA_REQUIRED_ROLES": []}, "NALEVING_2FA_REQUIRED_ROLES"),
        ("e-mail", {"DEFAULT_FROM_EMAIL": "naleving@localhost"}, "NALEVING_EMAIL_FROM"),
        ("ondertekening controlepunten", {"NALEVING_AUDIT_SIGNING_KEY": "/nergens/sleutel.pem"}, "keygen"),
        *(
            (
                "contactadres algoritmeregister",
                {"NALEVING_ALGORITHM_CONTACT_EMAIL": address},
                "NALEVING_ALGORITHM_CONTACT_EMAIL",
            )
            for address in ("algoritmeregister@example.nl", "vragen@mail.example.com", "a@example.org", "")
        ),
    ],
)
def test_each_missing_setting_is_named_with_what_to_set(production, settings, name, breaks, to_set, capsys):
    for setting, value in breaks.items():
        setattr(settings, setting, value)
    line = _lines()[name]
    assert not line.ok and to_set in line.to_set
    with pytest.raises(CommandError, match=name) as raised:
        call_command("check", deploy_ready=True)
    assert raised.value.returncode == 1
    assert f"ontbreekt {name}" in capsys.readouterr().out


def test_a_mail_relay_that_does_not_answer_is_missing(production, settings):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.MAILERS["default"]["OPTIONS"]["port"] = port
    line = _lines()["e-mail"]
    assert not line.ok and f"127.0.0.1:{port} niet bereikbaar" in line.detail


def test_a_municipality_without_an_objection_address_is_named(production):
    GemeenteFactory(code="GM0001", name="Noordstad", objection_street="")
    line = _lines()["bezwaaradressen"]
    assert not line.ok and line.detail == "onvolledig bij Noordstad"


def test_the_readiness_checks_are_lines_and_a_warning_is_missing(production, monkeypatch):
    class Soon:
        missing_today = False
        groups = ()
        profile_sentence = "Bijstandsnormen lopen binnen 90 dagen af"

    monkeypatch.setattr(health, "parameter_warning", lambda **kwargs: Soon())
    Heartbeat.objects.all().delete()
    lines = _lines()
    assert [n for n in lines if n.startswith("gereed: ")] == [
        "gereed: database",
        "gereed: cache",
        "gereed: migrations",
        "gereed: worker",
        "gereed: audit_checkpoint",
        "gereed: amounts",
    ]
    assert lines["gereed: database"].ok
    assert not lines["gereed: amounts"].ok and "Wettelijke bedragen" in lines["gereed: amounts"].to_set
    assert not lines["gereed: worker"].ok and "naleving-worker" in lines["gereed: worker"].to_set


def test_without_the_flag_check_is_djangos_own(capsys):
    call_command("check")
    captured = capsys.readouterr()
    assert "System check identified" in captured.out + captured.err and "ontbreekt" not in captured.out


def test_a_real_algorithm_contact_address_is_ok(production, settings):
    settings.NALEVING_ALGORITHM_CONTACT_EMAIL = "algoritmes@demostad.nl"
    line = _lines()["contactadres algoritmeregister"]
    assert line.ok and line.detail == "algoritmes@demostad.nl"
