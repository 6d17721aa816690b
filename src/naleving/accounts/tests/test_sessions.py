"""accounts.sessions: Django's database sessions, read by SQL compiled once; the same sessions come back."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db as django_db
from django.utils import timezone

from naleving.accounts.sessions import SessionStore
from naleving.common import compiled


def test_the_project_uses_this_session_store():
    assert settings.SESSION_ENGINE == "naleving.accounts.sessions"


@pytest.mark.django_db
def test_a_session_loads_as_djangos_own_store_loads_it():
    compiled.forget()
    stored = SessionStore()
    stored["naam"] = 'waarde "met" <tekens>'
    stored.create()
    expired = SessionStore()
    expired["naam"] = "verlopen"
    expired.create()
    expired.model.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    for key in (stored.session_key, expired.session_key, "bestaat-niet-0123456789abcdef", ""):
        ours, django = SessionStore(key or None), django_db.SessionStore(key or None)
        assert ours.load() == django.load(), key
        assert ours.session_key == django.session_key, key  # an expired or unknown key is forgotten
    assert SessionStore(stored.session_key).load() == {"naam": 'waarde "met" <tekens>'}
    assert any(name == "accounts.session" for name, *_ in compiled._OBJECTS)


@pytest.mark.django_db
def test_a_signed_in_request_reads_its_session_through_the_store(client, world):
    client.force_login(world["consulent"])
    assert client.get("/").status_code == 200
    assert client.session.__class__ is SessionStore
