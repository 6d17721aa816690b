"""Issue #14 (Critical): the beheerder could make himself superuser in the Django admin and read every case.

Per role: no Django admin, no superuser flag or direct permissions anywhere; approver roles need a second
person (never the requester, never the user himself); invitation links are single use and expire; role,
password and second-factor changes land in the product's audit chain.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.accounts import services
from naleving.accounts.models import Invitation, RoleGrant, User
from naleving.accounts.roles import ROLES, role_needs_second_person
from naleving.audit.models import AuditEvent
from naleving.audit.services import audit_verify

ROLE_USERS = ["consulent", "handhaver", "teamleider", "analist", "fg", "beleid", "beheerder"]
NEW_PASSWORD = "een-heel-lang-nieuw-wachtwoord-7"


def _second_beheerder(make_user):
    return make_user("beheerder", username="beheerder2")


def _codes(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).order_by("id").values_list("code", flat=True))


def _invite_link() -> str:
    return re.search(r"https?://\S+/account/uitnodiging/\S+/", mail.outbox[-1].body).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_USERS)
def test_no_role_reaches_the_django_admin(client, world, role):
    client.force_login(world[role])
    for url in ("/beheer/", "/beheer/accounts/user/", f"/beheer/accounts/user/{world[role].pk}/change/"):
        assert client.get(url).status_code in (403, 404), (role, url)
    response = client.post(
        f"/beheer/accounts/user/{world[role].pk}/change/", {"is_superuser": "on", "username": role}
    )
    world[role].refresh_from_db()
    assert response.status_code in (403, 404) and not world[role].is_superuser


@pytest.mark.django_db
def test_superuser_sees_the_admin_read_only_without_user_or_device_pages(client, world):
    root = User.objects.create_superuser("root", "root@example.org", "een-lang-wachtwoord-root")
    client.force_login(root)
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/axes/accessattempt/").status_code == 200
    assert client.get("/beheer/axes/accessattempt/add/").status_code == 403
    for hidden in ("accounts/user", "auth/group", "otp_totp/totpdevice", "authtoken/tokenproxy"):
        assert client.get(f"/beheer/{hidden}/").status_code == 404, hidden


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_USERS)
def test_no_product_page_sets_superuser_or_direct_permissions(client, world, role):
    """Posting the flags at the beheer pages changes nothing: the forms do not know them."""
    target = world["consulent_zuid"]
    client.force_login(world[role])
    client.post(
        reverse("beheer:user_detail", args=[target.pk]),
        {"roles": ["inkomensconsulent"], "is_superuser": "on", "is_staff": "on", "user_permissions": ["1"]},
    )
    client.post(
        reverse("beheer:user_create"),
        {
            "first_name": "Kees",
            "last_name": "Kraai",
            "username": f"kraai_{role}",
            "email": "kraai@example.org",
            "roles": ["beleid"],
            "is_superuser": "on",
            "user_permissions": ["1"],
        },
    )
    assert not User.objects.filter(is_superuser=True).exists()
    assert not User.objects.filter(is_staff=True).exists()
    assert not User.user_permissions.through.objects.exists()


@pytest.mark.django_db
def test_roles_come_only_from_the_role_table(client, world):
    client.force_login(world["beheerder"])
    response = client.post(reverse("beheer:user_detail", args=[world["beleid"].pk]), {"roles": ["superuser"]})
    assert response.status_code == 200 and "utrecht-form-fieldset--invalid" in response.content.decode()
    with pytest.raises(services.AccountRefused):
        services.user_change(actor=world["beheerder"], user=world["beleid"], team=None, roles=["root"])


def test_approver_roles_are_the_ones_that_approve():
    approvers = {role.key for role in ROLES if role_needs_second_person(role.key)}
    # the archivaris approves destruction lists (with the FG): an approver role too (ADR 0020)
    assert approvers == {"teamleider", "fg", "beheerder", "archivaris"}


@pytest.mark.django_db
def test_beheerder_cannot_grant_himself_any_role(client, world):
    beheerder = world["beheerder"]
    client.force_login(beheerder)
    client.post(reverse("beheer:user_detail", args=[beheerder.pk]), {"roles": ["beheerder", "teamleider"]})
    assert not beheerder.has_perm("decisions.cosign_besluit")
    assert not RoleGrant.objects.filter(user=beheerder).exists()
    with pytest.raises(services.AccountRefused):
        services.user_change(
            actor=beheerder, user=beheerder, team=None, roles=["beheerder", "inkomensconsulent"]
        )


@pytest.mark.django_db
def test_crony_gets_an_approver_role_only_after_a_second_person(client, world, make_user):
    beheerder, crony = world["beheerder"], world["beleid"]
    client.force_login(beheerder)
    client.post(reverse("beheer:user_detail", args=[crony.pk]), {"roles": ["beleid", "teamleider"]})
    crony = User.objects.get(pk=crony.pk)  # fresh permission cache
    assert not crony.has_perm("ruleset.approve_parameterset")
    grant = RoleGrant.objects.get(user=crony, role="teamleider", status="aangevraagd")

    # The requester cannot approve his own request, by page or by service.
    client.post(reverse("beheer:grant_decide", args=[grant.pk]), {"decision": "approve"})
    grant.refresh_from_db()
    assert grant.status == "aangevraagd"
    with pytest.raises(services.AccountRefused):
        services.role_grant_approve(actor=beheerder, grant=grant)

    # A role without the approval permission cannot approve either.
    client.force_login(world["teamleider"])
    assert (
        client.post(reverse("beheer:grant_decide", args=[grant.pk]), {"decision": "approve"}).status_code
        == 403
    )

    second = _second_beheerder(make_user)
    client.force_login(second)
    client.post(reverse("beheer:grant_decide", args=[grant.pk]), {"decision": "approve"})
    grant.refresh_from_db()
    assert grant.status == "goedgekeurd" and grant.decided_by == second
    assert User.objects.get(pk=crony.pk).has_perm("ruleset.approve_parameterset")


@pytest.mark.django_db
def test_nobody_approves_a_grant_to_himself(world, make_user):
    """Beheerder 2 asked for beheerder 1 to become teamleider: beheerder 1 cannot approve it himself."""
    second = _second_beheerder(make_user)
    [grant] = services.user_change(
        actor=second, user=world["beheerder"], team=None, roles=["beheerder", "teamleider"]
    )
    with pytest.raises(services.AccountRefused, match="uzelf"):
        services.role_grant_approve(actor=world["beheerder"], grant=grant)
    grant.refresh_from_db()
    assert grant.status == "aangevraagd"


@pytest.mark.django_db
def test_a_new_beheerder_is_an_approver_role_too(world):
    """Else a beheerder could invite a sock-puppet beheerder and let it approve his requests."""
    user, _ = services.user_invite(
        actor=world["beheerder"],
        username="pop",
        email="pop@example.org",
        first_name="P",
        last_name="Op",
        team=None,
        roles=["beheerder"],
    )
    assert not user.has_perm("accounts.approve_role_grant")
    assert RoleGrant.objects.filter(user=user, role="beheerder", status="aangevraagd").exists()


@pytest.mark.django_db
def test_new_user_gets_a_single_use_invitation_and_the_beheerder_no_password(client, world):
    client.force_login(world["beheerder"])
    response = client.post(
        reverse("beheer:user_create"),
        {
            "first_name": "Nina",
            "last_name": "Nieuw",
            "username": "nina",
            "email": "nina@example.org",
            "roles": ["beleid"],
        },
    )
    assert response.status_code == 302
    nina = User.objects.get(username="nina")
    assert not nina.has_usable_password()
    link = _invite_link()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in client.get(response["Location"]).content.decode()  # not shown to the beheerder
    assert not Invitation.objects.filter(token_hash=token).exists()  # stored hashed
    client.logout()

    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp_setup")
    nina.refresh_from_db()
    assert nina.check_password(NEW_PASSWORD)
    client.logout()
    again = client.post(
        link, {"new_password1": "nog-een-ander-wachtwoord-9", "new_password2": "nog-een-ander-wachtwoord-9"}
    )
    assert again.status_code == 410
    nina.refresh_from_db()
    assert nina.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_invitation_expires(client, world):
    user, token = services.user_invite(
        actor=world["beheerder"],
        username="laat",
        email="laat@example.org",
        first_name="L",
        last_name="Aat",
        team=None,
        roles=["beleid"],
    )
    Invitation.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(minutes=1))
    url = reverse("accounts:invitation", args=[token])
    assert client.get(url).status_code == 410
    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 410 and "_auth_user_id" not in client.session
    assert not User.objects.get(pk=user.pk).has_usable_password()


@pytest.mark.django_db
def test_reset_wipes_password_and_factor_and_mails_a_new_link(client, world):
    target = world["consulent"]
    TOTPDevice.objects.create(user=target, name="telefoon", confirmed=True)
    client.force_login(world["beheerder"])
    client.post(reverse("beheer:user_reset", args=[target.pk]))
    target.refresh_from_db()
    assert target.has_usable_password()  # without an address on record the link could go nowhere
    User.objects.filter(pk=target.pk).update(email="consulent@demostad.example")
    client.post(reverse("beheer:user_reset", args=[target.pk]))
    target.refresh_from_db()
    assert not target.has_usable_password() and not TOTPDevice.objects.filter(user=target).exists()
    assert mail.outbox[-1].to == [target.email]


@pytest.mark.django_db
def test_role_password_and_second_factor_changes_are_audited(client, world, make_user):
    beheerder, target = world["beheerder"], world["beleid"]
    services.user_change(actor=beheerder, user=target, team=None, roles=["data_analist", "fg"])
    grant = RoleGrant.objects.get(user=target, role="fg")
    services.role_grant_approve(actor=_second_beheerder(make_user), grant=grant)
    target.email = "beleid@demostad.example"
    services.user_password_reset(actor=beheerder, user=target)
    services.user_deactivate(actor=beheerder, user=target)
    codes = _codes(object_id=str(target.pk), object_type="accounts.user")
    for code in (
        "user.role_granted",
        "user.role_revoked",
        "user.role_grant_requested",
        "user.role_grant_approved",
        "user.password_reset",
        "user.invited",
        "user.deactivated",
    ):
        assert code in codes, code

    from naleving.accounts import second_factor

    device = TOTPDevice.objects.create(user=world["fg"], name="telefoon", confirmed=False)
    second_factor.totp_confirm(user=world["fg"], device=device)
    second_factor.second_factor_remove(user=world["fg"])
    assert {"user.otp_enabled", "user.otp_removed"} <= set(_codes(actor_id=world["fg"].pk))
    assert audit_verify().ok


@pytest.mark.django_db
def test_start_up_grant_is_approved_on_the_command_line_and_audited(world):
    from django.core.management import call_command

    root = User.objects.create_superuser("root", "root@example.org", "een-lang-wachtwoord-root")
    user, _ = services.user_invite(
        actor=root,
        username="eerste",
        email="e@example.org",
        first_name="E",
        last_name="Erste",
        team=None,
        roles=["beheerder"],
    )
    grant = RoleGrant.objects.get(user=user)
    with pytest.raises(services.AccountRefused):
        services.role_grant_approve(actor=root, grant=grant)  # the superuser asked: not he
    call_command("role-grants", approve=grant.pk)
    assert User.objects.get(pk=user.pk).has_perm("accounts.approve_role_grant")
    assert AuditEvent.objects.filter(
        code="user.role_grant_approved", actor=None, object_id=str(user.pk)
    ).exists()
