"""What a verified SSO token becomes in Naleving (ADR 0022): roles, team, municipalities, refusals that name
the claim, the provider's two-step, and the end of an SSO session. The browser flow against a real provider
is tests/browser/test_oidc_logins.py; these tests take the claims as that flow hands them over."""

import time

import pytest
from django.urls import reverse

from naleving.accounts.models import RoleGrant, User
from naleving.accounts.oidc import SSO_SESSION_KEY, provider_two_step, sso_user_sync
from naleving.accounts.oidc_client import Refusal
from naleving.accounts.services import user_role_keys
from naleving.accounts.tests.factories import TeamFactory, UserFactory, role_group
from naleving.gemeenten.tests.factories import GemeenteFactory


@pytest.fixture
def oidc_settings(settings):
    role_group("handhaver")  # the role groups exist (roles_sync)
    settings.NALEVING_OIDC = {
        **settings.NALEVING_OIDC,
        "ROLE_MAP": {"GRP-Handhaving": "handhaver", "GRP-Teamleiding": "teamleider"},
        "TWO_STEP_ACR": ["urn:example:mfa"],
        "TWO_STEP_AMR": ["otp"],
    }
    return settings


def _claims(**extra):
    return {
        "sub": "abc",
        "preferred_username": "h.devries",
        "roles": ["GRP-Handhaving"],
        "gemeenten": "GM0867",
        **extra,
    }


@pytest.mark.django_db
def test_groups_map_to_roles_and_an_approver_role_is_only_requested(oidc_settings):
    GemeenteFactory(code="GM0867", name="Groningen")
    user = sso_user_sync(claims=_claims(roles=["GRP-Handhaving", "GRP-Teamleiding", "Other"]))
    assert user_role_keys(user) == ["handhaver"]
    grant = RoleGrant.objects.get(user=user)
    assert grant.role == "teamleider" and grant.status == RoleGrant.Status.AANGEVRAAGD
    assert [g.code for g in user.gemeenten.all()] == ["GM0867"] and not user.all_gemeenten
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_roles_team_and_municipalities_follow_the_provider_at_every_login(oidc_settings):
    GemeenteFactory(code="GM0867", name="Groningen")
    team = TeamFactory(name="Team Oost")
    sso_user_sync(claims=_claims())
    user = sso_user_sync(claims=_claims(gemeenten=["*"], team="Team Oost", roles="GRP-Handhaving"))
    assert user.all_gemeenten and list(user.gemeenten.all()) == [] and user.team == team
    assert User.objects.filter(username="h.devries").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("claims", "named"),
    [
        ({"preferred_username": None}, "claim 'preferred_username' ontbreekt"),
        ({"roles": None}, "claim 'roles' ontbreekt"),
        ({"gemeenten": None}, "claim 'gemeenten' ontbreekt"),
        ({"roles": ["Onbekend"]}, "geen rol mee die Naleving kent (claim 'roles')"),
        ({"gemeenten": ["GM0001"]}, "onbekende gemeentecode in claim 'gemeenten' (GM0001)"),
        ({"team": "Team Nergens"}, "team 'Team Nergens' (claim 'team') bestaat niet"),
    ],
)
def test_a_missing_or_unknown_claim_refuses_and_names_it(oidc_settings, claims, named):
    GemeenteFactory(code="GM0867", name="Groningen")
    given = {k: v for k, v in _claims(**claims).items() if v is not None}
    with pytest.raises(Refusal) as refused:
        sso_user_sync(claims=given)
    assert named in refused.value.message
    assert not User.objects.filter(username="h.devries").exists()


@pytest.mark.django_db
def test_a_superuser_never_logs_in_through_sso(oidc_settings):
    GemeenteFactory(code="GM0867", name="Groningen")
    UserFactory(username="h.devries", is_superuser=True)
    with pytest.raises(Refusal, match="alleen lokaal"):
        sso_user_sync(claims=_claims())


def test_the_providers_two_step_is_read_from_acr_or_amr(settings):
    settings.NALEVING_OIDC = {
        **settings.NALEVING_OIDC,
        "TWO_STEP_ACR": ["urn:example:mfa"],
        "TWO_STEP_AMR": ["otp"],
    }
    assert provider_two_step({"amr": ["pwd", "otp"]})
    assert provider_two_step({"acr": "urn:example:mfa"})
    assert not provider_two_step({"amr": ["pwd"], "acr": "urn:example:password"})
    assert not provider_two_step({})


def _sso_session(client, user, *, two_step: bool, until: float):
    client.force_login(user)
    session = client.session
    session[SSO_SESSION_KEY] = {"two_step": two_step, "id_token": "", "until": until}
    session.save()


@pytest.mark.django_db
def test_local_second_factor_unless_the_provider_did_two_step(client, settings, world):
    settings.NALEVING_2FA_REQUIRED_ROLES = ["*"]
    _sso_session(client, world["handhaver"], two_step=False, until=time.time() + 600)
    assert client.get("/").url.startswith(reverse("accounts:otp_setup"))
    _sso_session(client, world["handhaver"], two_step=True, until=time.time() + 600)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_an_sso_session_ends_after_its_minutes(client, world):
    _sso_session(client, world["handhaver"], two_step=True, until=time.time() - 1)
    response = client.get("/signalen/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
