"""Settings shared by every environment. Environment variables are read only in env.py."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from naleving.settings import env

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = env.SECRET_KEY or "insecure-development-key-change-me"
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
DATA_DIR = env.DATA_DIR

INSTALLED_APPS = [
    # The Django admin with a narrowed site: superusers only, read only, via the one login page (ADR 0018).
    "naleving.accounts.admin_apps.NalevingAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "django_tasks_db",
    "naleving.common",
    "naleving.gemeenten",
    "naleving.accounts",
    "naleving.audit",
    "naleving.residents",
    "naleving.signals",
    "naleving.investigations",
    "naleving.ruleset",
    "naleving.decisions",
    "naleving.claims",
    "naleving.prevention",
    "naleving.dossier",
    "naleving.controls",
    "naleving.reports",
    "naleving.retention",
    "naleving.api",
    "naleving.web",
    "naleving.ops",
    "naleving.demo",
]

MIDDLEWARE = [
    # First, so it times the whole answer (issue #25: request count and latency per URL pattern).
    "naleving.ops.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "naleving.web.middleware.SecurityHeadersMiddleware",
    # Django's session middleware, with a separate short session (own cookie) on the resident's pages.
    "naleving.prevention.resident_session.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "naleving.accounts.middleware.AuthorisationMiddleware",
    # django-otp's, its device read compiled once
    "naleving.accounts.middleware.OTPMiddleware",
    "naleving.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Forgets the list counts kept for a user once he changes something (common.paging).
    "naleving.common.paging.ListCountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "naleving.audit.middleware.RequestIdMiddleware",
    "naleving.audit.edge.ReadLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "naleving.urls"
WSGI_APPLICATION = "naleving.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "naleving.web.context_processors.navigation",
            ],
            # {% url %} with the shape of each link worked out once (common.reversing); |date with the table
            # formats written directly (common.templatetags.dates)
            "builtins": ["naleving.common.templatetags.cached_url", "naleving.common.templatetags.dates"],
        },
    },
    # The rows of the main lists and the resident's timeline (``{% rows %}``, ADR 0036): templates in each app's
    # ``jinja2/`` folder.
    {
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "naleving.common.jinja.environment", "autoescape": True},
    },
]

# Every form field gets its NL Design System (Utrecht) class and, with errors, the --invalid modifier.
FORM_RENDERER = "naleving.common.forms.UtrechtFormRenderer"


def database_config(url: str) -> dict:
    if url:
        config = dj_database_url.parse(url, conn_max_age=60)
        if config["ENGINE"].endswith("postgresql") and env.DB_PREPARE_THRESHOLD is not None:
            # A page runs the same few dozen queries with other ids; prepared once per connection, the server
            # no longer parses and plans them on every request (docs/benchmarks.md, "Prepared statements, links by
            # their shape"; ADR 0032).
            config.setdefault("OPTIONS", {}).update(
                server_side_binding=True, prepare_threshold=env.DB_PREPARE_THRESHOLD
            )
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "naleving.sqlite3",
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
    }


DATABASES = {"default": database_config(env.DATABASE_URL)}
#: The limits of the public pages (anonymous reports per hour, failed resident logins) are counted in the
#: cache, so it must be shared by every web process: a table in the database (created by migration
#: web.0001), no extra server to run (ADR 0012).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "naleving_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
#: Django's sessions in the database, their read compiled once (accounts.sessions)
SESSION_ENGINE = "naleving.accounts.sessions"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend with the user's read compiled once (accounts.backends)
    "naleving.accounts.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failures (django-axes): 5 failures lock the username for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "naleving.accounts.views.locked_out"
AXES_VERBOSE = False

# Second factor (TOTP + recovery codes): role keys that must have one before they get any page; "*" is
# every staff user (the default), empty is nobody. Dev (the demo) and test switch it off (ADR 0018).
NALEVING_2FA_REQUIRED_ROLES = env.TWO_FACTOR_REQUIRED_ROLES
#: How long an invitation link (new user, or a reset by the beheerder) stays valid.
NALEVING_INVITATION_HOURS = env.INVITATION_HOURS
#: Staff single sign-on (OpenID Connect, ADR 0022), next to the local accounts; off without an issuer.
NALEVING_OIDC = {
    "ISSUER": env.OIDC_ISSUER,
    "CLIENT_ID": env.OIDC_CLIENT_ID,
    "CLIENT_SECRET": env.OIDC_CLIENT_SECRET,
    "SCOPES": env.OIDC_SCOPES,
    "USERNAME_CLAIM": env.OIDC_USERNAME_CLAIM,
    "ROLES_CLAIM": env.OIDC_ROLES_CLAIM,
    "ROLE_MAP": env.OIDC_ROLE_MAP,
    "TEAM_CLAIM": env.OIDC_TEAM_CLAIM,
    "GEMEENTEN_CLAIM": env.OIDC_GEMEENTEN_CLAIM,
    "TWO_STEP_ACR": env.OIDC_TWO_STEP_ACR,
    "TWO_STEP_AMR": env.OIDC_TWO_STEP_AMR,
    "SESSION_MINUTES": env.OIDC_SESSION_MINUTES,
}
#: DigiD for residents through an OpenID Connect broker (NALEVING_RESIDENT_LOGIN=digid; ADR 0022).
NALEVING_DIGID = {
    "ISSUER": env.DIGID_ISSUER,
    "CLIENT_ID": env.DIGID_CLIENT_ID,
    "CLIENT_SECRET": env.DIGID_CLIENT_SECRET,
    "SCOPES": env.DIGID_SCOPES,
    "BSN_CLAIM": env.DIGID_BSN_CLAIM,
    "LOA_CLAIM": env.DIGID_LOA_CLAIM,
    "MIN_LOA": env.DIGID_MIN_LOA,
    "ACR_VALUES": env.DIGID_ACR_VALUES,
}
# Invitation links go by e-mail to the address on record, never to the beheerder's screen.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": env.EMAIL_HOST, "port": env.EMAIL_PORT},
    }
}
DEFAULT_FROM_EMAIL = env.EMAIL_FROM

# Sessions: short-lived, HTTP only, same-site; secure cookies in production.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
#: Content-Security-Policy in every environment (dev and test too, so the browser tests run under it):
#: scripts and styles only from our own static files, no inline script, no eval (htmx's allowEval is off in
#: base.html), no plugins, no framing, forms post only to us. Django's own CSP support (ADR 0017).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    # A staff SSO logout is a form post that the server redirects to the provider's end-session page.
    "form-action": [CSP.SELF, *env.OIDC_ORIGINS],
}
SECURE_CSP_REPORT_ONLY: dict = {}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "naleving.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    # Per user (or token), and per address for calls without a valid token, counted in the cache (issue #14).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"user": env.API_RATE_USER, "anon": env.API_RATE_ANON},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Naleving API",
    "DESCRIPTION": "Compliance and enforcement of the Participatiewet, IOAW, IOAZ and Bbz.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema (and any docs page drf-spectacular would serve) is for signed-in staff and API clients
    # with a token only: it maps every endpoint and field.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # A signal's origin has two choice sets: all origins (reads) and those the API accepts (all but the
    # public report page's); each gets a stable name.
    "ENUM_NAME_OVERRIDES": {
        "OriginEnum": "naleving.signals.choices.Origin",
        "SignalIntakeOriginEnum": "naleving.api.serializers.API_ORIGINS",
    },
}

# Background tasks (periodic reminders): Django's task framework on a queue table in our own database,
# worked by `naleving db_worker`; no broker or extra server (prevention/tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Uploads: request bodies without files stay small; files above 2.5 MB stream to a temporary file and are
# never held in memory. Each upload view caps its own file size while it streams in (the resident's change
# form: 10 MB, prevention/uploads.py; investigation documents: 10 MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

NALEVING_ORGANISATION = env.ORGANISATION_NAME
#: The algorithm register (controls.algoritmeregister): contact address (the example.nl placeholder is
#: refused on export), the public address for the entry's website, and the published DPIA.
NALEVING_ALGORITHM_CONTACT_EMAIL = env.ALGORITHM_CONTACT_EMAIL
NALEVING_PUBLIC_URL = env.PUBLIC_URL
NALEVING_ALGORITHM_DPIA_URL = env.ALGORITHM_DPIA_URL
#: How residents log in on /wijziging-doorgeven/: "test" (demo test login), "off", "digid" (the broker in
#: NALEVING_DIGID) or a backend's dotted path. Production turns the test login off (ADR 0010).
NALEVING_RESIDENT_LOGIN = env.RESIDENT_LOGIN or "test"
NALEVING_DEFAULT_PROFILE = env.DEFAULT_PROFILE
#: Private folder where a delivery's raw files wait for their run; each run deletes its files when it ends.
NALEVING_DELIVERY_DIR = DATA_DIR / "leveringen"
#: Days a handhaver keeps access to a resident after the case is final (residents.access.investigation_access).
NALEVING_HANDHAVER_ACCESS_DAYS = env.HANDHAVER_ACCESS_DAYS
#: Seconds a list's row count is reused for the same user and query (0: count on every page; common.paging).
NALEVING_LIST_COUNT_SECONDS = env.LIST_COUNT_SECONDS
#: Seconds a web process keeps the page header's organisation name and municipalities (gemeenten.selectors).
NALEVING_HEADER_SECONDS = 60
#: The audit chain (ADR 0019): the HMAC key (production refuses the development key below), the folder for
#: the signed checkpoints outside the database, and the private key that signs them.
NALEVING_AUDIT_KEY = env.AUDIT_KEY or "development-audit-key-not-for-production"
NALEVING_AUDIT_ANCHOR_DIR = Path(env.AUDIT_ANCHOR_DIR) if env.AUDIT_ANCHOR_DIR else DATA_DIR / "audit-anchor"
NALEVING_AUDIT_SIGNING_KEY = (
    Path(env.AUDIT_SIGNING_KEY)
    if env.AUDIT_SIGNING_KEY
    else DATA_DIR / "audit-keys" / "checkpoint-signing.pem"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Each line names its request id: the reference on the 500 page and in Dutch error messages. No line
    # holds a BSN (ops.logs.PersonalDataFilter); in production each line is one JSON object (issue #25).
    "filters": {
        "request_id": {"()": "naleving.audit.context.RequestIdLogFilter"},
        "personal_data": {"()": "naleving.ops.logs.PersonalDataFilter"},
        # a 403 is logged as one line, without the traceback of its PermissionDenied
        "refusal": {"()": "naleving.ops.logs.RefusalFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "refusal", "personal_data"],
            "formatter": env.LOG_FORMAT or "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env.LOG_LEVEL},
}
NALEVING_OPS_TOKEN = env.OPS_TOKEN
NALEVING_WORKER_HEARTBEAT_MAX_AGE = env.WORKER_HEARTBEAT_MAX_AGE
NALEVING_AUDIT_CHECKPOINT_MAX_AGE = env.AUDIT_CHECKPOINT_MAX_AGE

# Offices reach us from one NAT address: locking per IP would lock out a whole team, so axes locks
# per username (ADR 0004). Silence the check that asks for per-IP locking.
# The signal list's index carries the scope's columns for PostgreSQL (INCLUDE, common.paging); SQLite, the
# embedded demo database, builds the same index without them, which is all W040 says.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]

FILTERS_EMPTY_CHOICE_LABEL = "Alle"
# No "Geen" choice next to "Alle" in every choice filter: where "none" means something, a filter names it
# itself ("Niet toegewezen", "Nog niet beoordeeld").
FILTERS_NULL_CHOICE_LABEL = None
