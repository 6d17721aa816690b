"""The API's resident search: a BSN only in a POST body, never in a query string (issue #16)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

RESIDENTS = "/api/v1/residents/"
SEARCH = "/api/v1/residents/search/"


def _client(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["111222333", "111 222 333", "bsn111222333"])
def test_a_bsn_in_the_query_string_is_refused_with_a_pointer_to_the_post(world, term):
    response = _client(world["consulent"]).get(RESIDENTS, {"q": term})
    assert response.status_code == 400
    [message] = response.json()["q"]
    assert "POST /api/v1/residents/search/" in message
    assert "111222333" not in response.content.decode()


@pytest.mark.django_db
def test_a_bsn_in_any_query_parameter_is_refused(world):
    response = _client(world["consulent"]).get(RESIDENTS, {"page": "111222333"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_names_and_postcodes_still_search_by_get(world):
    api = _client(world["consulent"])
    assert [r["id"] for r in api.get(RESIDENTS, {"q": "Jansen"}).json()["results"]] == [world["jansen"].pk]
    postcode = world["jansen"].postcode
    assert [r["id"] for r in api.get(RESIDENTS, {"q": postcode}).json()["results"]] == [world["jansen"].pk]


@pytest.mark.django_db
def test_a_bsn_search_by_post_finds_in_scope_only(world):
    api = _client(world["consulent"])
    found = api.post(SEARCH, {"q": "111222333"}, format="json")
    assert found.status_code == 200
    assert [r["id"] for r in found.json()["results"]] == [world["jansen"].pk]
    assert found.json()["results"][0]["masked_bsn"] == "*****2333"
    # Pietersen is another team's resident: not found, as if unknown
    assert api.post(SEARCH, {"q": "123456782"}, format="json").json()["results"] == []


@pytest.mark.django_db
def test_the_search_needs_a_term_and_a_role_that_sees_residents(world):
    assert _client(world["consulent"]).post(SEARCH, {}, format="json").status_code == 400
    assert _client(world["beleid"]).post(SEARCH, {"q": "111222333"}, format="json").status_code == 403
    assert APIClient().post(SEARCH, {"q": "111222333"}, format="json").status_code in (401, 403)
