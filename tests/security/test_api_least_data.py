"""Least data through the API (issue #14): lists show what the web lists show (masked BSN, birth year),
full values only on a detail read, which is logged; and every caller is throttled."""

from unittest import mock

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from naleving.audit.models import AuditEvent

RESIDENTS = "/api/v1/residents/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the throttles count in the cache, which outlives a test
    yield
    cache.clear()


def _token_client(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.mark.django_db
def test_resident_list_gives_a_masked_bsn_and_the_birth_year_only(world):
    jansen = world["jansen"]
    response = _token_client(world["consulent"]).get(RESIDENTS)
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["id"] == jansen.pk
    assert row["masked_bsn"] == "*****2333"
    assert row["birth_year"] == 1985
    assert "bsn" not in row and "birth_date" not in row
    assert jansen.bsn not in response.content.decode()
    assert "1985-05-17" not in response.content.decode()


@pytest.mark.django_db
def test_resident_search_by_bsn_still_works_without_echoing_it(world):
    jansen = world["jansen"]
    response = _token_client(world["consulent"]).post(f"{RESIDENTS}search/", {"q": jansen.bsn}, format="json")
    assert [row["id"] for row in response.json()["results"]] == [jansen.pk]
    assert '"masked_bsn":"*****2333"' in response.content.decode().replace(" ", "")


@pytest.mark.django_db
def test_full_values_only_on_the_detail_read_which_is_logged(world):
    jansen = world["jansen"]
    before = AuditEvent.objects.filter(code="resident.viewed", resident_id=jansen.pk).count()
    response = _token_client(world["consulent"]).get(f"{RESIDENTS}{jansen.pk}/")
    assert response.status_code == 200
    assert response.json()["bsn"] == jansen.bsn
    assert response.json()["birth_date"] == "1985-05-17"
    assert AuditEvent.objects.filter(code="resident.viewed", resident_id=jansen.pk).count() == before + 1


def _rates(user: str, anon: str):
    # The throttles read their rates once, when DRF loads; patch them where they are kept.
    return mock.patch.object(SimpleRateThrottle, "THROTTLE_RATES", {"user": user, "anon": anon})


@pytest.mark.django_db
def test_api_calls_are_throttled_per_user(world):
    consulent, teamleider = _token_client(world["consulent"]), _token_client(world["teamleider"])
    with _rates(user="3/hour", anon="100/hour"):
        assert [consulent.get(RESIDENTS).status_code for _ in range(3)] == [200, 200, 200]
        refused = consulent.get(RESIDENTS)
        assert refused.status_code == 429
        assert "Retry-After" in refused.headers
        assert teamleider.get(RESIDENTS).status_code == 200  # per user, not for everyone


@pytest.mark.django_db
def test_api_throttles_are_configured_for_users_and_anonymous_callers(settings):
    from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

    classes = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert f"{UserRateThrottle.__module__}.UserRateThrottle" in classes
    assert f"{AnonRateThrottle.__module__}.AnonRateThrottle" in classes
    assert set(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]) == {"user", "anon"}


@pytest.mark.django_db
def test_calls_without_a_valid_token_are_throttled_per_address(world):
    # Refused calls count too, so guessing tokens or probing the API without one is limited.
    anonymous, guesser = APIClient(REMOTE_ADDR="192.0.2.7"), APIClient(REMOTE_ADDR="192.0.2.8")
    guesser.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    with _rates(user="100/hour", anon="2/hour"):
        assert [anonymous.get(RESIDENTS).status_code for _ in range(3)] == [401, 401, 429]
        assert [guesser.post("/api/v1/signals/", {}).status_code for _ in range(3)] == [401, 401, 429]
        assert _token_client(world["consulent"]).get(RESIDENTS).status_code == 200
