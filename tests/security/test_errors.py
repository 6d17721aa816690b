"""Error pages: our own Dutch templates for 400, 403, 404 and 500, never Django's debug pages (no URL list,
no traceback, also not in the demo's dev settings); the 500 page needs no database and shows the request id
as reference; a DuckDB error reaches the analyst as a reference, never as a server path."""

import importlib
import logging
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings

import naleving
from naleving.audit.context import request_id

GOLDEN = Path(naleving.__file__).parent / "analytics" / "tests" / "data" / "golden"


@pytest.mark.django_db
def test_404_is_our_page_without_the_url_list(client, world):
    client.force_login(world["consulent"])
    response = client.get("/bestaat-niet/")
    body = response.content.decode()
    assert response.status_code == 404
    assert next(t.name for t in response.templates) == "404.html"
    assert "Pagina niet gevonden" in body and 'lang="nl"' in body
    assert "URLconf" not in body and "inwoners/" not in body and "Traceback" not in body


@pytest.mark.django_db
def test_403_is_our_page(client, world):
    client.force_login(world["consulent"])
    response = client.get("/auditlog/")
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    assert "Geen toegang" in response.content.decode()


@pytest.mark.django_db
def test_a_failed_csrf_check_is_our_page():
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/account/inloggen/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Het formulier is verlopen" in body and "CSRF" not in body


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.security.urls_boom")
def test_500_is_our_page_with_the_request_id_as_reference(caplog):
    failing = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = failing.get("/boom/", headers={"X-Request-ID": "0f0e0d0c-0b0a-4908-8706-050403020100"})
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in body and "Referentie" in body
    assert "0f0e0d0c-0b0a-4908-8706-050403020100" in body
    assert "Traceback" not in body and "geheime-pad" not in body
    assert any(getattr(r, "request_id", "") == "0f0e0d0c-0b0a-4908-8706-050403020100" for r in caplog.records)


def test_the_500_page_needs_no_database_and_no_request_context():
    """No django_db mark: any query would fail this test."""
    from naleving.web.errors import server_error

    token = request_id.set("abc123")
    try:
        response = server_error(RequestFactory().get("/"))
    finally:
        request_id.reset(token)
    body = response.content.decode()
    assert response.status_code == 500 and "abc123" in body and "Er ging iets mis" in body
    assert "/static/naleving/naleving.css" in body


def test_400_template_is_dutch():
    from django.template.loader import render_to_string

    assert "Dit verzoek kunnen wij niet verwerken" in render_to_string("400.html")


def test_the_demo_settings_have_no_debug_unless_asked(monkeypatch):
    from naleving.settings import env

    monkeypatch.setattr(env, "DEBUG", False)
    for name in ("naleving.settings.base", "naleving.settings.dev"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    try:
        dev = importlib.import_module("naleving.settings.dev")
        assert dev.DEBUG is False
        assert dev.WHITENOISE_USE_FINDERS is True  # runserver serves the static files without DEBUG
        monkeypatch.setattr(env, "DEBUG", True)
        for name in ("naleving.settings.base", "naleving.settings.dev"):
            del sys.modules[name]
        assert importlib.import_module("naleving.settings.dev").DEBUG is True
    finally:
        for name in ("naleving.settings.base", "naleving.settings.dev"):
            sys.modules.pop(name, None)
        importlib.import_module("naleving.settings.base")


@pytest.mark.django_db
def test_a_duckdb_error_shows_a_reference_and_no_server_path(world, settings, tmp_path, caplog):
    from naleving.controls.deliveries import delivery_submit

    settings.NALEVING_DELIVERY_DIR = tmp_path / "leveringen"
    files = {
        "vehicles": SimpleUploadedFile("vehicles.csv", (GOLDEN / "vehicles.csv").read_bytes()),
        "clients": SimpleUploadedFile(
            "clients.parquet", b"not parquet at all", content_type="application/octet-stream"
        ),
    }
    with caplog.at_level(logging.ERROR, logger="naleving.analytics"), pytest.raises(ValidationError) as error:
        delivery_submit(
            actor=world["analist"],
            files=files,
            controls=["voertuigen"],
            reference_date=date(2026, 3, 1),
            source="Inlichtingenbureau",
            delivery_date=date(2026, 3, 2),
            legal_basis="Participatiewet art. 64",
            enqueue=False,
        )
    message = " ".join(error.value.messages)
    assert "clients.parquet" in message and "Er ging iets mis bij het lezen (referentie " in message
    assert str(tmp_path) not in message and "/" not in message and "Invalid Input Error" not in message
    reference = message.split("referentie ")[1].split(")")[0]
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert logged and str(tmp_path) in logged[0].getMessage()
