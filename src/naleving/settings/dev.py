"""Local development and the demo: embedded SQLite unless DATABASE_URL is set.

Debug is off, as in production, so the demo shows the real error pages and never the URL list or a
traceback; a developer who wants Django's debug pages sets NALEVING_DEBUG=true. With debug off,
``runserver`` no longer serves static files itself: WhiteNoise serves them straight from the apps'
static folders (no ``collectstatic`` needed) and picks up changes on each request.
"""

from naleving.settings.base import *  # noqa: F403

# DEBUG comes from base.py: NALEVING_DEBUG, off unless a developer turns it on.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The demo logs in with published passwords and no second factor (the login page says so); production
# requires one for every staff role (ADR 0018). Invitation e-mails are printed in the server's console.
NALEVING_2FA_REQUIRED_ROLES: list[str] = []
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
