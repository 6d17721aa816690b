"""The resident search keeps a BSN out of URLs, request logs and the audit log (issue #16)."""

import json
import logging

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.residents.reads import BSN_PLACEHOLDER, bsn_search_hash, contains_bsn, search_terms_for_audit

LIST = reverse("residents:list")


def _search(client, term: str, **filters):
    return client.post(LIST, {"q": term, **filters})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("111222333", True),
        ("111 222 333", True),
        ("111.222.333", True),
        ("Jansen", False),
        ("1234AB", False),
        ("12345678", False),
        ("1234567890", False),
    ],
)
def test_nine_digits_count_as_a_bsn(text, found):
    assert contains_bsn(text) is found


@pytest.mark.django_db
def test_a_bsn_search_posts_and_redirects_to_an_opaque_key(world, client):
    client.force_login(world["consulent"])
    response = _search(client, "111222333")
    assert response.status_code == 302
    assert "111222333" not in response["Location"]
    assert "zoek=" in response["Location"]
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Jansen" in body
    assert "Inwoners in uw werkvoorraad (1)" in body
    # the search box still shows what was searched, in the form (not in a link)
    assert 'value="111222333"' in body


@pytest.mark.django_db
def test_the_search_form_posts_with_a_csrf_token(world, client):
    client.force_login(world["consulent"])
    body = client.get(LIST).content.decode()
    assert '<form method="post" class="nl-filters"' in body
    assert "csrfmiddlewaretoken" in body


@pytest.mark.django_db
def test_other_filters_stay_in_the_url_and_an_unknown_key_is_an_expired_search(world, client):
    client.force_login(world["consulent"])
    response = _search(client, "Jansen", district=world["jansen"].district)
    assert f"district={world['jansen'].district}" in response["Location"]
    expired = client.get(LIST, {"zoek": "onbekend"}).content.decode()
    assert "Deze zoekopdracht is verlopen" in expired


@pytest.mark.django_db
def test_a_bsn_typed_into_the_address_is_not_searched(world, client):
    client.force_login(world["consulent"])
    body = client.get(LIST, {"q": "111222333"}).content.decode()
    assert "Een BSN hoort niet in de adresregel" in body
    assert "?q=111222333" not in body and "q=111222333&" not in body


@pytest.mark.django_db
def test_pagination_links_carry_the_key_not_the_term(world, client, monkeypatch):
    from naleving.residents.tests.factories import ResidentFactory
    from naleving.residents.views import ResidentListView

    monkeypatch.setattr(ResidentListView, "paginate_by", 1)
    ResidentFactory.create_batch(2, family_name="Jansen-Bos", consulent=world["consulent"])
    client.force_login(world["consulent"])
    location = _search(client, "Jansen")["Location"]
    key = location.split("zoek=")[1]
    page = client.get(location).content.decode()
    assert f'href="?zoek={key}&amp;page=2"' in page
    # a BSN typed into the address (not searched) is not carried on by the pagination links either
    page = client.get(LIST, {"q": "111222333", "district": "Centrum"}).content.decode()
    assert 'href="?district=Centrum&amp;page=2"' in page
    assert "111222333" not in page


@pytest.mark.django_db
def test_a_bsn_search_leaves_no_bsn_in_the_request_logs(world, client, caplog):
    client.force_login(world["consulent"])
    with caplog.at_level(logging.DEBUG):
        response = _search(client, "111222333")
        client.get(response["Location"])
        client.post("/api/v1/residents/search/", {"q": "123456782"}, content_type="application/json")
        refused = client.get("/api/v1/residents/", {"q": "123456782"})
    assert refused.status_code == 400
    # the refusal is logged (django.request, "Bad Request: <path>"), without its query string
    assert any(r.name == "django.request" for r in caplog.records)
    for record in caplog.records:
        text = record.getMessage() + " " + json.dumps([str(a) for a in (record.args or ())])
        assert "111222333" not in text and "123456782" not in text, record.name


@pytest.mark.django_db
def test_a_bsn_search_stores_a_keyed_hash_not_the_bsn(world, client):
    client.force_login(world["consulent"])
    client.get(_search(client, "111222333")["Location"])
    client.post("/api/v1/residents/search/", {"q": "111222333"}, content_type="application/json")
    searches = AuditEvent.objects.filter(code="resident.searched")
    assert searches.count() == 2
    for event in AuditEvent.objects.all():
        stored = json.dumps([event.before, event.after, event.purpose, event.object_id])
        assert "111222333" not in stored
    for event in searches:
        assert BSN_PLACEHOLDER in event.after["zoekterm"]
        # the FG checks "was BSN X searched?" by hashing X the same way
        assert event.after["bsn_hash"] == bsn_search_hash("111222333")
        assert event.after["bsn_hash"] != bsn_search_hash("123456782")


def test_a_name_search_is_kept_as_typed():
    assert search_terms_for_audit({"q": "Jansen", "district": ""}) == {"zoekterm": "q=Jansen"}


def test_the_search_hash_depends_on_the_audit_key(settings):
    before = bsn_search_hash("111222333")
    settings.NALEVING_AUDIT_KEY = "another key"
    assert bsn_search_hash("111222333") != before
    assert len(before) == 64
