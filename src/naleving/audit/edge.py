"""Reads of personal data, logged in one place: at the edge.

A view, API endpoint, export or PDF declares which residents it shows and why with :func:`shows`;
:class:`ReadLogMiddleware` writes those declarations to the audit chain once the response is ready.
Selectors stay pure reads. Only a response that actually shows something (status below 400) is logged,
so a 404 or a refusal writes no read event. The write happens after the view, outside its transactions,
so a write of the same request that rolls back does not take the read event with it.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model

from naleving.audit.services import AuditEntry, audit_record_reads

_ATTRIBUTE = "_naleving_reads"


@dataclass(frozen=True)
class Read:
    """One declared read: what was shown (``code``), of which resident, and why."""

    code: str
    purpose: str
    resident_id: int | None = None
    obj: Model | None = None
    after: dict[str, Any] | None = field(default=None)


def _django_request(request):
    # DRF wraps the HttpRequest; declarations live on the underlying one, where the middleware looks.
    return getattr(request, "_request", request)


def shows(
    request,
    *,
    purpose: str,
    code: str = "resident.viewed",
    resident_id: int | None = None,
    obj: Model | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Declare that this response shows personal data: ``code`` names what, ``purpose`` why."""
    reads = _django_request(request).__dict__.setdefault(_ATTRIBUTE, [])
    reads.append(Read(code=code, purpose=purpose, resident_id=resident_id, obj=obj, after=after))


def shows_residents(
    request,
    resident_ids,
    *,
    purpose: str,
    code: str = "resident.list_viewed",
    after: dict[str, Any] | None = None,
) -> None:
    """Declare that this response lists these residents (a list or work queue): one read per resident, so
    "who saw resident X" finds the list too. Empty ids (rows without a resident) are skipped."""
    for resident_id in dict.fromkeys(i for i in resident_ids if i):
        shows(request, code=code, purpose=purpose, resident_id=resident_id, after=after)


def declared_reads(request) -> list[Read]:
    """What the request has declared so far (for tests and for the middleware)."""
    return list(_django_request(request).__dict__.get(_ATTRIBUTE, []))


class ReadLogMiddleware:
    """Write every read the view declared, after the view, for responses that show something."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        reads = request.__dict__.pop(_ATTRIBUTE, [])
        if reads and response.status_code < 400:
            # One bulk insert for all of the request's reads, whatever their codes: a list of 25 residents and
            # its search draw 26 ids in one query and commit once. No lock is taken (ADR 0019).
            entries = [
                AuditEntry(
                    code=r.code, obj=r.obj, resident_id=r.resident_id, purpose=r.purpose, after=r.after
                )
                for r in reads
            ]
            audit_record_reads(actor=request.user, entries=entries)
        return response
