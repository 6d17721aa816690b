"""Response headers every page, document, export and API answer carries (security issue #14).

- ``Cache-Control: no-store``: pages, PDFs, spreadsheets and API answers hold personal data, so neither
  the browser nor a proxy may keep a copy (a shared office computer, the back button after logging out).
  Static files are left alone: WhiteNoise answers them before this middleware runs, and its long-lived
  caching of the hashed files is what makes them cheap.
- ``Permissions-Policy``: the application uses no camera, microphone, location, payment or USB, so no
  page (nor anything injected into one) may ask for them.

The Content-Security-Policy comes from Django's own middleware (``SECURE_CSP`` in settings/base.py).
"""

from django.conf import settings

#: Browser features no page of Naleving uses; ``()`` means "for no origin".
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware:
    """Add ``Cache-Control: no-store`` (except to static files) and ``Permissions-Policy`` to each response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            response.headers["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
