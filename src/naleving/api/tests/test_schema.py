"""The OpenAPI schema builds without warnings and validates against the OpenAPI 3 specification."""

import pytest
import yaml
from django.core.management import call_command


@pytest.mark.django_db
def test_openapi_schema_validates(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert schema["info"]["title"] == "Naleving API"
    assert "/api/v1/residents/" in schema["paths"]
    assert "/api/v1/decisions/evaluate" in schema["paths"]


@pytest.mark.django_db
def test_schema_is_public_but_data_is_not(client, world):
    # The schema describes the API and holds no personal data, so suppliers can read it without an account.
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/residents/").status_code in (401, 403)
