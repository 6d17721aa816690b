"""A session of its own on the resident's pages (/wijziging-doorgeven/), apart from the staff session.

Django's ``SessionMiddleware`` for every other path. Under ``RESIDENT_PATH`` it reads and writes another
cookie (``RESIDENT_COOKIE``, limited to that path), so a resident's login (DigiD or the demo's test login)
never shares a session with a staff login in the same browser, a staff cookie is not read there, and the
resident's session ends by itself after ``identification.SESSION_MINUTES`` (set at login). ADR 0022.
"""

import time

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from naleving.prevention.identification import SESSION_MINUTES

RESIDENT_PATH = "/wijziging-doorgeven/"
RESIDENT_COOKIE = "naleving_inwoner"


def is_resident_path(request: HttpRequest) -> bool:
    return request.path_info.startswith(RESIDENT_PATH)


class SessionMiddleware(DjangoSessionMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if not is_resident_path(request):
            return super().process_request(request)
        request.session = self.SessionStore(request.COOKIES.get(RESIDENT_COOKIE))
        return None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not is_resident_path(request):
            return super().process_response(request, response)
        # Django's own logic, with the resident cookie's name and path and the session's own expiry.
        try:
            accessed = request.session.accessed
            modified = request.session.modified
            empty = request.session.is_empty()
        except AttributeError:
            return response
        if RESIDENT_COOKIE in request.COOKIES and empty:
            response.delete_cookie(
                RESIDENT_COOKIE, path=RESIDENT_PATH, samesite=settings.SESSION_COOKIE_SAMESITE
            )
            patch_vary_headers(response, ("Cookie",))
            return response
        if accessed:
            patch_vary_headers(response, ("Cookie",))
        if modified and not empty and response.status_code < 500:
            if request.session.get("_session_expiry") is None:
                request.session.set_expiry(SESSION_MINUTES * 60)
            max_age = request.session.get_expiry_age()
            try:
                request.session.save()
            except UpdateError:
                raise SessionInterrupted(
                    "The resident's session was deleted before the request completed."
                ) from None
            response.set_cookie(
                RESIDENT_COOKIE,
                str(request.session.session_key),
                max_age=max_age,
                expires=http_date(time.time() + max_age),
                path=RESIDENT_PATH,
                secure=bool(settings.SESSION_COOKIE_SECURE),
                httponly=True,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
            patch_vary_headers(response, ("Cookie",))
        return response
