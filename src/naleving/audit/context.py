"""The request id of the current request, for audit events (set by RequestIdMiddleware)."""

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("naleving_request_id", default="")


class RequestIdLogFilter:
    """Adds ``request_id`` to every log record, so the reference a user reads on an error page (or in a
    Dutch error message) finds the log lines of that request."""

    def filter(self, record) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get() or "-"
        return True
