"""The public pages every page links to in its footer: the toegankelijkheidsverklaring, the privacy statement
and the contact details of the municipality (no login), and which municipality a request is about.

An installation can serve several municipalities (ADR 0021): a staff member sees the ones they work for, a
resident (no account) sees all of them, each with its own contact details.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.selectors import (
    gemeenten_all,
    gemeenten_of,
    header_gemeenten,
    header_organisation_name,
    works_for_all,
)
from naleving.retention.terms import EVENTS, terms_load

#: the date of the toegankelijkheidsverklaring (update it with the statement)
STATEMENT_DATE = date(2026, 12, 3)


def request_gemeenten(request) -> list[Gemeente]:
    """The municipalities a page is about: the user's (when they work for some), else all of them."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        mine = list(gemeenten_of(user))
        if mine:
            return mine
    return list(gemeenten_all())


@dataclass
class Branding:
    """The name and logo in the header, read from the database only when a page shows them."""

    request: object

    @cached_property
    def gemeente(self) -> Gemeente | None:
        """The request's municipality when there is exactly one, else None (the organisation's name shows).
        Whoever works for every municipality (or has no account) sees them all: that list is kept a while."""
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated and not works_for_all(user):
            rows = request_gemeenten(self.request)
        else:
            rows = header_gemeenten()
        return rows[0] if len(rows) == 1 else None

    @cached_property
    def name(self) -> str:
        return self.gemeente.letterhead if self.gemeente else header_organisation_name()

    @cached_property
    def logo_url(self) -> str:
        if self.gemeente is None or not self.gemeente.logo:
            return ""
        # served by gemeente_logo (media files are not served as such); the name changes with a new upload
        return f"{reverse('web:gemeente_logo', args=[self.gemeente.code])}?v={self.gemeente.logo.name}"


def accessibility_statement(request):
    context = {"statement_date": STATEMENT_DATE, "gemeenten": request_gemeenten(request)}
    return render(request, "web/public/toegankelijkheid.html", context)


def privacy_statement(request):
    today = date.today()
    terms = terms_load()
    in_force = [term for term in terms.terms if terms.in_force(term.record_type, today) == term]
    retention = [
        {"label": t.label, "years": t.years, "counted_from": EVENTS[t.counted_from]} for t in in_force
    ]
    context = {
        "gemeenten": request_gemeenten(request),
        "retention": retention,
        "retention_unconfirmed": any(t.unconfirmed for t in in_force),
    }
    return render(request, "web/public/privacy.html", context)


def contact(request):
    return render(request, "web/public/contact.html", {"gemeenten": request_gemeenten(request)})


#: the logo formats the beheer form accepts (gemeenten.forms: PNG or JPEG, checked with Pillow)
LOGO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


@require_GET
@cache_control(public=True, max_age=3600)
def gemeente_logo(request, code: str):
    """The municipality's logo for the page header: public, like the municipality's website shows it."""
    gemeente = get_object_or_404(Gemeente, code=code.upper())
    kind = gemeente.logo.name.rsplit(".", 1)[-1].lower() if gemeente.logo else ""
    if kind not in LOGO_TYPES or not gemeente.logo.storage.exists(gemeente.logo.name):
        raise Http404("Geen logo")
    return FileResponse(gemeente.logo.open("rb"), content_type=LOGO_TYPES[kind])
