"""What held up in the security review, kept that way: scoping (404, never 403, web and API), output
escaping, CSRF, cookie flags and HSTS in production, and SQL injection probes that find nothing.

Four eyes, uploads and lock-out have their own tests, named in docs/security.md.
"""

import importlib
import sys

import pytest
from django.test import Client
from django.urls import reverse

from naleving.residents.models import Resident
from naleving.signals.models import Signal

SCRIPT = "<script>alert('x')</script>"


@pytest.mark.django_db
def test_everything_outside_the_team_is_not_found_on_the_web_and_in_the_api(world, client):
    client.force_login(world["consulent_zuid"])
    pages = [
        reverse("residents:detail", args=[world["jansen"].pk]),
        reverse("investigations:detail", args=[world["investigation"].pk]),
        reverse("decisions:detail", args=[world["besluit"].pk]),
        reverse("signals:detail", args=[world["signal"].pk]),
        f"/api/v1/residents/{world['jansen'].pk}/",
        f"/api/v1/signals/{world['signal'].pk}/",
    ]
    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 404)


@pytest.mark.django_db
def test_text_from_users_is_escaped_on_staff_pages(world, client):
    Resident.objects.filter(pk=world["jansen"].pk).update(family_name=SCRIPT)
    Signal.objects.filter(pk=world["signal"].pk).update(description=SCRIPT)
    client.force_login(world["consulent"])
    for url in (
        reverse("residents:detail", args=[world["jansen"].pk]),
        reverse("signals:detail", args=[world["signal"].pk]),
        reverse("residents:list"),
    ):
        body = client.get(url).content.decode()
        assert SCRIPT not in body, url
        assert "&lt;script&gt;" in body, url


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["consulent"])
    before = Resident.objects.count()
    response = client.post(reverse("residents:create"), {"bsn": "999990019", "family_name": "Nieuw"})
    assert response.status_code == 403
    assert Resident.objects.count() == before


def test_production_cookies_are_secure_http_only_same_site_and_hsts_is_a_year(monkeypatch):
    from naleving.settings import env

    monkeypatch.setattr(env, "SECRET_KEY", "s" * 25 + "-not-a-secret-0123456789")
    monkeypatch.setattr(env, "ALLOWED_HOSTS", ["naleving.example.nl"])
    monkeypatch.setattr(env, "SECURE", True)
    monkeypatch.setattr(env, "AUDIT_KEY", "a" * 40)
    monkeypatch.delitem(sys.modules, "naleving.settings.production", raising=False)
    production = importlib.import_module("naleving.settings.production")
    monkeypatch.delitem(sys.modules, "naleving.settings.production")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY
    assert production.SESSION_COOKIE_SAMESITE == "Lax" and production.CSRF_COOKIE_SAMESITE == "Lax"
    assert production.SECURE_SSL_REDIRECT
    assert production.SECURE_HSTS_SECONDS >= 31_536_000 and production.SECURE_HSTS_INCLUDE_SUBDOMAINS


PROBES = ("' OR '1'='1", "1; DROP TABLE residents_resident; --", "%' OR 1=1 --", "Jansen' --")


@pytest.mark.django_db
@pytest.mark.parametrize("probe", PROBES)
def test_sql_injection_probes_find_nothing_outside_scope_and_break_nothing(world, client, probe):
    client.force_login(world["consulent"])
    web = client.get(reverse("residents:list"), {"q": probe})
    assert web.status_code == 200
    assert "Pietersen" not in web.content.decode()
    api = client.get("/api/v1/residents/", {"q": probe})
    assert api.status_code == 200
    assert all(row["id"] != world["pietersen"].pk for row in api.json()["results"])
    signals = client.get(reverse("signals:list"), {"route": probe, "kind": probe})
    assert signals.status_code in (200, 400)
    assert Resident.objects.filter(pk=world["pietersen"].pk).exists()
