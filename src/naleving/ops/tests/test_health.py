"""The probes (issue #25): live without login, ready naming each failing dependency, metrics."""

import json
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from naleving.accounts.tests.factories import UserFactory
from naleving.ops import health
from naleving.ops.models import Heartbeat
from naleving.ops.tasks import heartbeat

pytestmark = pytest.mark.django_db
TOKEN = "probe-token-for-tests-0123456789"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture
def healthy(tmp_path, settings):
    """A checkpoint written just now and a heartbeat answered just now."""
    settings.NALEVING_AUDIT_ANCHOR_DIR = tmp_path
    settings.NALEVING_OPS_TOKEN = TOKEN
    now = datetime.now(UTC).isoformat(timespec="seconds")
    (tmp_path / "checkpoints.jsonl").write_text(json.dumps({"seq": 1, "created_at": now}) + "\n")
    Heartbeat.objects.create(enqueued_at=timezone.now(), answered_at=timezone.now(), worker="test:1")
    return tmp_path


def _ready(client, **headers):
    response = client.get("/gezondheid/ready", **(headers or AUTH))
    return response, (response.json() if response["Content-Type"].startswith("application/json") else None)


def test_live_answers_without_login_and_without_the_database(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=AssertionError("no db")):
        response = client.get("/gezondheid/live")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_ready_is_not_there_without_the_token_or_the_permission(client, healthy):
    assert client.get("/gezondheid/ready").status_code == 404
    assert client.get("/gezondheid/ready", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    client.force_login(UserFactory(consulent=True))
    assert client.get("/gezondheid/ready").status_code == 404
    client.force_login(UserFactory(beheerder=True))
    assert client.get("/gezondheid/ready").status_code in (200, 503)


def test_ready_when_everything_answers(client, healthy):
    response, body = _ready(client)
    names = [check["name"] for check in body["checks"]]
    assert names == ["database", "cache", "migrations", "worker", "audit_checkpoint", "amounts"]
    statuses = {check["name"]: check["status"] for check in body["checks"]}
    assert all(statuses[name] == "ok" for name in names if name != "amounts")
    assert response.status_code == (503 if statuses["amounts"] == "fout" else 200)


@pytest.mark.parametrize(
    ("name", "breaks"),
    [
        (
            "database",
            lambda: mock.patch.object(health, "connection", mock.Mock(cursor=mock.Mock(side_effect=OSError))),
        ),
        ("cache", lambda: mock.patch.object(health.cache, "get", return_value=None)),
        (
            "migrations",
            lambda: mock.patch.object(
                health.MigrationExecutor,
                "migration_plan",
                return_value=[(mock.Mock(app_label="x", name="0002_y"), False)],
            ),
        ),
        (
            "amounts",
            lambda: mock.patch.object(
                health,
                "parameter_warning",
                return_value=mock.Mock(
                    missing_today=True, groups=(mock.Mock(sentence="Bijstandsnormen: geen waarde"),)
                ),
            ),
        ),
    ],
)
def test_each_failing_dependency_fails_ready_with_its_name(client, healthy, name, breaks):
    with breaks():
        response, body = _ready(client)
    assert response.status_code == 503
    assert name in body["failed"]


def test_a_stale_checkpoint_fails_ready(client, healthy):
    old = (datetime.now(UTC) - timedelta(hours=2)).isoformat(timespec="seconds")
    (healthy / "checkpoints.jsonl").write_text(json.dumps({"seq": 1, "created_at": old}) + "\n")
    response, body = _ready(client)
    assert response.status_code == 503 and "audit_checkpoint" in body["failed"]
    (healthy / "checkpoints.jsonl").unlink()
    response, body = _ready(client)
    assert "audit_checkpoint" in body["failed"]


def test_a_silent_worker_fails_ready_and_a_running_one_answers_the_ping(client, healthy):
    Heartbeat.objects.update(answered_at=timezone.now() - timedelta(minutes=10))
    response, body = _ready(client)
    assert response.status_code == 503 and "worker" in body["failed"]
    # The probe queued a ping; a worker that runs it makes the next probe pass.
    ping = DBTaskResult.objects.get(task_path=health.HEARTBEAT_TASK, status="READY")
    heartbeat.call(**ping.args_kwargs["kwargs"])
    response, body = _ready(client)
    assert "worker" not in body["failed"]
    # Only one ping waits at a time, however often the probe asks.
    for _ in range(3):
        _ready(client)
    assert DBTaskResult.objects.filter(task_path=health.HEARTBEAT_TASK, status="READY").count() == 1


def test_metrics_lists_requests_queue_and_audit_lag(client, healthy):
    client.get("/gezondheid/live")
    assert client.get("/metrics").status_code == 404
    response = client.get("/metrics", **AUTH)
    text = response.content.decode()
    assert response.status_code == 200
    assert 'naleving_http_requests_total{method="GET",route="ops:live",status="2xx"}' in text
    for name in (
        "naleving_http_request_duration_seconds_bucket",
        'naleving_tasks{status="ready"}',
        "naleving_audit_unsealed_events",
        "naleving_audit_checkpoint_age_seconds",
        "naleving_worker_heartbeat_age_seconds",
    ):
        assert name in text, name


def test_no_answer_holds_personal_data(client, healthy):
    from naleving.residents.tests.factories import ResidentFactory

    resident = ResidentFactory()
    for url in ("/gezondheid/live", "/gezondheid/ready", "/metrics"):
        body = client.get(url, **AUTH).content.decode()
        assert resident.bsn not in body and resident.family_name not in body
