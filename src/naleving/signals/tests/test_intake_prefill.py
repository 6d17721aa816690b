"""The signal form opened from the resident's page (``?inwoner=<id>``): the resident's BSN filled in through
the user's scope, the read logged; someone outside the scope is not found and nothing about them shows."""

import pytest
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.signals.models import Signal

pytestmark = pytest.mark.django_db


def _url(resident_id) -> str:
    return f"{reverse('signals:create')}?inwoner={resident_id}"


def _last_event_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_the_form_is_prefilled_with_a_resident_in_scope_and_the_read_is_logged(client, world):
    jansen = world["jansen"]
    before = _last_event_id()
    client.force_login(world["consulent"])
    response = client.get(_url(jansen.pk))
    assert response.status_code == 200
    assert response.context["form"]["bsn"].value() == jansen.bsn
    body = response.content.decode()
    assert f'value="{jansen.bsn}"' in body and jansen.full_name in body
    events = AuditEvent.objects.filter(id__gt=before)
    assert [(e.code, e.resident_id, e.purpose) for e in events] == [
        ("resident.viewed", jansen.pk, "Signaal registreren over de inwoner")
    ]


def test_a_prefilled_form_still_validates_and_links_the_signal(client, world):
    jansen = world["jansen"]
    client.force_login(world["consulent"])
    data = {
        "origin": "collega",
        "kind": "income",
        "received_on": "2026-03-02",
        "description": "",
        "external_reference": "",
        "bsn": jansen.bsn,
        "subject_name": "",
        "subject_address": "",
    }
    response = client.post(_url(jansen.pk), data)
    assert response.status_code == 200 and "description" in response.context["form"].errors
    assert not Signal.objects.filter(description="Werkt bij de bakker.").exists()
    response = client.post(_url(jansen.pk), {**data, "description": "Werkt bij de bakker."})
    signal = Signal.objects.get(description="Werkt bij de bakker.")
    assert response.status_code == 302 and signal.resident_id == jansen.pk


@pytest.mark.parametrize("who", ["consulent", "handhaver"])
def test_a_resident_outside_the_scope_is_not_found_and_nothing_about_them_shows(client, world, who):
    pietersen = world["pietersen"]
    before = _last_event_id()
    client.force_login(world[who])
    response = client.get(_url(pietersen.pk))
    assert response.status_code == 404
    body = response.content.decode()
    assert pietersen.bsn not in body and "Pietersen" not in body
    assert not AuditEvent.objects.filter(id__gt=before, resident_id=pietersen.pk).exists()


@pytest.mark.parametrize("value", ["abc", "999999999", "-1"])
def test_a_malformed_or_unknown_id_is_not_found(client, world, value):
    client.force_login(world["consulent"])
    assert client.get(_url(value)).status_code == 404


def test_without_the_parameter_the_form_is_blank(client, world):
    client.force_login(world["consulent"])
    response = client.get(reverse("signals:create"))
    assert response.status_code == 200 and not response.context["form"]["bsn"].value()
    assert 'data-testid="prefilled-resident"' not in response.content.decode()
