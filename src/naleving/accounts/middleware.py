"""No page and no API session request for a signed-in user who still owes his second factor.

- A user with a confirmed device whose session is not verified (django-otp) is sent to the code page.
- A user without a device whose role must have one (``NALEVING_2FA_REQUIRED_ROLES``) is sent to set-up.

A single-sign-on session whose provider proved a two-step login (``accounts/oidc.py``) needs no local code,
and ends after ``NALEVING_OIDC["SESSION_MINUTES"]``.

API requests with a session get 403 with a JSON message instead of a redirect. Token-authenticated API
calls carry no session and are not affected. Must come after django-otp's ``OTPMiddleware``.
"""

import time
from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import LazyObject, empty
from django.utils.http import urlencode
from django_otp import middleware as otp_middleware
from django_otp.models import Device

from naleving.accounts.oidc import SSO_SESSION_KEY
from naleving.accounts.second_factor import has_second_factor, second_factor_required
from naleving.accounts.services import HAS_DEVICE_CACHE, authorisation_load
from naleving.common.compiled import objects_for

#: open to a user who owes a code (besides the static files): log in or out, give the code
VERIFY_OPEN = ("accounts:login", "accounts:logout", "accounts:otp_verify")
#: open to a user who must still set up a second factor
ENROL_OPEN = ("accounts:login", "accounts:logout", "accounts:otp_setup")
#: public pages without case data (the footer's links, the header's logo): open before the second factor too
PUBLIC_OPEN = frozenset({"web:accessibility", "web:privacy", "web:contact", "web:gemeente_logo"})


class AuthorisationMiddleware:
    """Reads a signed-in user's roles and permissions in one query, before anything asks for them
    (``accounts.services.authorisation_load``). Must come right after Django's ``AuthenticationMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            authorisation_load(user)
        return self.get_response(request)


def resolved(user):
    """The user behind Django's and django-otp's lazy wrappers of ``request.user``. Every page asks the user
    for something a thousand times or more (templates, permissions, scopes); each ask through the two
    wrappers cost about a microsecond, a millisecond a page. By here both wrappers are needed anyway."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            user = request.user = resolved(user)
        sso = request.session.get(SSO_SESSION_KEY) if user is not None and user.is_authenticated else None
        if sso and time.time() > float(sso.get("until", 0)):
            # A single-sign-on session ends after NALEVING_OIDC_SESSION_MINUTES: log in at the provider again.
            auth_logout(request)
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
        if sso and sso.get("two_step"):
            return self.get_response(request)  # the provider's two-step login counts (ADR 0022)
        if user is not None and user.is_authenticated and not user.is_verified():
            refusal = self._refusal(request, user)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request, user):
        has_device = getattr(user, HAS_DEVICE_CACHE, None)  # read with the roles by AuthorisationMiddleware
        if has_device is None:  # not read there (a superuser)
            has_device = has_second_factor(user)
        if has_device:
            target, open_names = "accounts:otp_verify", VERIFY_OPEN
            message = "Geef eerst de code van uw tweede factor op de inlogpagina."
        elif second_factor_required(user):
            target, open_names = "accounts:otp_setup", ENROL_OPEN
            message = "Stel eerst tweestapsverificatie in; die is verplicht voor uw rol."
        else:
            return None
        path = request.path_info
        if path.startswith(settings.STATIC_URL) or path.startswith("/account/uitnodiging/"):
            return None
        if any(path == reverse(name) for name in open_names):
            return None
        try:
            if resolve(path).view_name in PUBLIC_OPEN:
                return None
        except Resolver404:
            pass
        if path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class OTPMiddleware(otp_middleware.OTPMiddleware):
    """django-otp's middleware (``user.otp_device``, ``user.is_verified()``), with the verified device of the
    session read by SQL compiled once per process (``common.compiled.objects_for``) instead of django-otp's
    query built for every signed-in request of a user with a second factor. The same device, or None for an id
    that names none (as ``Device.from_persistent_id``)."""

    def _device_from_persistent_id(self, persistent_id: str):
        persistent_id = self._normalize_persistent_id(persistent_id)
        try:
            model_label, device_id = persistent_id.rsplit("/", 1)
            model = apps.get_model(*model_label.split("."))
            key = int(device_id)
        except (ValueError, LookupError, TypeError):
            return None
        if not issubclass(model, Device):
            return None
        found = objects_for(f"otp.device.{model._meta.label}", model, partial(_device_query, model), key)
        return found[0] if found else None


def _device_query(model, device_id: int):
    return model.objects.filter(id=device_id).order_by()
