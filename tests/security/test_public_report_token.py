"""/melden/: the form's timestamp token works once (issue #14). A replayed submission is refused with a
plain Dutch message and stores nothing; each visitor gets their own token, even within the same second."""

import time

import pytest
from django.core.cache import cache

from naleving.signals.intake_forms import started_token
from naleving.signals.models import Signal
from naleving.signals.public_views import TOKEN_USED_MESSAGE

URL = "/melden/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # used tokens and the rate limit live in the cache, which outlives a test
    yield
    cache.clear()


def _report(started: str) -> dict:
    return {
        "kind": "cohabitation",
        "description": "Sinds de zomer woont er een man bij de buurvrouw.",
        "subject_name": "Test Jansen",
        "postcode": "1234 ab",
        "house_number": "1",
        "house_number_suffix": "",
        "reporter_contact": "",
        "website": "",
        "started": started,
    }


@pytest.mark.django_db
def test_a_token_is_accepted_once_and_a_replay_is_refused_and_stores_nothing(client, world):
    token = started_token(time.time() - 60)
    first = client.post(URL, _report(token))
    assert first.status_code == 302
    count = Signal.objects.count()

    replay = client.post(URL, _report(token))

    assert replay.status_code == 200
    assert TOKEN_USED_MESSAGE in replay.content.decode()  # "Dit formulier is al verstuurd ..."
    assert Signal.objects.count() == count


@pytest.mark.django_db
def test_two_visitors_in_the_same_second_each_get_their_own_token(client, world):
    moment = time.time() - 60
    first, second = started_token(moment), started_token(moment)
    assert first != second
    assert client.post(URL, _report(first)).status_code == 302
    assert client.post(URL, _report(second)).status_code == 302
    assert Signal.objects.filter(origin="anonieme_melding", subject_name="Test Jansen").count() == 2


@pytest.mark.django_db
def test_a_form_with_mistakes_keeps_its_token_usable(client, world):
    token = started_token(time.time() - 60)
    wrong = client.post(URL, {**_report(token), "postcode": "12"})
    assert wrong.status_code == 200
    assert client.post(URL, _report(token)).status_code == 302
