"""Security headers on every kind of response (issue #14): the Content-Security-Policy, ``Cache-Control:
no-store`` and ``Permissions-Policy`` on a page, a PDF, a spreadsheet and an API answer; static files keep
their caching; a client's X-Request-ID is taken only when it is a UUID; production enforces the policy and
passes ``check --deploy``."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

REPO = Path(__file__).resolve().parents[2]
HEX_ID = re.compile(r"[0-9a-f]{32}")


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_safe_headers(response):
    csp = _directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert not any("unsafe" in value for values in csp.values() for value in values)
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["Cache-Control"] == "no-store"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


@pytest.mark.django_db
def test_a_page_carries_the_policy_and_is_not_cached(client, world):
    client.force_login(world["consulent"])
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert_safe_headers(response)


@pytest.mark.django_db
def test_the_login_page_carries_them_too(client):
    assert_safe_headers(client.get(reverse("accounts:login")))


@pytest.mark.django_db
def test_a_report_pdf_is_not_cached(client, world):
    client.force_login(world["beleid"])
    response = client.get(reverse("reports:report_pdf", args=["szw"]), {"periode": "2026"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_safe_headers(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "args"),
    [("reports:report_xlsx", ["szw"]), ("reports:report_csv", ["szw", "S3-funnel-inlichtingenbureau"])],
)
def test_spreadsheet_exports_are_not_cached(client, world, name, args):
    client.force_login(world["beleid"])
    response = client.get(reverse(name, args=args), {"periode": "2026"})
    assert response.status_code == 200
    assert_safe_headers(response)


@pytest.mark.django_db
def test_an_api_answer_is_not_cached(client, world):
    client.force_login(world["consulent"])
    response = client.get("/api/v1/residents/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert_safe_headers(response)


@pytest.mark.django_db
def test_an_error_page_is_not_cached(client, world):
    client.force_login(world["consulent"])
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert_safe_headers(response)


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_keep_their_own_caching(client):
    response = client.get("/static/naleving/naleving.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent",
    [
        "<script>alert(1)</script>",
        "abc\r\nX-Injected: 1",
        "0" * 64,
        "d3b07384-d9a0-4c9b-8e3a-5c2f9b1e6f7a; drop",
        "not-a-uuid",
    ],
)
def test_a_request_id_that_is_not_a_uuid_is_replaced(client, sent):
    response = client.get(reverse("accounts:login"), headers={"X-Request-ID": sent})
    assert response["X-Request-ID"] != sent
    assert HEX_ID.fullmatch(response["X-Request-ID"])


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["D3B07384-D9A0-4C9B-8E3A-5C2F9B1E6F7A", "d3b07384d9a04c9b8e3a5c2f9b1e6f7a"])
def test_a_uuid_request_id_from_the_proxy_is_kept(client, sent):
    response = client.get(reverse("accounts:login"), headers={"X-Request-ID": sent})
    assert response["X-Request-ID"] == sent.lower()


@pytest.mark.django_db
def test_the_request_id_in_the_audit_log_is_the_checked_one(client, world):
    from naleving.audit.models import AuditEvent

    client.force_login(world["consulent"])
    client.get(reverse("residents:detail", args=[world["jansen"].pk]), headers={"X-Request-ID": "x" * 60})
    ids = set(AuditEvent.objects.values_list("request_id", flat=True)) - {""}
    assert ids and all(HEX_ID.fullmatch(i) for i in ids)


def test_production_enforces_the_policy_and_has_no_debug(monkeypatch):
    from naleving.settings import env

    monkeypatch.setattr(env, "SECRET_KEY", "s" * 25 + "-not-a-secret-0123456789")
    monkeypatch.setattr(env, "ALLOWED_HOSTS", ["naleving.example.nl"])
    monkeypatch.setattr(env, "AUDIT_KEY", "a" * 40)
    monkeypatch.delitem(sys.modules, "naleving.settings.production", raising=False)
    production = importlib.import_module("naleving.settings.production")
    monkeypatch.delitem(sys.modules, "naleving.settings.production")
    assert production.DEBUG is False
    assert production.SECURE_CSP["script-src"] == ["'self'"]
    assert production.SECURE_CSP_REPORT_ONLY == {}
    assert "django.middleware.csp.ContentSecurityPolicyMiddleware" in production.MIDDLEWARE
    assert "naleving.web.middleware.SecurityHeadersMiddleware" in production.MIDDLEWARE


@pytest.mark.slow
def test_check_deploy_is_clean_under_the_production_settings(tmp_path):
    """The same command `make lint` runs: the production settings pass Django's deployment checks."""
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "naleving.settings.production",
        "NALEVING_SECRET_KEY": "deploy-check-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "NALEVING_AUDIT_KEY": "deploy-check-only-audit-key-not-a-secret-0123456789",
        "NALEVING_ALLOWED_HOSTS": "naleving.example.nl",
        "DATABASE_URL": "postgres://deploy-check@127.0.0.1:5432/none",
        "NALEVING_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "naleving",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--tag",
            "security",
        ],
        env=environ,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
