"""The algoritmeregister export against the national register's own v1_0 field model (kept as a fixture with
its source, data/algoritmeregister_v1_0.json), its dates, links and Dutch texts, and the refusal while the
contact address is the example.nl placeholder (service, staff page, command)."""

import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from naleving.controls import algoritmeregister
from naleving.controls.filter_register import filter_approve, filter_update, filters_sync
from naleving.controls.models import Filter, FilterChange, FilterStatus

pytestmark = pytest.mark.django_db

MODEL = json.loads(
    (Path(__file__).parent / "data" / "algoritmeregister_v1_0.json").read_text(encoding="utf-8")
)
PLACEHOLDER = "algoritmeregister@example.nl"


def _text_length(value: str) -> int:
    """The register counts the length without HTML tags (backend/app/schemas/versions.py)."""
    return len(re.sub(r"<[^>]+>", "", value))


def model_errors(data: dict, fields: dict = MODEL["fields"], where: str = "") -> list[str]:
    """Every way ``data`` breaks the field model: unknown or missing fields, empty required ones, values
    outside the permitted ones, texts over their maximum length, and the same for each object in a list."""
    errors = [f"{where}{key}: onbekend veld" for key in data if key not in fields]
    for key, spec in fields.items():
        value = data.get(key)
        if value is None or value == "" or value == []:
            if spec["required"]:
                errors.append(f"{where}{key}: verplicht en leeg")
            continue
        kind = spec["type"]
        if kind == "list_of_objects":
            if not isinstance(value, list):
                errors.append(f"{where}{key}: geen lijst")
                continue
            for i, item in enumerate(value):
                errors += model_errors(item, spec["items"], f"{where}{key}[{i}].")
        elif kind == "array":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors.append(f"{where}{key}: geen lijst van teksten")
            elif "enum" in spec and set(value) - set(spec["enum"]):
                errors.append(f"{where}{key}: niet toegestaan {sorted(set(value) - set(spec['enum']))}")
        else:
            if not isinstance(value, str):
                errors.append(f"{where}{key}: geen tekst")
                continue
            if "enum" in spec and value not in spec["enum"]:
                errors.append(f"{where}{key}: {value!r} niet toegestaan")
            if "max_length" in spec and _text_length(value) > spec["max_length"]:
                errors.append(f"{where}{key}: {_text_length(value)} tekens, max {spec['max_length']}")
    return errors


def _in_use(world, name="voertuigen"):
    filter_ = Filter.objects.get(name=name)
    filter_approve(actor=world["fg"], filter_=filter_, decision="approved", note="DPIA bijgewerkt")
    return filter_update(
        actor=world["analist"], filter_=filter_, owner=world["analist"], status=FilterStatus.IN_GEBRUIK
    )


def _set_change_time(filter_, status, moment):
    FilterChange.objects.filter(filter=filter_, after__status=status).update(at=moment)


def test_the_fixture_names_its_source_and_the_standard_version():
    source = MODEL["source"]
    assert source["repository"] == "https://github.com/MinBZK/Algoritmeregister"
    assert source["path"] == "backend/app/schemas/config/v1_0.json" and len(source["commit"]) == 40
    assert MODEL["standard_version"] == "1.0" and MODEL["fields"]["standard_version"]["enum"] == ["1.0"]
    required = {key for key, spec in MODEL["fields"].items() if spec["required"]}
    assert required == {
        "name",
        "description_short",
        "organization",
        "status",
        "contact_email",
        "publication_category",
        "lang",
    }


def test_every_filters_export_passes_the_v1_0_model(world, settings):
    settings.NALEVING_PUBLIC_URL = "https://naleving.gemeente-test.invalid"
    settings.NALEVING_ALGORITHM_DPIA_URL = "https://gemeente-test.invalid/dpia-themacontroles.pdf"
    filters_sync()
    _in_use(world, "voertuigen")
    ended = _in_use(world, "vermogen")
    filter_update(
        actor=world["analist"], filter_=ended, owner=world["analist"], status=FilterStatus.BUITEN_GEBRUIK
    )
    Filter.objects.filter(name="kostendelers").update(purpose="x" * 5000)  # cut to the standard's limits
    filters = list(Filter.objects.all())
    assert len(filters) == 5
    for filter_ in filters:
        data = algoritmeregister.export(filter_)
        assert model_errors(data) == [], filter_.name
        assert data["standard_version"] == "1.0"
        for key in ("begin_date", "end_date"):
            assert key not in data or re.fullmatch(r"\d{4}-\d{2}", data[key]), (filter_.name, key)
        assert data["website"] == f"https://naleving.gemeente-test.invalid/algoritmes/{filter_.name}/"
        assert data["lawful_basis_grouping"] and all(
            link["link"].startswith("https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=")
            for link in data["lawful_basis_grouping"]
        )
        assert data["impacttoetsen_grouping"] == [
            {
                "title": "Data Protection Impact Assessment (DPIA)",
                "link": settings.NALEVING_ALGORITHM_DPIA_URL,
            }
        ]
        assert data["impacttoetsen"].startswith("DPIA: ")
        assert data["provider"] == settings.NALEVING_ORGANISATION
        assert "Gevolg voor inwoners" in data["goal"]
        assert "Overwogen alternatieven" in data["proportionality"]
        # the data and the method in Dutch: no column names, no English sentences of the engine
        for key in ("source_data", "methods_and_models"):
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", data[key]), (filter_.name, key, data[key])
            for english in ("Active clients", " whose ", " the ", " reference date"):
                assert english not in data[key], (filter_.name, key, english)
    vermogen = algoritmeregister.export(Filter.objects.get(name="vermogen"))
    assert "banksaldi" in vermogen["source_data"] and "saldo" in vermogen["source_data"]
    assert "vermogensgrens" in vermogen["methods_and_models"]
    assert {"title": "Participatiewet, artikel 34 lid 3 (vermogensgrens)", "link": (
        "https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=34&lid=3"
    )} in vermogen["lawful_basis_grouping"]  # fmt: skip


def test_begin_and_end_dates_come_from_the_status_history(world):
    filters_sync()
    filter_ = _in_use(world)
    moment = timezone.make_aware(datetime(2026, 1, 15, 10))
    _set_change_time(filter_, FilterStatus.IN_GEBRUIK, moment)
    data = algoritmeregister.entry(filter_)
    assert (data["status"], data["begin_date"]) == ("In gebruik", "2026-01") and "end_date" not in data
    filter_update(
        actor=world["analist"], filter_=filter_, owner=world["analist"], status=FilterStatus.BUITEN_GEBRUIK
    )
    _set_change_time(filter_, FilterStatus.BUITEN_GEBRUIK, timezone.make_aware(datetime(2026, 9, 2, 10)))
    filter_.refresh_from_db()
    data = algoritmeregister.entry(filter_)
    assert (data["status"], data["begin_date"], data["end_date"]) == ("Buiten gebruik", "2026-01", "2026-09")
    never = Filter.objects.get(name="kostendelers")
    assert "begin_date" not in algoritmeregister.entry(never) and "end_date" not in algoritmeregister.entry(
        never
    )


def test_without_a_published_dpia_the_entry_says_so(world, settings):
    settings.NALEVING_ALGORITHM_DPIA_URL = ""
    filters_sync()
    data = algoritmeregister.entry(Filter.objects.get(name="voertuigen"))
    assert "impacttoetsen_grouping" in data and data["impacttoetsen_grouping"] == []
    assert (
        data["impacttoetsen"].startswith("DPIA: ") and "niet openbaar gepubliceerd" in data["impacttoetsen"]
    )


def test_the_placeholder_contact_address_is_refused_everywhere(world, client, settings):
    settings.NALEVING_ALGORITHM_CONTACT_EMAIL = PLACEHOLDER
    filters_sync()
    filter_ = Filter.objects.get(name="voertuigen")
    with pytest.raises(ValidationError, match="NALEVING_ALGORITHM_CONTACT_EMAIL") as refused:
        algoritmeregister.export(filter_)
    assert "voorbeeldadres algoritmeregister@example.nl" in refused.value.messages[0]

    client.force_login(world["analist"])
    response = client.get(reverse("controls:register_export", args=["voertuigen"]))
    assert response.status_code == 302 and response.url == reverse(
        "controls:filter_detail", args=["voertuigen"]
    )
    assert any("voorbeeldadres" in str(m) for m in get_messages(response.wsgi_request))

    with pytest.raises(CommandError, match="voorbeeldadres") as caught:
        call_command("algoritmeregister", "voertuigen", stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.returncode == 2

    # residents do not get the placeholder to mail to
    client.logout()
    page = Client().get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert "example.nl" not in page and "Neem contact op met de gemeente" in page

    settings.NALEVING_ALGORITHM_CONTACT_EMAIL = "algoritmes@demostad.nl"
    client.force_login(world["analist"])
    response = client.get(reverse("controls:register_export", args=["voertuigen"]))
    assert (
        response.status_code == 200
        and json.loads(response.content)["contact_email"] == "algoritmes@demostad.nl"
    )
    assert json.loads(response.content)["website"] == "http://testserver/algoritmes/voertuigen/"


def test_the_command_prints_the_entries(world, settings):
    settings.NALEVING_PUBLIC_URL = ""
    filters_sync()
    _in_use(world)
    out, err = io.StringIO(), io.StringIO()
    call_command("algoritmeregister", stdout=out, stderr=err)
    entries = json.loads(out.getvalue())
    assert [e["name"] for e in entries] == ["Themacontrole Meerdere voertuigen op naam"]
    assert model_errors(entries[0]) == [] and "website" not in entries[0]
    assert "NALEVING_PUBLIC_URL" in err.getvalue()
    out = io.StringIO()
    call_command("algoritmeregister", "brp_adres", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue())["status"] == "In ontwikkeling"
    with pytest.raises(CommandError, match="Onbekend filter: bestaat_niet"):
        call_command("algoritmeregister", "bestaat_niet", stdout=io.StringIO(), stderr=io.StringIO())
