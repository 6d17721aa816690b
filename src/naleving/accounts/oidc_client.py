"""One OpenID Connect client for two providers: the municipality's staff provider (``accounts/oidc.py``) and
the DigiD broker for residents (``prevention/digid.py``). ADR 0022.

mozilla-django-oidc does the protocol: state, nonce and PKCE kept in the session, the token request, the
signing key from the provider's JWKS and the signature check, the userinfo request. This module adds what
the library leaves to the application:

- **discovery**: only the issuer is configured; the endpoints come from its ``.well-known`` document, whose
  ``issuer`` must be the configured one;
- **the ID token's claims**: the library checks neither audience nor issuer, so here ``aud`` must name our
  client, ``iss`` the configured issuer, and ``exp``, ``iat`` and ``sub`` must be present (expired is refused);
- **refusals in Dutch** that name what is wrong (``Refusal``), for the page and the audit log.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import jwt
import requests
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify, import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

#: Seconds of clock difference tolerated between us and the provider.
LEEWAY_SECONDS = 30
TIMEOUT_SECONDS = 10
SESSION_STATES = "oidc_states"  # mozilla-django-oidc's session key for state, nonce and PKCE verifier


class Refusal(Exception):
    """A login that is refused: ``message`` is for the person (Dutch), ``reason`` for the audit log."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.message = message
        self.reason = reason


@dataclass(frozen=True)
class ProviderConfig:
    name: str  # "staff" or "digid": in logs and audit events
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    callback: str  # URL name of our callback view
    extra_params: dict[str, str] = field(default_factory=dict)
    sign_algo: str = "RS256"

    @property
    def configured(self) -> bool:
        return bool(self.issuer and self.client_id and self.client_secret)


_discovered: dict[str, dict[str, Any]] = {}
_lock = threading.Lock()


def discovery(issuer: str) -> dict[str, Any]:
    """The provider's metadata (cached per process); refused when its issuer is not the configured one."""
    with _lock:
        if issuer in _discovered:
            return _discovered[issuer]
    try:
        response = requests.get(
            issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=TIMEOUT_SECONDS
        )
        response.raise_for_status()
        meta: dict[str, Any] = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise Refusal(
            "De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het later opnieuw.",
            "discovery_failed",
        ) from exc
    if meta.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise Refusal("De inlogdienst noemt zich anders dan ingesteld (claim 'issuer').", "discovery_issuer")
    with _lock:
        _discovered[issuer] = meta
    return meta


def _settings_for(config: ProviderConfig, attr: str, *default: Any) -> Any:
    meta = discovery(config.issuer)
    values: dict[str, Any] = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": meta["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": meta["token_endpoint"],
        "OIDC_OP_USER_ENDPOINT": meta.get("userinfo_endpoint"),
        "OIDC_OP_JWKS_ENDPOINT": meta["jwks_uri"],
        "OIDC_RP_CLIENT_ID": config.client_id,
        "OIDC_RP_CLIENT_SECRET": config.client_secret,
        "OIDC_RP_SIGN_ALGO": config.sign_algo,
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_RP_SCOPES": config.scopes,
        "OIDC_AUTHENTICATION_CALLBACK_URL": config.callback,
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": dict(config.extra_params),
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_TIMEOUT": TIMEOUT_SECONDS,
        "OIDC_VERIFY_SSL": True,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_ALLOW_UNSECURED_JWT": False,
    }
    if attr in values:
        return values[attr]
    return import_from_settings(attr, *default)


class _RequestView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    config: ProviderConfig

    def get_settings(self, attr: str, *default: Any) -> Any:
        return _settings_for(self.config, attr, *default)


class _Client(OIDCAuthenticationBackend):  # type: ignore[misc]
    """The library's token, JWKS and userinfo handling, with one provider's settings."""

    def __init__(self, config: ProviderConfig):
        # The library's __init__ reads Django settings; ours come from the provider's config.
        self.config = config
        self.OIDC_OP_TOKEN_ENDPOINT = self.get_settings("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = self.get_settings("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = self.get_settings("OIDC_OP_JWKS_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = config.client_id
        self.OIDC_RP_CLIENT_SECRET = config.client_secret
        self.OIDC_RP_SIGN_ALGO = config.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None

    def get_settings(self, attr: str, *default: Any) -> Any:
        return _settings_for(self.config, attr, *default)

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """The signature, as the library checks it, plus audience, issuer and expiry."""
        alg = jwt.get_unverified_header(payload).get("alg")
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise Refusal(
                f"Het inlogbewijs is ondertekend met '{alg}' in plaats van '{self.OIDC_RP_SIGN_ALGO}'.",
                "algorithm",
            )
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[alg],
                audience=self.config.client_id,
                issuer=discovery(self.config.issuer)["issuer"],
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Refusal(
                "Het inlogbewijs is verlopen (claim 'exp'). Log opnieuw in; blijft dit gebeuren, meld dan "
                "aan uw beheerder dat de klok van de inlogdienst of van Naleving niet gelijk loopt.",
                "expired",
            ) from exc
        except jwt.InvalidAudienceError as exc:
            raise Refusal(
                "Het inlogbewijs is niet voor Naleving bestemd (claim 'aud'). Meld dit aan uw beheerder.",
                "audience",
            ) from exc
        except jwt.InvalidIssuerError as exc:
            raise Refusal(
                "Het inlogbewijs komt van een andere inlogdienst dan ingesteld (claim 'iss').", "issuer"
            ) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise Refusal(
                f"Het inlogbewijs mist de verplichte claim '{exc.claim}'.", f"missing_claim:{exc.claim}"
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise Refusal("Het inlogbewijs is ongeldig (handtekening of opbouw).", "invalid_token") from exc


def authorization_redirect(request: HttpRequest, config: ProviderConfig) -> HttpResponseRedirect:
    """Send the browser to the provider, with state, nonce and PKCE stored in this session."""
    response: HttpResponseRedirect = _RequestView(config=config).get(request)
    return response


def callback_claims(request: HttpRequest, config: ProviderConfig) -> tuple[dict[str, Any], str]:
    """The verified claims of the ID token (merged with userinfo) and the raw ID token, or ``Refusal``."""
    if request.GET.get("error"):
        code = request.GET["error"][:60]
        raise Refusal(f"De inlogdienst heeft het inloggen afgebroken (melding '{code}').", f"provider:{code}")
    state, code = request.GET.get("state", ""), request.GET.get("code", "")
    states = request.session.get(SESSION_STATES) or {}
    if not state or not code or state not in states:
        raise Refusal(
            "Deze inlogpoging is verlopen of niet op deze pagina begonnen. Begin opnieuw met inloggen.",
            "state",
        )
    entry = states.pop(state)
    request.session[SESSION_STATES] = states
    client = _Client(config)
    client.request = request
    try:
        token_info = client.get_token(
            {
                "client_id": config.client_id,
                "client_secret": config.client_secret,
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": absolutify(request, reverse(config.callback)),
                "code_verifier": entry.get("code_verifier"),
            }
        )
    except requests.RequestException as exc:
        raise Refusal(
            "De inlogdienst gaf geen inlogbewijs af. Probeer opnieuw in te loggen.", "token"
        ) from exc
    id_token = token_info.get("id_token")
    if not id_token:
        raise Refusal("De inlogdienst gaf geen ID-token mee (scope 'openid').", "no_id_token")
    try:
        payload = client.verify_token(id_token, nonce=entry.get("nonce"))
    except SuspiciousOperation as exc:
        raise Refusal(
            "Het inlogbewijs kon niet worden gecontroleerd: onbekende sleutel, of het hoort niet bij deze "
            "inlogpoging (claim 'nonce').",
            "nonce_or_key",
        ) from exc
    claims: dict[str, Any] = {}
    access_token = token_info.get("access_token")
    if client.OIDC_OP_USER_ENDPOINT and access_token:
        try:
            claims = dict(client.get_userinfo(access_token, id_token, payload))
        except requests.RequestException as exc:
            raise Refusal("De inlogdienst gaf uw gegevens niet (userinfo).", "userinfo") from exc
        if claims.get("sub") != payload.get("sub"):
            raise Refusal(
                "De gegevens van de inlogdienst horen niet bij dit inlogbewijs (claim 'sub').", "sub"
            )
    claims.update(payload)  # what the signed ID token says wins
    return claims, id_token


def end_session_url(config: ProviderConfig, *, id_token: str, return_to: str) -> str | None:
    """The provider's logout address for this session (RP-initiated logout), if it has one."""
    from urllib.parse import urlencode

    try:
        endpoint = discovery(config.issuer).get("end_session_endpoint")
    except Refusal:
        return None
    if not endpoint:
        return None
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": return_to, "client_id": config.client_id}
    )
    return f"{endpoint}?{query}"
