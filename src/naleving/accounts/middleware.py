"""No page and no API session request for a signed-in user who still owes his second factor.

- A user with a confirmed device whose session is not verified (django-otp) is sent to the code page.
- A user without a device whose role must have one (``NALEVING_2FA_REQUIRED_ROLES``) is sent to set-up.

API requests with a session get 403 with a JSON message instead of a redirect. Token-authenticated API
calls carry no session and are not affected. Must come after django-otp's ``OTPMiddleware``.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from naleving.accounts.second_factor import has_second_factor, second_factor_required

#: open to a user who owes a code (besides the static files): log in or out, give the code
VERIFY_OPEN = ("accounts:login", "accounts:logout", "accounts:otp_verify")
#: open to a user who must still set up a second factor
ENROL_OPEN = ("accounts:login", "accounts:logout", "accounts:otp_setup")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            refusal = self._refusal(request, user)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request, user):
        if has_second_factor(user):
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
        if path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
