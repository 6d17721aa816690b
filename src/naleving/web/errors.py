"""The 500 handler: the self-contained error page with the request id as reference.

Django's own handler renders ``500.html`` without any context; ours adds the request id (set by
``RequestIdMiddleware``), which is also in the log line of the error, so a user can quote it and an
administrator can find what happened. It needs no database, no request context and no URL reversing; if
even the template fails, a plain Dutch page with the reference is returned.
"""

import logging

from django.http import HttpResponseServerError
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
