"""Local development and the demo: embedded SQLite unless DATABASE_URL is set."""

from naleving.settings.base import *  # noqa: F403
from naleving.settings.env import DEBUG as _DEBUG

DEBUG = True if _DEBUG is False else _DEBUG
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
