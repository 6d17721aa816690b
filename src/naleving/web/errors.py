"""The error handlers: self-contained Dutch pages for 400, 403, 404 and 500 (urls.py wires them).

The 400, 403 and 404 pages render without the request context (no navigation, no user, no database), like
the 500 page, so they look the same whatever went wrong, and a 404 costs no queries.

Django's own handler renders ``500.html`` without any context; ours adds the request id (set by
``RequestIdMiddleware``), which is also in the log line of the error, so a user can quote it and an
administrator can find what happened. It needs no database, no request context and no URL reversing; if
even the template fails, a plain Dutch page with the reference is returned.
"""

import logging

from django.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.utils.html import escape

from naleving.audit.context import request_id

logger = logging.getLogger(__name__)

FALLBACK = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Er ging iets mis · Naleving</title>'
    "</head><body><h1>Er ging iets mis</h1><p>Probeer het later opnieuw. Referentie: {reference}</p>"
    "</body></html>"
)


def server_error(request, template_name: str = "500.html"):
    reference = getattr(request, "request_id", "") or request_id.get() or "onbekend"
    try:
        html = loader.get_template(template_name).render({"request_id": reference})
    except Exception:
        logger.exception("The 500 page could not be rendered")
        html = FALLBACK.format(reference=escape(reference))
    return HttpResponseServerError(html)


def _page(response_class, template_name: str):
    return response_class(loader.get_template(template_name).render({}))


def bad_request(request, exception=None, template_name: str = "400.html"):
    return _page(HttpResponseBadRequest, template_name)


def permission_denied(request, exception=None, template_name: str = "403.html"):
    return _page(HttpResponseForbidden, template_name)


def page_not_found(request, exception=None, template_name: str = "404.html"):
    return _page(HttpResponseNotFound, template_name)
