"""The OpenAPI schema builds without warnings and validates against the OpenAPI 3 specification."""

import pytest
import yaml
from django.core.management import call_command
from rest_framework.authtoken.models import Token


@pytest.mark.django_db
def test_openapi_schema_validates(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert schema["info"]["title"] == "Naleving API"
    assert "/api/v1/residents/" in schema["paths"]
    # A BSN search goes by POST, with the BSN in the body; GET ?q= is for names and postcodes (issue #16).
    search = schema["paths"]["/api/v1/residents/search/"]
    assert set(search) == {"post"}
    assert "q" in str(search["post"]["requestBody"])
    listing = schema["paths"]["/api/v1/residents/"]["get"]
    assert "400" in listing["responses"]
    assert any(p["name"] == "q" and "Geen BSN" in p["description"] for p in listing["parameters"])
    assert "/api/v1/decisions/evaluate" in schema["paths"]


@pytest.mark.django_db
def test_schema_is_for_signed_in_staff_and_token_holders_only(client, world):
    # The schema maps every endpoint and field (issue #14): suppliers get it with their API token.
    assert client.get("/api/v1/schema/").status_code in (401, 403)
    assert client.get("/api/v1/residents/").status_code in (401, 403)
    client.force_login(world["consulent"])
    assert client.get("/api/v1/schema/").status_code == 200
    client.logout()
    token = Token.objects.create(user=world["handhaver"])
    assert client.get("/api/v1/schema/", headers={"Authorization": f"Token {token.key}"}).status_code == 200
