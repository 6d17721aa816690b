"""DigiD for residents on /wijziging-doorgeven/, through the municipality's OpenID Connect broker. ADR 0022.

``NALEVING_RESIDENT_LOGIN=digid`` selects it; ``NALEVING_DIGID`` (from the environment) names the broker.
The OpenID Connect client is the staff one (``accounts/oidc_client.py``) with this separate configuration.

- The BSN is taken from the broker's signed ID token (claim ``BSN_CLAIM``), never typed by the resident.
- The level of assurance (claim ``LOA_CLAIM``, DigiD's SAML classes, eToegang's ``loa`` URNs or plain names)
  must be at least ``MIN_LOA`` (default "substantieel"); lower is refused with the level that is needed.
- The login lives in the resident's own short session (``resident_session.py``), never the staff session.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from naleving.accounts.oidc_client import ProviderConfig, Refusal, authorization_redirect, callback_claims
from naleving.audit.services import audit_record
from naleving.prevention import identification
from naleving.residents.selectors import residents_for_linking
from naleving.residents.validators import validate_bsn

#: DigiD's levels of assurance, low to high.
LOA_ORDER = ("basis", "midden", "substantieel", "hoog")
#: How brokers write them: DigiD's SAML authentication context classes and eToegang's assurance classes.
LOA_NAMES = {
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport": "basis",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": "midden",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard": "substantieel",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI": "hoog",
    "urn:etoegang:core:assurance-class:loa1": "basis",
    "urn:etoegang:core:assurance-class:loa2": "midden",
    "urn:etoegang:core:assurance-class:loa2plus": "midden",
    "urn:etoegang:core:assurance-class:loa3": "substantieel",
    "urn:etoegang:core:assurance-class:loa4": "hoog",
    **{name: name for name in LOA_ORDER},
}
LOA_HELP = {
    "midden": "DigiD met sms-controle of de DigiD-app",
    "substantieel": "de DigiD-app met een gecontroleerd identiteitsbewijs",
    "hoog": "de DigiD-app met identiteitsbewijs en pincode van het document",
}


def digid_settings() -> dict[str, Any]:
    return dict(getattr(settings, "NALEVING_DIGID", {}))


def digid_config() -> ProviderConfig:
    conf = digid_settings()
    extra = {"acr_values": conf["ACR_VALUES"]} if conf.get("ACR_VALUES") else {}
    return ProviderConfig(
        name="digid",
        issuer=conf.get("ISSUER", ""),
        client_id=conf.get("CLIENT_ID", ""),
        client_secret=conf.get("CLIENT_SECRET", ""),
        scopes=conf.get("SCOPES", "openid bsn"),
        callback="wijziging:digid_callback",
        extra_params=extra,
    )


class DigiDLogin:
    """The identification backend (``identification.py``) for DigiD: the start page shows a DigiD button."""

    key = "digid"
    label = "DigiD"
    is_test = False
    redirects = True  # no form on our page: the resident logs in at DigiD

    @property
    def available(self) -> bool:
        return digid_config().configured

    def identify(self, **kwargs: Any) -> None:
        return None  # identification happens in ``digid_callback``


def loa_of(claims: dict[str, Any], claim: str) -> str | None:
    value = claims.get(claim)
    if isinstance(value, list):
        value = value[0] if value else None
    return LOA_NAMES.get(str(value)) if value else None


def identity_from_claims(claims: dict[str, Any]) -> identification.ResidentIdentity:
    """The resident the broker vouches for, or ``Refusal`` naming what is missing or too low."""
    conf = digid_settings()
    bsn_claim, loa_claim = conf.get("BSN_CLAIM", "bsn"), conf.get("LOA_CLAIM", "acr")
    minimum = conf.get("MIN_LOA", "substantieel")
    bsn = str(claims.get(bsn_claim) or "")
    if not bsn:
        raise Refusal(
            f"DigiD gaf geen burgerservicenummer mee (claim '{bsn_claim}' ontbreekt). Probeer het opnieuw "
            "of bel uw consulent.",
            f"missing_claim:{bsn_claim}",
        )
    try:
        validate_bsn(bsn)
    except ValidationError as exc:
        raise Refusal("DigiD gaf een ongeldig burgerservicenummer mee.", "invalid_bsn") from exc
    level = loa_of(claims, loa_claim)
    if level is None:
        raise Refusal(
            f"DigiD gaf niet mee hoe zeker uw inlog is (claim '{loa_claim}' ontbreekt of is onbekend).",
            f"missing_claim:{loa_claim}",
        )
    if LOA_ORDER.index(level) < LOA_ORDER.index(minimum):
        raise Refusal(
            f"U bent ingelogd met DigiD op niveau '{level}'. Voor dit formulier is DigiD op niveau "
            f"'{minimum}' of hoger nodig: log in met {LOA_HELP.get(minimum, 'een hoger niveau')}.",
            f"loa_too_low:{level}",
        )
    resident = residents_for_linking(bsns=[bsn]).get(bsn)
    if resident is None:
        raise Refusal(
            "U bent ingelogd, maar wij vinden geen bijstandsuitkering op uw naam bij deze gemeente. Klopt dat "
            "niet? Bel dan uw consulent.",
            "unknown_resident",
        )
    return identification.ResidentIdentity(resident_id=resident.pk, method="digid", name=resident.full_name)


@never_cache
def digid_start(request: HttpRequest) -> HttpResponse:
    if not isinstance(identification.identification_backend(), DigiDLogin) or not digid_config().configured:
        raise Http404("DigiD is niet ingericht")
    try:
        return authorization_redirect(request, digid_config())
    except Refusal as refusal:
        return _refused(request, refusal)


@never_cache
def digid_callback(request: HttpRequest) -> HttpResponse:
    if not isinstance(identification.identification_backend(), DigiDLogin) or not digid_config().configured:
        raise Http404("DigiD is niet ingericht")
    try:
        claims, _id_token = callback_claims(request, digid_config())
        identity = identity_from_claims(claims)
    except Refusal as refusal:
        return _refused(request, refusal)
    identification.identity_login(request, identity)
    return redirect("wijziging:form")


def _refused(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    audit_record(
        actor=None,
        code="resident.identification_failed",
        purpose="Mislukte DigiD-login (wijziging doorgeven)",
        after={"methode": "digid", "reden": refusal.reason},
    )
    return render(request, "prevention/public/digid_refused.html", {"message": refusal.message}, status=403)
