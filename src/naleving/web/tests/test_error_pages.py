"""The own error pages (issue #22): handler400, 403 and 404 are wired to web/errors.py and render our Dutch
pages without database or request context, also with DEBUG off; never Django's plain '403 Forbidden'."""

import pytest
from django.test import RequestFactory, override_settings

from naleving import urls
from naleving.web import errors

FOOTER = ('href="/toegankelijkheidsverklaring/"', 'href="/privacyverklaring/"', 'href="/contact/"')


def test_the_handlers_are_wired():
    assert urls.handler400 == "naleving.web.errors.bad_request"
    assert urls.handler403 == "naleving.web.errors.permission_denied"
    assert urls.handler404 == "naleving.web.errors.page_not_found"
    assert urls.handler500 == "naleving.web.errors.server_error"


@pytest.mark.parametrize(
    ("handler", "status", "heading"),
    [
        (errors.bad_request, 400, "Dit verzoek kunnen wij niet verwerken"),
        (errors.permission_denied, 403, "Geen toegang"),
        (errors.page_not_found, 404, "Pagina niet gevonden"),
    ],
)
def test_each_page_renders_without_a_database(handler, status, heading):
    """No django_db mark: any query would fail this test."""
    response = handler(RequestFactory().get("/ergens/"), Exception("intern detail"))
    body = response.content.decode()
    assert response.status_code == status
    assert heading in body and 'lang="nl"' in body and "intern detail" not in body
    assert all(link in body for link in FOOTER)


@pytest.mark.django_db
@override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
def test_a_bad_host_gets_our_400_page(client):
    response = client.get("/", headers={"host": "kwaadwillend.example"})
    assert response.status_code == 400
    assert "Dit verzoek kunnen wij niet verwerken" in response.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_403_and_404_with_debug_off(client, world):
    client.force_login(world["consulent"])
    forbidden = client.get("/auditlog/")
    assert forbidden.status_code == 403 and "Geen toegang" in forbidden.content.decode()
    assert "403 Forbidden" not in forbidden.content.decode()
    missing = client.get("/bestaat-niet/")
    assert missing.status_code == 404 and "Pagina niet gevonden" in missing.content.decode()
    assert all(link in missing.content.decode() for link in FOOTER)
