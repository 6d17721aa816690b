"""Health probes and metrics for the operator (issue #25). No personal data in any answer.

``/gezondheid/live``: the process answers (no database, no login) — for the liveness probe.
``/gezondheid/ready``: every dependency (``health.readiness``); 503 when one fails, naming it.
``/metrics``: Prometheus text format.
Ready and metrics answer a bearer token (``NALEVING_OPS_TOKEN``, for the probe and the scraper) or a signed-in
user with ``ops.view_health``; anyone else gets 404, so their existence is not advertised.
"""

import hmac

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from naleving.ops.health import ERROR, readiness
from naleving.ops.metrics import exposition
from naleving.ops.permissions import VIEW_HEALTH


def _allowed(request) -> bool:
    token = settings.NALEVING_OPS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and given.startswith("Bearer ") and hmac.compare_digest(given.removeprefix("Bearer "), token):
        return True
    return bool(request.user.is_authenticated and request.user.has_perm(VIEW_HEALTH))


@require_GET
@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def ready(request):
    if not _allowed(request):
        raise Http404
    checks = readiness()
    failed = [check.name for check in checks if check.status == ERROR]
    body = {"status": "fout" if failed else "ok", "failed": failed, "checks": [c.as_json() for c in checks]}
    return JsonResponse(body, status=503 if failed else 200)


@require_GET
@never_cache
def metrics(request):
    if not _allowed(request):
        raise Http404
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
