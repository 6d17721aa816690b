"""The staff single-sign-on pages: to the provider, and back (ADR 0022). Logout is ``views.LogoutView``."""

import time

from django.contrib.auth import login as auth_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from naleving.accounts.oidc import (
    SSO_SESSION_KEY,
    provider_two_step,
    sso_enabled,
    sso_login_recorded,
    sso_settings,
    sso_user_sync,
    staff_config,
)
from naleving.accounts.oidc_client import Refusal, authorization_redirect, callback_claims
from naleving.audit.services import audit_record

#: The session's own backend after an SSO login: it only loads the user by id on later requests.
SESSION_BACKEND = "naleving.accounts.backends.ModelBackend"


@never_cache
def sso_start(request: HttpRequest) -> HttpResponse:
    if not sso_enabled():
        raise Http404("Inloggen via uw organisatie is niet ingericht")
    try:
        return authorization_redirect(request, staff_config())
    except Refusal as refusal:
        return _refused(request, refusal)


@never_cache
def sso_callback(request: HttpRequest) -> HttpResponse:
    if not sso_enabled():
        raise Http404("Inloggen via uw organisatie is niet ingericht")
    next_url = request.session.get("oidc_login_next") or ""
    try:
        claims, id_token = callback_claims(request, staff_config())
        user = sso_user_sync(claims=claims)
    except Refusal as refusal:
        return _refused(request, refusal)
    two_step = provider_two_step(claims)
    auth_login(request, user, backend=SESSION_BACKEND)
    minutes = int(sso_settings().get("SESSION_MINUTES", 480))
    request.session[SSO_SESSION_KEY] = {
        "two_step": two_step,
        "id_token": id_token,
        "until": time.time() + minutes * 60,
    }
    sso_login_recorded(user=user, two_step=two_step)
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("web:home")


def _refused(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    audit_record(actor=None, code="user.login_failed", after={"via": "sso", "reason": refusal.reason})
    return render(request, "accounts/sso_refused.html", {"message": refusal.message}, status=403)
