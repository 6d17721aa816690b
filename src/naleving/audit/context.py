"""The request id of the current request, for audit events (set by RequestIdMiddleware)."""

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("naleving_request_id", default="")
