"""Every environment variable Naleving reads, in one place (documented in docs/configuration.md)."""

import os
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[3]


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


#: Secret key for signing sessions and tokens. Required in production.
SECRET_KEY = os.environ.get("NALEVING_SECRET_KEY", "")
#: Debug mode (development only).
DEBUG = _bool("NALEVING_DEBUG", False)
#: Comma-separated host names the app answers to.
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("NALEVING_ALLOWED_HOSTS", "").split(",") if h.strip()]
#: Database URL (postgres://user@host:5432/name); empty means the embedded SQLite file.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
#: PostgreSQL only: after how many runs on one connection a query is kept as a prepared statement (the server
#: parses and plans it once; the parameters are then sent apart from the SQL, "server-side binding"). Empty or
#: "off": every query is sent whole and planned every time, as a connection pooler in transaction mode without
#: support for prepared statements (PgBouncer before 1.21) needs.
_PREPARE = os.environ.get("NALEVING_DB_PREPARE_THRESHOLD", "2").strip().lower()
if _PREPARE not in {"", "off"} and not _PREPARE.isdigit():
    raise ValueError(f"NALEVING_DB_PREPARE_THRESHOLD={_PREPARE!r}: give a whole number (runs) or 'off'")
DB_PREPARE_THRESHOLD: int | None = int(_PREPARE) if _PREPARE.isdigit() else None
#: Folder for the SQLite file, uploads and generated documents.
DATA_DIR = Path(os.environ.get("NALEVING_DATA_DIR", str(REPO_ROOT / "var")))
#: Test database: "auto" (PostgreSQL on 127.0.0.1:5432 when reachable, else SQLite), "postgres" or "sqlite".
TEST_DB = os.environ.get("NALEVING_TEST_DB", "auto")
#: PostgreSQL server probed by the test settings.
TEST_PG_URL = os.environ.get("NALEVING_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/naleving")
#: Serve over HTTPS only (secure cookies, HSTS). On by default in production.
SECURE = _bool("NALEVING_SECURE", True)
#: Name of the organisation running this instance, shown in the header.
ORGANISATION_NAME = os.environ.get("NALEVING_ORGANISATION", "Gemeente Demostad")
#: Address where residents ask about the algorithm register entries (a general mailbox or contact page, never
#: a person's). The placeholder below is refused by the register export until it is replaced.
ALGORITHM_CONTACT_EMAIL = os.environ.get("NALEVING_ALGORITHM_CONTACT_EMAIL", "algoritmeregister@example.nl")
#: Public address of this instance (https://naleving.gemeente.nl), for links in the algorithm register; empty:
#: the export uses the address of the request (the command then leaves the website out).
PUBLIC_URL = os.environ.get("NALEVING_PUBLIC_URL", "").rstrip("/")
#: Link to the published DPIA of the theme controls, named as impact assessment in the algorithm register.
ALGORITHM_DPIA_URL = os.environ.get("NALEVING_ALGORITHM_DPIA_URL", "")
#: Policy profile used by default for decisions (see naleving/rules/profiles).
DEFAULT_PROFILE = os.environ.get("NALEVING_PROFILE", "landelijk")
#: How residents log in to report a change: "test" (the demo's test login), "off", or a backend's dotted path.
RESIDENT_LOGIN = os.environ.get("NALEVING_RESIDENT_LOGIN", "")
#: Days a handhaver keeps access to a resident's file after the case is final (closed without a besluit,
#: or the besluit irrevocable); while the investigation is open or still being decided, access stays.
HANDHAVER_ACCESS_DAYS = int(os.environ.get("NALEVING_HANDHAVER_ACCESS_DAYS", "30"))
#: Seconds a list's row count is reused for the same user and the same filters (0: count on every page).
#: A change by that user forgets his counts at once; a change by someone else shows within this time.
LIST_COUNT_SECONDS = int(os.environ.get("NALEVING_LIST_COUNT_SECONDS", "60"))
#: API requests per signed-in user or token, and per address without a valid token (DRF rate, "n/period").
API_RATE_USER = os.environ.get("NALEVING_API_RATE_USER", "2000/hour")
API_RATE_ANON = os.environ.get("NALEVING_API_RATE_ANON", "60/hour")
#: Role keys (accounts/roles.py) that must use a second factor, comma-separated; "*" (default) is every staff
#: user, "none" nobody. Production refuses "none"; the demo and the tests switch it off in their settings.
_TWO_FACTOR = os.environ.get("NALEVING_2FA_REQUIRED_ROLES", "*").strip() or "*"
TWO_FACTOR_REQUIRED_ROLES = (
    [] if _TWO_FACTOR.lower() == "none" else [r.strip() for r in _TWO_FACTOR.split(",") if r.strip()]
)
#: Hours an invitation link (new user or password reset) stays valid.
INVITATION_HOURS = int(os.environ.get("NALEVING_INVITATION_HOURS", "72"))
#: Staff single sign-on with the municipality's OpenID Connect provider (ADR 0022; docs/howto/sso.md). Off
#: while the issuer, client id or secret is empty. Scopes are space-separated; the claims name where the
#: provider puts the username, roles (or groups), team and CBS codes of the municipalities ("*" for all).
OIDC_ISSUER = os.environ.get("NALEVING_OIDC_ISSUER", "")
OIDC_CLIENT_ID = os.environ.get("NALEVING_OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = os.environ.get("NALEVING_OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = os.environ.get("NALEVING_OIDC_SCOPES", "openid profile email")
OIDC_USERNAME_CLAIM = os.environ.get("NALEVING_OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ROLES_CLAIM = os.environ.get("NALEVING_OIDC_ROLES_CLAIM", "roles")
#: Provider group to role key, "group=role,group=role"; empty: the claim's values are role keys themselves.
OIDC_ROLE_MAP = dict(
    pair.split("=", 1) for pair in os.environ.get("NALEVING_OIDC_ROLE_MAP", "").split(",") if "=" in pair
)
OIDC_TEAM_CLAIM = os.environ.get("NALEVING_OIDC_TEAM_CLAIM", "team")
OIDC_GEMEENTEN_CLAIM = os.environ.get("NALEVING_OIDC_GEMEENTEN_CLAIM", "gemeenten")
#: "acr" values and "amr" methods that prove the provider's own two-step login; without one of them the
#: local second factor applies (NALEVING_2FA_REQUIRED_ROLES).
OIDC_TWO_STEP_ACR = [v for v in os.environ.get("NALEVING_OIDC_TWO_STEP_ACR", "").split(",") if v.strip()]
OIDC_TWO_STEP_AMR = [
    v for v in os.environ.get("NALEVING_OIDC_TWO_STEP_AMR", "mfa,otp,hwk,swk").split(",") if v.strip()
]
#: The provider's origin, allowed as a form target in the Content-Security-Policy (logout redirects there).
OIDC_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlparse(OIDC_ISSUER))] if OIDC_ISSUER else []
#: Minutes a single-sign-on session lasts before the user logs in at the provider again.
OIDC_SESSION_MINUTES = int(os.environ.get("NALEVING_OIDC_SESSION_MINUTES", "480"))
#: DigiD for residents through an OpenID Connect broker (NALEVING_RESIDENT_LOGIN=digid): the broker's
#: issuer and client, the claims with the BSN and the level of assurance, the lowest level accepted.
DIGID_ISSUER = os.environ.get("NALEVING_DIGID_ISSUER", "")
DIGID_CLIENT_ID = os.environ.get("NALEVING_DIGID_CLIENT_ID", "")
DIGID_CLIENT_SECRET = os.environ.get("NALEVING_DIGID_CLIENT_SECRET", "")
DIGID_SCOPES = os.environ.get("NALEVING_DIGID_SCOPES", "openid bsn")
DIGID_BSN_CLAIM = os.environ.get("NALEVING_DIGID_BSN_CLAIM", "bsn")
DIGID_LOA_CLAIM = os.environ.get("NALEVING_DIGID_LOA_CLAIM", "acr")
DIGID_MIN_LOA = os.environ.get("NALEVING_DIGID_MIN_LOA", "substantieel")
#: Sent as "acr_values" in the request to the broker (empty: not sent).
DIGID_ACR_VALUES = os.environ.get("NALEVING_DIGID_ACR_VALUES", "")
#: Mail server for the invitation e-mails (no login; a local relay), and the sender address.
EMAIL_HOST = os.environ.get("NALEVING_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("NALEVING_EMAIL_PORT", "25"))
EMAIL_FROM = os.environ.get("NALEVING_EMAIL_FROM", "naleving@localhost")
#: Key of the audit chain's HMACs (ADR 0019): without it nobody can recompute the chain. Required in production.
AUDIT_KEY = os.environ.get("NALEVING_AUDIT_KEY", "")
#: Folder outside the database for the signed audit checkpoints (append-only file) and the public key.
AUDIT_ANCHOR_DIR = os.environ.get("NALEVING_AUDIT_ANCHOR_DIR", "")
#: Path of the Ed25519 private key (PEM) that signs the checkpoints; `naleving audit keygen` makes one.
AUDIT_SIGNING_KEY = os.environ.get("NALEVING_AUDIT_SIGNING_KEY", "")
#: Bearer token for the readiness probe and the Prometheus scraper (`/gezondheid/ready`, `/metrics`).
OPS_TOKEN = os.environ.get("NALEVING_OPS_TOKEN", "")
#: Log format ("json": one object per line, the default in production; "plain" for a developer) and level.
LOG_FORMAT = os.environ.get("NALEVING_LOG_FORMAT", "")
LOG_LEVEL = os.environ.get("NALEVING_LOG_LEVEL", "WARNING").upper()
#: Seconds without a worker heartbeat, and since the newest audit checkpoint, before readiness fails.
WORKER_HEARTBEAT_MAX_AGE = int(os.environ.get("NALEVING_WORKER_HEARTBEAT_MAX_AGE", "300"))
AUDIT_CHECKPOINT_MAX_AGE = int(os.environ.get("NALEVING_AUDIT_CHECKPOINT_MAX_AGE", "1800"))
