import re
import uuid

from naleving.audit.context import request_id

#: A UUID, with or without hyphens: what our proxy sends and what we generate.
_UUID = re.compile(
    r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE
)


def accepted_request_id(header: str) -> str:
    """The client's X-Request-ID when it is a UUID (lowercased), else a new one.

    The id lands in every audit event, the logs and the 500 page; free text from a client there could
    forge log lines, spoof another request's reference or carry markup, so only a UUID is taken."""
    header = header.strip()
    return header.lower() if _UUID.fullmatch(header) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Give every request an id (or take the proxy's X-Request-ID) so audit events can be grouped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = accepted_request_id(request.headers.get("X-Request-ID", ""))
        request.request_id = rid
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response
