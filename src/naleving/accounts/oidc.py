"""Staff single sign-on with the municipality's OpenID Connect provider, next to local accounts. ADR 0022.

Configured per installation from the environment (``NALEVING_OIDC``; docs/howto/sso.md). After the provider's
ID token has passed the checks of ``oidc_client.py``, ``sso_user_sync`` maps its claims onto the Naleving user:

- the username (``USERNAME_CLAIM``) finds the user, or a new one without a password is made;
- the roles (``ROLES_CLAIM``, through ``ROLE_MAP`` when the provider sends its own group names) replace the
  user's roles; an approver role is not granted at once but requested, so a second person still approves it
  (ADR 0018);
- the team (``TEAM_CLAIM``, a team name) and the municipalities (``GEMEENTEN_CLAIM``, CBS codes or "*");
- a missing or unknown claim refuses the login with a Dutch message that names the claim.

Whether the provider's two-step login counts (``provider_two_step``): an ``acr`` in ``TWO_STEP_ACR`` or an
``amr`` method in ``TWO_STEP_AMR``. Otherwise the local second factor applies as for a password login.
"""

from typing import Any

from django.conf import settings
from django.db import transaction

from naleving.accounts.models import Team, User
from naleving.accounts.oidc_client import ProviderConfig, Refusal
from naleving.accounts.roles import ROLE_BY_KEY
from naleving.accounts.services import _roles_apply, user_role_keys
from naleving.audit.services import audit_record
from naleving.gemeenten.models import Gemeente

#: Session key of a single-sign-on login: the provider's two-step, the ID token (for logout).
SSO_SESSION_KEY = "naleving.accounts.sso"


def sso_settings() -> dict[str, Any]:
    return dict(getattr(settings, "NALEVING_OIDC", {}))


def staff_config() -> ProviderConfig:
    conf = sso_settings()
    return ProviderConfig(
        name="staff",
        issuer=conf.get("ISSUER", ""),
        client_id=conf.get("CLIENT_ID", ""),
        client_secret=conf.get("CLIENT_SECRET", ""),
        scopes=conf.get("SCOPES", "openid profile email"),
        callback="accounts:sso_callback",
    )


def sso_enabled() -> bool:
    return staff_config().configured


def _missing(claim: str, what: str) -> Refusal:
    return Refusal(
        f"Inloggen via uw organisatie is geweigerd: de inlogdienst gaf geen {what} mee (claim '{claim}' "
        "ontbreekt). Vraag de beheerder van uw organisatie om deze claim mee te geven.",
        f"missing_claim:{claim}",
    )


def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [v for v in raw.replace(",", " ").split() if v]
    return [str(v) for v in raw]


def provider_two_step(claims: dict[str, Any]) -> bool:
    conf = sso_settings()
    acr_ok = str(claims.get("acr", "")) in set(conf.get("TWO_STEP_ACR", []))
    amr_ok = bool(set(_values(claims.get("amr"))) & set(conf.get("TWO_STEP_AMR", [])))
    return acr_ok or amr_ok


def roles_from_claims(claims: dict[str, Any]) -> set[str]:
    conf = sso_settings()
    claim = conf.get("ROLES_CLAIM", "roles")
    if claim not in claims:
        raise _missing(claim, "rol")
    mapping = conf.get("ROLE_MAP") or {}
    keys = {mapping.get(value, value if not mapping else "") for value in _values(claims[claim])}
    keys = {key for key in keys if key in ROLE_BY_KEY}
    if not keys:
        raise Refusal(
            f"Inloggen via uw organisatie is geweigerd: de inlogdienst gaf geen rol mee die Naleving kent "
            f"(claim '{claim}'). Vraag de beheerder van uw organisatie om u een rol voor Naleving te geven.",
            f"no_known_role:{claim}",
        )
    return keys


def gemeenten_from_claims(claims: dict[str, Any]) -> tuple[bool, list[Gemeente]] | None:
    """(all municipalities, the municipalities), or None when the installation maps none from claims."""
    claim = sso_settings().get("GEMEENTEN_CLAIM", "gemeenten")
    if not claim:
        return None
    if claim not in claims:
        raise _missing(claim, "gemeente")
    codes = set(_values(claims[claim]))
    if "*" in codes:
        return True, []
    found = list(Gemeente.objects.filter(code__in=codes))
    unknown = codes - {g.code for g in found}
    if unknown or not found:
        raise Refusal(
            f"Inloggen via uw organisatie is geweigerd: onbekende gemeentecode in claim '{claim}' "
            f"({', '.join(sorted(unknown)) or 'leeg'}).",
            f"unknown_gemeente:{claim}",
        )
    return False, found


def team_from_claims(claims: dict[str, Any]) -> Team | None:
    claim = sso_settings().get("TEAM_CLAIM", "team")
    name = str(claims.get(claim) or "") if claim else ""
    if not name:
        return None
    team = Team.objects.filter(name=name).first()
    if team is None:
        raise Refusal(
            f"Inloggen via uw organisatie is geweigerd: team '{name}' (claim '{claim}') bestaat niet in Naleving.",
            f"unknown_team:{claim}",
        )
    return team


@transaction.atomic
def sso_user_sync(*, claims: dict[str, Any]) -> User:
    """The Naleving user for these verified claims, with roles, team and municipalities from them."""
    claim = sso_settings().get("USERNAME_CLAIM", "preferred_username")
    username = str(claims.get(claim) or "")[:150]
    if not username:
        raise _missing(claim, "gebruikersnaam")
    roles = roles_from_claims(claims)
    gemeenten = gemeenten_from_claims(claims)
    team = team_from_claims(claims)
    user = User.objects.select_for_update().filter(username=username).first()
    if user is not None and user.is_superuser:
        raise Refusal(
            "Technische beheeraccounts loggen alleen lokaal in, niet via uw organisatie.", "superuser"
        )
    if user is not None and not user.is_active:
        raise Refusal("Uw account in Naleving is geblokkeerd. Neem contact op met de beheerder.", "inactive")
    created = user is None
    if user is None:
        user = User(username=username)
        user.set_unusable_password()
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    user.email = str(claims.get("email") or user.email)[:254]
    user.team = team if team is not None else user.team
    if gemeenten is not None:
        user.all_gemeenten = gemeenten[0]
    user.save()
    if gemeenten is not None:
        user.gemeenten.set(gemeenten[1])
    if created:
        audit_record(actor=None, code="user.created", obj=user, after={"username": username, "via": "sso"})
    # actor None: the provider, not a person, asks; approver roles still wait for a second person.
    _roles_apply(actor=None, user=user, wanted=roles)  # type: ignore[arg-type]
    return user


def sso_login_recorded(*, user: User, two_step: bool) -> None:
    audit_record(
        actor=user,
        code="user.logged_in",
        after={
            "via": "sso",
            "second_factor": "provider" if two_step else "local",
            "roles": user_role_keys(user),
        },
    )


def provider_logout_url(request: Any, sso: dict[str, Any] | None) -> str | None:
    """Where to send the browser after a local logout of an SSO session: the provider's end-session page."""
    if not sso or not sso.get("id_token") or not sso_enabled():
        return None
    from django.urls import reverse

    from naleving.accounts.oidc_client import end_session_url

    return end_session_url(
        staff_config(),
        id_token=str(sso["id_token"]),
        return_to=request.build_absolute_uri(reverse("accounts:login")),
    )
