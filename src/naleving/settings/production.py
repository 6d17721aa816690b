"""Production: PostgreSQL via DATABASE_URL, secret key and hosts from the environment, HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from naleving.settings import env
from naleving.settings.base import *  # noqa: F403

if not env.SECRET_KEY:
    raise ImproperlyConfigured("NALEVING_SECRET_KEY must be set in production")
if not env.ALLOWED_HOSTS:
    raise ImproperlyConfigured("NALEVING_ALLOWED_HOSTS must be set in production")
# The audit chain's key (ADR 0019): with the development key anyone with the source could rewrite the log.
if len(env.AUDIT_KEY) < 32:
    raise ImproperlyConfigured("NALEVING_AUDIT_KEY must be set in production (at least 32 characters)")
DEBUG = False
SECRET_KEY = env.SECRET_KEY
NALEVING_AUDIT_KEY = env.AUDIT_KEY
ALLOWED_HOSTS = env.ALLOWED_HOSTS
SESSION_COOKIE_SECURE = env.SECURE
CSRF_COOKIE_SECURE = env.SECURE
SECURE_SSL_REDIRECT = env.SECURE
# TLS ends at the reverse proxy (docs/deployment.md), which sets X-Forwarded-Proto on every request, overwriting
# what a client sent; gunicorn listens on 127.0.0.1 or a socket only. Without this the HTTPS redirect loops.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.SECURE else None
SECURE_HSTS_SECONDS = 31536000 if env.SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.SECURE
# HSTS preloading is decided for a whole registrable domain (gemeente.nl), never by one application on a
# subdomain of it; the municipality's own web team submits the domain, so we do not claim it here.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
# No debug output in production, and the Content-Security-Policy (base.py) is enforced, not only reported.
SECURE_CSP_REPORT_ONLY: dict = {}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The test login (BSN + birth date) is for the demo only: production uses DigiD or nothing (ADR 0010).
NALEVING_RESIDENT_LOGIN = env.RESIDENT_LOGIN or "off"
if NALEVING_RESIDENT_LOGIN == "test":
    raise ImproperlyConfigured(
        "NALEVING_RESIDENT_LOGIN=test is the demo's test login and not allowed in production"
    )
# A second factor for every staff role, unless NALEVING_2FA_REQUIRED_ROLES names fewer (ADR 0018).
if not NALEVING_2FA_REQUIRED_ROLES:  # noqa: F405
    raise ImproperlyConfigured("NALEVING_2FA_REQUIRED_ROLES=none is not allowed in production")

# One JSON object per log line unless the operator asks for plain text (NALEVING_LOG_FORMAT, issue #25).
LOGGING["handlers"]["console"]["formatter"] = env.LOG_FORMAT or "json"  # noqa: F405
