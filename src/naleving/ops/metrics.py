"""Prometheus metrics (issue #25) with prometheus-client, the reference client library.

Per request: a counter and a latency histogram labelled by the URL pattern (never the path itself, which
holds record numbers), the method and the status class. Read at scrape time from the database: the task
queue's length, failed tasks, the audit chain's lag (events not yet sealed, age of the newest checkpoint)
and the age of the worker's last heartbeat. Under gunicorn with several workers set
``PROMETHEUS_MULTIPROC_DIR`` (docs/deployment.md): the request metrics of all processes are then summed.
"""

import logging
import os
import time
from collections.abc import Iterator

from django.db.models import Count, Max
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

from naleving.audit.models import AuditEvent, AuditSeal
from naleving.ops.health import checkpoint_age
from naleving.ops.models import Heartbeat

ACCESS = logging.getLogger("naleving.access")
REQUESTS = Counter("naleving_http_requests_total", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "naleving_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "onbekend"
    return match.view_name or "onbekend"


class MetricsMiddleware:
    """Counts and times every request, and writes one access-log line at INFO (``naleving.access``): method,
    path without the query string, URL pattern, status and milliseconds. Paths hold record numbers only
    (no BSN ever goes in a URL, issue #16); the query string is left out, it may hold search words."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        route = _route(request)
        LATENCY.labels(request.method, route).observe(seconds)
        REQUESTS.labels(request.method, route, f"{response.status_code // 100}xx").inc()
        ACCESS.info(
            "%s %s %s %d ms",
            request.method,
            request.path,
            response.status_code,
            round(seconds * 1000),
            extra={"route": route, "status": response.status_code, "duration_ms": round(seconds * 1000, 1)},
        )
        return response


class DatabaseCollector(Collector):
    """Gauges read from the database when Prometheus scrapes (cheap counts on indexed columns)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        counts = dict(
            DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
        )
        queue = GaugeMetricFamily("naleving_tasks", "Background tasks by status", labels=["status"])
        for status in ("READY", "RUNNING", "FAILED", "SUCCESSFUL"):
            queue.add_metric([status.lower()], counts.get(status, 0))
        yield queue
        newest_seal = AuditSeal.objects.aggregate(m=Max("event_id"))["m"] or 0
        yield GaugeMetricFamily(
            "naleving_audit_unsealed_events",
            "Audit events written after the newest sealed one",
            value=AuditEvent.objects.filter(pk__gt=newest_seal).count(),
        )
        age = checkpoint_age()
        yield GaugeMetricFamily(
            "naleving_audit_checkpoint_age_seconds",
            "Seconds since the newest signed audit checkpoint (-1: none)",
            value=-1 if age is None else age,
        )
        last = Heartbeat.objects.aggregate(m=Max("answered_at"))["m"]
        yield GaugeMetricFamily(
            "naleving_worker_heartbeat_age_seconds",
            "Seconds since the background worker last answered a heartbeat (-1: never)",
            value=-1 if last is None else (timezone.now() - last).total_seconds(),
        )


_DATABASE = DatabaseCollector()


def exposition() -> bytes:
    """The metrics in Prometheus' text format: the process's (or all processes') and the database's."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    database = CollectorRegistry()
    database.register(_DATABASE)
    return body + generate_latest(database)
