"""Logs (issue #25): JSON lines with the request id, no BSN whatever a message or exception holds."""

import io
import json
import logging
import logging.config

import pytest
from django.conf import settings

from naleving.audit.context import request_id
from naleving.ops.logs import redact

BSN = "111222333"


@pytest.fixture
def json_log():
    """The project's LOGGING, with the JSON formatter (as in production) writing to a buffer."""
    config = {**settings.LOGGING, "handlers": {**settings.LOGGING["handlers"]}}
    config["handlers"]["console"] = {**config["handlers"]["console"], "formatter": "json"}
    logging.config.dictConfig(config)
    handler = logging.getLogger().handlers[0]
    buffer = io.StringIO()
    handler.setStream(buffer)
    yield buffer
    logging.config.dictConfig(settings.LOGGING)


def test_a_line_is_json_with_the_request_id_and_without_the_bsn(json_log):
    token = request_id.set("6f1c2d3e-0000-4000-8000-000000000001")
    try:
        logging.getLogger("naleving.test").warning("zoekopdracht %s gaf %d treffers", BSN, 3)
        try:
            raise ValueError(f"BSN {BSN} onbekend")
        except ValueError:
            logging.getLogger("naleving.test").exception("mislukt voor %s", BSN)
    finally:
        request_id.reset(token)
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert lines[0]["message"] == "zoekopdracht [BSN] gaf 3 treffers"
    assert lines[0]["request_id"] == "6f1c2d3e-0000-4000-8000-000000000001"
    assert lines[0]["level"] == "WARNING" and lines[0]["logger"] == "naleving.test"
    assert BSN not in json_log.getvalue()
    assert "ValueError" in lines[1]["exc_info"]


def test_redaction_leaves_other_numbers_alone():
    assert redact(f"{BSN} 1234567890 12345678 ref-{BSN}x") == "[BSN] 1234567890 12345678 ref-[BSN]x"


@pytest.mark.django_db
def test_a_refusal_is_one_line_without_its_traceback_and_an_error_keeps_its_own(json_log, client, world):
    """A page the role may not open logs its path and 403, not the PermissionDenied's traceback."""
    from naleving.testing.fixtures import PASSWORD

    client.post("/account/inloggen/", {"username": world["analist"].username, "password": PASSWORD})
    assert client.get("/signalen/").status_code == 403
    refusal = [json.loads(line) for line in json_log.getvalue().splitlines() if "Forbidden" in line]
    assert len(refusal) == 1 and refusal[0]["level"] == "WARNING"
    assert refusal[0]["message"] == "Forbidden (Permission denied): /signalen/"
    assert "exc_info" not in refusal[0] and "Traceback" not in json_log.getvalue()
    try:
        raise RuntimeError("kapot")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /x/", extra={"status_code": 500}, exc_info=True
        )
    assert "RuntimeError" in json.loads(json_log.getvalue().splitlines()[-1])["exc_info"]
