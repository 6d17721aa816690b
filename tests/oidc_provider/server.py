"""A real OpenID Connect provider for the tests: django-oauth-toolkit's OIDC support in a process of its own.

Run as ``python tests/oidc_provider/server.py CONFIG.json``; it binds a free port on 127.0.0.1, prints
``READY <port>`` and serves until it is ended. It signs ID tokens with an RSA key made at start, serves
discovery, JWKS, authorize (after its own login page), token, userinfo and end-session (RP-initiated logout).
Nothing is mocked: the application under test talks HTTP to it as to a municipality's provider.

CONFIG holds the clients (``client_id``, ``client_secret``, ``redirect_uris``, ``post_logout_redirect_uris``)
and the users (``password``, ``claims`` added to the ID token and userinfo, and an optional ``scenario``:
``expired`` issues an ID token that expired an hour ago, ``audience`` one for another client), so a test
can reproduce a provider that is misconfigured or a clock that is off.
"""

import json
import sys
import tempfile
import time
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

HERE = Path(__file__).resolve().parent
CONFIG: dict[str, Any] = {}


def _private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def configure(workdir: Path) -> None:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="oidc-test-provider-only",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "oauth2_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        ROOT_URLCONF="__main__",
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(workdir / "provider.db")}},
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [str(HERE / "templates")],
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
            }
        ],
        LOGIN_URL="/login/",
        # Cookies do not tell ports apart: the provider's must not collide with the application's.
        SESSION_COOKIE_NAME="provider_sessionid",
        CSRF_COOKIE_NAME="provider_csrftoken",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        OAUTH2_PROVIDER={
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": _private_key_pem(),
            "PKCE_REQUIRED": True,
            "OAUTH2_VALIDATOR_CLASS": "__main__.ScenarioValidator",
            "SCOPES": {"openid": "OpenID", "profile": "Profiel", "email": "E-mail", "bsn": "BSN"},
            "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
            "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
        },
    )


def build() -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, user in CONFIG["users"].items():
        User.objects.create_user(username, password=user["password"])
    for client in CONFIG["clients"]:
        Application.objects.create(
            name=client["client_id"],
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=" ".join(client["redirect_uris"]),
            post_logout_redirect_uris=" ".join(client.get("post_logout_redirect_uris", [])),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )


def validator_class() -> type:
    from oauth2_provider.oauth2_validators import OAuth2Validator

    class ScenarioValidator(OAuth2Validator):
        oidc_claim_scope = None  # every configured claim, whatever the scope

        def get_additional_claims(self, request):
            return dict(CONFIG["users"][request.user.username].get("claims", {}))

        def get_id_token_dictionary(self, token, token_handler, request):
            claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
            scenario = CONFIG["users"][request.user.username].get("scenario")
            if scenario == "expired":
                now = int(time.time())
                claims.update(iat=now - 7200, exp=now - 3600)
            elif scenario == "audience":
                claims["aud"] = "een-andere-toepassing"
            return claims, expiration

    return ScenarioValidator


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> None:
    CONFIG.update(json.loads(Path(sys.argv[1]).read_text()))
    workdir = Path(tempfile.mkdtemp(prefix="oidc-provider-"))
    configure(workdir)
    django.setup()
    globals()["ScenarioValidator"] = validator_class()

    from django.contrib.auth.views import LoginView
    from django.core.handlers.wsgi import WSGIHandler
    from django.urls import include, path

    globals()["urlpatterns"] = [
        path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
        path("login/", LoginView.as_view(template_name="provider_login.html")),
    ]
    build()
    server = make_server("127.0.0.1", 0, WSGIHandler(), server_class=_Server, handler_class=_QuietHandler)
    print(f"READY {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
