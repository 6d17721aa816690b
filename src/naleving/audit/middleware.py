import uuid

from naleving.audit.context import request_id


class RequestIdMiddleware:
    """Give every request an id (or take the proxy's X-Request-ID) so audit events can be grouped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response
