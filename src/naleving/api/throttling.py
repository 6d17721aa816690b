"""Throttling that counts refused calls too (issue #14).

DRF checks throttles after authentication and permissions, so a call with a wrong token, or none, is
refused (401) before it is ever counted: guessing tokens would be unlimited. Here every API view checks
its throttles first; a caller whose token is not accepted is counted per address (the ``anon`` rate),
then gets the refusal it would have had.
"""

from rest_framework.exceptions import AuthenticationFailed


class ThrottleFirstMixin:
    """Check the throttles before authentication errors and permission checks, exactly once per call."""

    def perform_authentication(self, request):
        try:
            super().perform_authentication(request)
        except AuthenticationFailed:
            # DRF has set the anonymous user by now, so the anon throttle counts this address.
            self._throttle_once(request)
            raise

    def check_permissions(self, request):
        self._throttle_once(request)
        super().check_permissions(request)

    def check_throttles(self, request):
        self._throttle_once(request)

    def _throttle_once(self, request):
        if not getattr(request, "_naleving_throttled", False):
            request._naleving_throttled = True
            super().check_throttles(request)
