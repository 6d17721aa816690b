"""The public report page /melden/: anonymous, spam-resistant, rate-limited, and nothing about the reporter
is kept unless they choose to give it."""

import re
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.signals.intake_forms import started_token
from naleving.signals.models import Signal
from naleving.signals.public_views import RATE_LIMIT

URL = "/melden/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the rate limit lives in the cache, which outlives a test
    yield
    cache.clear()


def _report(**overrides):
    data = {
        "kind": "cohabitation",
        "description": "Sinds de zomer woont er een man bij de buurvrouw. Hij parkeert elke avond zijn busje voor de deur.",
        "subject_name": "Test Jansen",
        "postcode": "1234 ab",
        "house_number": "1",
        "house_number_suffix": "",
        "reporter_contact": "",
        "website": "",
        "started": started_token(time.time() - 60),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_page_is_open_to_everyone_and_explains_what_happens(client):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("melden:report") == URL
    for text in (
        "U meldt anoniem",
        "Wat gebeurt er met uw melding?",
        "Een melding is geen bewijs",
        "IP-adres",
    ):
        assert text in body
    assert "Ik wil dat de gemeente contact met mij kan opnemen" in body
    assert 'name="website"' in body and 'name="started"' in body  # honeypot and signed timestamp
    # Works without JavaScript: a plain form posted to this page.
    assert re.search(r'<form method="post" class="nl-form" novalidate>', body)


@pytest.mark.django_db
def test_report_is_stored_anonymously_and_the_receipt_gives_a_number(client, world):
    response = client.post(URL, _report(contact_allowed="", reporter_contact="06-11112222"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("melden:receipt"))
    signal = Signal.objects.get(origin="anonieme_melding", subject_name="Test Jansen")
    assert signal.registered_by is None and signal.received_on == timezone.localdate()
    assert signal.kind == "cohabitation" and signal.subject_address == "Postcode 1234AB, huisnummer 1"
    assert signal.reporter_contact == ""  # typed, but the reporter did not tick the box
    # Name and address match Jansen of the world fixture: a public report is never linked by itself.
    assert signal.resident is None and signal.subject_bsn == ""
    receipt = client.get(response["Location"]).content.decode()
    reference = f"M-{signal.received_on.year}-{signal.pk:06d}"
    assert reference in receipt and "Wat gebeurt er nu?" in receipt
    event = AuditEvent.objects.get(code="signal.registered", object_id=str(signal.pk))
    assert event.actor_id is None and event.actor_name == ""


@pytest.mark.django_db
def test_the_ip_address_is_stored_nowhere(client, world):
    client.post(URL, _report(), REMOTE_ADDR="203.0.113.77")
    signal = Signal.objects.get(origin="anonieme_melding", subject_name="Test Jansen")
    stored = [str(v) for v in Signal.objects.filter(pk=signal.pk).values().first().values()]
    for event in AuditEvent.objects.all():
        stored += [str(event.after), str(event.before), event.purpose, event.actor_name]
    assert not any("203.0.113.77" in value for value in stored)
    keys = _cache_keys()
    assert keys and not any("203.0.113.77" in key for key in keys)  # only a keyed hash


@pytest.mark.django_db
def test_reporter_contact_is_kept_only_when_they_choose_to_give_it(client, world):
    client.post(
        URL, _report(contact_allowed="on", reporter_contact="buurman@example.org", house_number_suffix="a")
    )
    signal = Signal.objects.get(origin="anonieme_melding", registered_by=None, subject_name="Test Jansen")
    assert signal.reporter_contact == "buurman@example.org"
    assert signal.subject_address == "Postcode 1234AB, huisnummer 1 a"


@pytest.mark.django_db
def test_ticking_the_box_without_contact_details_asks_for_them(client, world):
    response = client.post(URL, _report(contact_allowed="on", reporter_contact=""))
    assert response.status_code == 200
    assert "Vul uw telefoonnummer of e-mailadres in, of zet het vakje uit." in response.content.decode()
    assert not Signal.objects.filter(origin="anonieme_melding", subject_name="Test Jansen").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": ""}, "Kies waar uw melding over gaat."),
        ({"kind": "detention"}, "Kies een van de mogelijkheden hieronder."),
        ({"description": ""}, "Schrijf op wat er aan de hand is."),
        ({"description": "x" * 2001}, "Uw tekst is te lang. Gebruik maximaal 2000 tekens."),
        ({"postcode": "12345"}, "Vul een postcode in zoals 1234 AB"),
        ({"postcode": ""}, "Vul de postcode in."),
        ({"house_number": "12a"}, "Vul alleen het nummer in"),
        ({"subject_name": "n" * 201}, "200"),
    ],
)
def test_bad_input_gets_a_plain_message_and_keeps_what_was_typed(client, world, overrides, message):
    response = client.post(URL, _report(**overrides))
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert "Uw melding is nog niet verstuurd" in body
    if "description" not in overrides:
        assert "busje voor de deur" in body
    assert not Signal.objects.filter(origin="anonieme_melding", subject_name="Test Jansen").exists()


@pytest.mark.django_db
def test_honeypot_stops_robots(client, world):
    response = client.post(URL, _report(website="http://spam.example"))
    assert response.status_code == 200
    assert (
        "Laat het veld &#x27;Laat dit veld leeg&#x27; leeg en verstuur het opnieuw"
        in response.content.decode()
    )
    assert not Signal.objects.filter(origin="anonieme_melding", subject_name="Test Jansen").exists()


@pytest.mark.django_db
def test_a_submission_within_three_seconds_is_refused_until_a_person_could_have_typed_it(client, world):
    token = re.search(r'name="started" value="([^"]+)"', client.get(URL).content.decode()).group(1)
    response = client.post(URL, _report(started=token))
    assert "U verstuurde het formulier erg snel" in response.content.decode()
    assert not Signal.objects.filter(origin="anonieme_melding", subject_name="Test Jansen").exists()
    # The form keeps the original time, so sending it again a little later works.
    again = re.search(r'name="started" value="([^"]+)"', response.content.decode()).group(1)
    assert again == token


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("started", "message"),
    [
        ("three hours old", "langer dan 2 uur open"),
        ("123:vervalst", "Uw melding is niet verstuurd. Probeer het opnieuw."),
        ("", "Uw melding is niet verstuurd. Probeer het opnieuw."),
    ],
    ids=["expired", "forged", "missing"],
)
def test_an_old_or_forged_timestamp_is_refused_and_renewed(client, world, started, message):
    if started == "three hours old":
        started = started_token(time.time() - 3 * 60 * 60)
    response = client.post(URL, _report(started=started))
    body = response.content.decode()
    assert message in body
    assert "busje voor de deur" in body  # what was typed stays
    renewed = re.search(r'name="started" value="([^"]+)"', body).group(1)
    assert renewed and renewed != started
    assert not Signal.objects.filter(origin="anonieme_melding", subject_name="Test Jansen").exists()


@pytest.mark.django_db
def test_rate_limit_per_client(client, world):
    for n in range(RATE_LIMIT):
        assert client.post(URL, _report(subject_name=f"Persoon {n}")).status_code == 302
    blocked = client.post(URL, _report(subject_name="Persoon 6"))
    assert blocked.status_code == 429
    assert "U kunt nu even geen melding doen" in blocked.content.decode()
    assert (
        Signal.objects.filter(origin="anonieme_melding", subject_name__startswith="Persoon").count()
        == RATE_LIMIT
    )
    # Another client is not affected.
    assert client.post(URL, _report(subject_name="Ander"), REMOTE_ADDR="198.51.100.4").status_code == 302


@pytest.mark.django_db
def test_the_limit_is_shared_by_every_web_process(client, world):
    """The count lives in the database cache table (made by migration web.0001), not in one process's
    memory: a second process (here: a fresh cache connection) sees the same count."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connection

    assert isinstance(caches["default"], DatabaseCache)
    assert "naleving_cache" in connection.introspection.table_names()
    for n in range(RATE_LIMIT):
        client.post(URL, _report(subject_name=f"Persoon {n}"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM naleving_cache WHERE cache_key LIKE %s", [":1:melden:%"])
        assert cursor.fetchone()[0] == 1
    other_process = DatabaseCache("naleving_cache", {})
    # the rate count, not the spent form tokens ("melden-used:...") next to it
    (key,) = (key.removeprefix(":1:") for key in _cache_keys() if key.startswith(":1:melden:"))
    assert other_process.get(key) == RATE_LIMIT


def _cache_keys():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM naleving_cache")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_robot_attempts_count_towards_the_limit(client, world):
    for _ in range(RATE_LIMIT):
        client.post(URL, _report(website="spam"))
    assert client.post(URL, _report()).status_code == 429


@pytest.mark.django_db
def test_script_is_stored_as_text_and_shown_escaped(client, world):
    script = "<script>alert('melding')</script>"
    client.post(URL, _report(description=f"Let op {script}", subject_name=script))
    signal = Signal.objects.get(origin="anonieme_melding", subject_name=script)
    assert signal.description == f"Let op {script}" and signal.subject_name == script
    client.force_login(world["handhaver"])  # may triage, so sees unlinked reports
    body = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert "&lt;script&gt;alert(&#x27;melding&#x27;)&lt;/script&gt;" in body
    assert script not in body
    # Staff see the number the reporter got, to match a caller to the report.
    assert f"M-{signal.received_on.year}-{signal.pk:06d}" in body
    # Also on the form shown again after an error.
    client.logout()
    body = client.post(URL, _report(description=script, postcode="")).content.decode()
    assert script not in body and "&lt;script&gt;" in body


@pytest.mark.django_db
def test_receipt_without_a_valid_proof_goes_back_to_the_form(client):
    assert client.get(reverse("melden:receipt")).status_code == 302
    forged = client.get(reverse("melden:receipt") + "?bewijs=M-2026-000001")
    assert forged.status_code == 302 and forged["Location"] == URL
