"""Writes for users, teams and roles (Beheer › Gebruikers). Each writes its audit event in its transaction.

Two rules keep a beheerder from making himself (or a crony) more powerful (ADR 0018):

- roles come only from the role table (``roles.py``); nothing here sets ``is_superuser``, ``is_staff`` or
  direct permissions, and nobody changes his own roles;
- an *approver role* (one that co-signs, approves legal amounts, filters or role grants) is not granted
  but requested: it takes effect when another person with ``accounts.approve_role_grant`` approves it,
  never the requester and never the user who gets the role.
"""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import CharField, QuerySet, Value
from django.utils import timezone
from django_otp import device_classes
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from naleving.accounts.models import Invitation, RoleGrant, Team, User
from naleving.accounts.permissions import APPROVE_ROLE_GRANT, MANAGE_USERS
from naleving.accounts.roles import ROLE_BY_KEY, ROLES, role_needs_second_person
from naleving.audit.services import audit_record
from naleving.common.compiled import rows_for

MANAGE = MANAGE_USERS
APPROVE_GRANT = APPROVE_ROLE_GRANT


class AccountRefused(Exception):
    """A user-management action that is not allowed; ``message`` is Dutch and shown as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _permission_ids(dotted: Iterable[str], known: dict[str, int]) -> set[int]:
    """The ids of ``dotted`` permissions from ``known`` (all permissions, read once); one that is missing is
    looked up on its own, so it fails as ``_permission`` does (``Permission.DoesNotExist``)."""
    return {known[name] if name in known else _permission(name).pk for name in dotted}


@transaction.atomic
def roles_sync() -> list[Group]:
    """Create or update one group per role with exactly the permissions the role table grants.

    Reads all permissions and the groups' current ones once, and writes only a group whose permissions
    differ: after every migration and for every test that asks for the roles, usually nothing changes."""
    known = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    existing = {group.name: group for group in Group.objects.filter(name__in=[role.name for role in ROLES])}
    current: dict[int, set[int]] = {group.pk: set() for group in existing.values()}
    pairs = Group.permissions.through.objects.filter(group__in=existing.values())
    for group_id, permission_id in pairs.values_list("group_id", "permission_id"):
        current[group_id].add(permission_id)
    groups = []
    for role in ROLES:
        group = existing.get(role.name) or Group.objects.create(name=role.name)
        wanted = _permission_ids(role.permissions, known)
        if current.get(group.pk) != wanted:
            group.permissions.set(wanted)
        groups.append(group)
    return groups


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    team: Team | None = None,
    email: str = "",
    password_hash: str = "",
) -> User:
    """Create a user with a known password in one role, without the four-eyes step.

    For the command line, the demo and test fixtures only (``actor`` is usually None): the product's
    beheer pages use ``user_invite``, where the beheerder never knows the password. ``password_hash``, when
    given, is ``make_password(password)`` computed once by a caller that creates many users with the same
    password (the demo): it is stored as it is, instead of hashing ``password`` again.
    """
    group = Group.objects.get(name=ROLE_BY_KEY[role].name)
    user = User(username=username, first_name=first_name, last_name=last_name, team=team, email=email)
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.save()
    user.groups.add(group)
    audit_record(actor=actor, code="user.created", obj=user, after={"username": username, "role": role})
    return user


#: where ``group_names`` keeps a user's group names on the user object
GROUP_NAMES_CACHE = "_naleving_group_names"
#: whether the user had a confirmed second-factor device when ``authorisation_load`` read his roles: for the
#: second-factor middleware only, which asks before the view can add or remove one
HAS_DEVICE_CACHE = "_naleving_has_device"


def authorisation_load(user: User) -> None:
    """Read the user's groups and permissions together, in one query, and keep them on the user object
    where ``group_names`` and Django's ``ModelBackend`` look for them (``_user_perm_cache``,
    ``_group_perm_cache``, ``_perm_cache``), with whether he has a confirmed second-factor device
    (``HAS_DEVICE_CACHE``, for ``SecondFactorMiddleware``): four queries on every page become one.

    Does nothing for a user whose roles or permissions were read already, for an inactive user (Django gives
    him no permissions) and for a superuser (Django gives him every permission)."""
    if (
        not user.is_active
        or user.is_superuser
        or getattr(user, GROUP_NAMES_CACHE, None) is not None
        or hasattr(user, "_perm_cache")
    ):
        return
    rows = _authorisation_rows(user)
    names, user_perms, group_perms = set(), set(), set()
    has_device = False
    for group, app_label, codename in rows:
        if group is None and codename is None:
            has_device = True
            continue
        if group is None:
            user_perms.add(f"{app_label}.{codename}")
            continue
        names.add(group)
        if codename is not None:  # a group without permissions still names a role
            group_perms.add(f"{app_label}.{codename}")
    # setattr, not __dict__: the request's user is a lazy object that passes attributes on to the user
    setattr(user, GROUP_NAMES_CACHE, frozenset(names))
    setattr(user, HAS_DEVICE_CACHE, has_device)
    user._user_perm_cache = user_perms
    user._group_perm_cache = group_perms
    user._perm_cache = user_perms | group_perms


def _authorisation_query(user_id) -> QuerySet:
    """The user's (group name, app label, codename) rows: a row per permission of each of his groups (a group
    without permissions gives one row with NULLs), a row (NULL, app label, codename) per permission of his
    own, and a row of three NULLs per confirmed second-factor device."""
    none = Value(None, output_field=CharField())
    # no ORDER BY in the parts (Permission orders by default): SQLite allows none inside a UNION
    own = (
        Permission.objects.filter(user=user_id)
        .order_by()
        .values_list(none, "content_type__app_label", "codename")
    )
    devices = [
        model.objects.filter(user=user_id, confirmed=True).order_by().values_list(none, none, none)
        for model in device_classes()
    ]
    return (
        Group.objects.filter(user=user_id)
        .order_by()
        .values_list("name", "permissions__content_type__app_label", "permissions__codename")
        .union(own, *devices, all=True)
    )


def _authorisation_rows(user: User) -> list[tuple]:
    """``_authorisation_query(user.pk)``'s rows. Every page of a signed-in user asks; building and compiling
    the union of four querysets cost more than running it (7 ms against 2.4 ms on the bench machine), so it
    is compiled once per process (``common.compiled``)."""
    return rows_for("accounts.authorisation", Group, _authorisation_query, user.pk)[1]


def group_names(user: User) -> frozenset[str]:
    """The names of the user's groups, read once per user object, as Django keeps its permissions.

    Every page asks twice (the second-factor middleware and the header's roles); the request's user is a new
    object per request, so a change of roles counts from the next request. ``apps.AccountsConfig`` forgets
    the names when the user's groups change through this object (``user.groups.add/remove/set/clear``)."""
    names = getattr(user, GROUP_NAMES_CACHE, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, GROUP_NAMES_CACHE, names)
    return names


def user_roles(user: User) -> list[str]:
    """The names of the user's roles, in the order of the role table."""
    names = group_names(user)
    return [role.name for role in ROLES if role.name in names]


def user_role_keys(user: User) -> list[str]:
    """The keys of the user's roles, in the order of the role table."""
    names = group_names(user)
    return [role.key for role in ROLES if role.name in names]


def _need(actor: User, permission: str = MANAGE) -> None:
    if not actor.has_perm(permission):
        raise AccountRefused("U mag geen gebruikers beheren.")


def _guard_target(actor: User, user: User) -> None:
    if user.pk == actor.pk:
        raise AccountRefused("U kunt uw eigen account niet beheren; vraag een andere beheerder.")
    if user.is_superuser and not actor.is_superuser:
        raise AccountRefused("Dit is een technisch beheeraccount; dat beheert u niet hier.")


def _roles_apply(*, actor: User, user: User, wanted: set[str]) -> list[RoleGrant]:
    """Remove roles at once; add ordinary roles at once and request approver roles (four eyes)."""
    unknown = wanted - set(ROLE_BY_KEY)
    if unknown:
        raise AccountRefused("Kies rollen uit de lijst.")
    current = set(user_role_keys(user))
    for key in sorted(current - wanted):
        user.groups.remove(Group.objects.get(name=ROLE_BY_KEY[key].name))
        audit_record(actor=actor, code="user.role_revoked", obj=user, before={"role": key})
    requested = []
    for key in sorted(wanted - current):
        if role_needs_second_person(key):
            grant, created = RoleGrant.objects.get_or_create(
                user=user, role=key, status=RoleGrant.Status.AANGEVRAAGD, defaults={"requested_by": actor}
            )
            if created:
                audit_record(actor=actor, code="user.role_grant_requested", obj=user, after={"role": key})
            requested.append(grant)
        else:
            user.groups.add(Group.objects.get(name=ROLE_BY_KEY[key].name))
            audit_record(actor=actor, code="user.role_granted", obj=user, after={"role": key})
    return requested


@transaction.atomic
def user_invite(
    *,
    actor: User,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    team: Team | None,
    roles: list[str],
) -> tuple[User, str]:
    """Create a user without a password and issue his invitation; return the user and the raw token.

    The token is only given to the invitation e-mail, never shown to the beheerder.
    """
    _need(actor)
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, team=team)
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=actor,
        code="user.created",
        obj=user,
        after={"username": username, "email": email, "team": team.name if team else "", "roles": roles},
    )
    _roles_apply(actor=actor, user=user, wanted=set(roles))
    return user, invitation_issue(actor=actor, user=user)


@transaction.atomic
def user_change(*, actor: User, user: User, team: Team | None, roles: list[str]) -> list[RoleGrant]:
    """Change a user's team and roles; approver roles are requested, not granted."""
    _need(actor)
    _guard_target(actor, user)
    if user.team_id != (team.pk if team else None):
        before = user.team.name if user.team else ""
        user.team = team
        user.save(update_fields=["team"])
        audit_record(
            actor=actor,
            code="user.changed",
            obj=user,
            before={"team": before},
            after={"team": team.name if team else ""},
        )
    return _roles_apply(actor=actor, user=user, wanted=set(roles))


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> None:
    """Block the account: no login, open invitations revoked, open role requests rejected."""
    _need(actor)
    _guard_target(actor, user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
    RoleGrant.objects.filter(user=user, status=RoleGrant.Status.AANGEVRAAGD).update(
        status=RoleGrant.Status.AFGEWEZEN, decided_by=actor, decided_at=now
    )
    audit_record(actor=actor, code="user.deactivated", obj=user)


@transaction.atomic
def user_password_reset(*, actor: User, user: User) -> str:
    """A lost password or phone: clear the password and every second factor and issue a new invitation.

    The beheerder never sets or sees a password; the user sets a new one and a new second factor.
    """
    _need(actor)
    _guard_target(actor, user)
    if not user.email:
        # The link goes only to the user's own address; the beheerder cannot set one (he could take over).
        raise AccountRefused("Deze gebruiker heeft geen e-mailadres; de nieuwe uitnodiging kan nergens heen.")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    removed = (
        TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    )
    audit_record(actor=actor, code="user.password_reset", obj=user, after={"second_factors_removed": removed})
    return invitation_issue(actor=actor, user=user)


@transaction.atomic
def user_unlock(*, actor: User, user: User) -> int:
    """Lift the lock-out after five failed logins (django-axes) before the hour has passed."""
    from axes.utils import reset

    _need(actor)
    count = reset(username=user.username)
    audit_record(actor=actor, code="user.unlocked", obj=user, after={"attempts_cleared": count})
    return count


@transaction.atomic
def team_create(*, actor: User, name: str) -> Team:
    _need(actor)
    team = Team.objects.create(name=name)
    audit_record(actor=actor, code="team.created", obj=team, after={"name": name})
    return team


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_issue(*, actor: User | None, user: User) -> str:
    """A new single-use invitation (earlier open ones are revoked); returns the raw token, stored hashed."""
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    hours = getattr(settings, "NALEVING_INVITATION_HOURS", 72)
    invitation = Invitation.objects.create(
        user=user, token_hash=_token_hash(token), created_by=actor, expires_at=now + timedelta(hours=hours)
    )
    audit_record(
        actor=actor, code="user.invited", obj=user, after={"invitation": invitation.pk, "valid_hours": hours}
    )
    return token


def invitation_get(token: str) -> Invitation | None:
    """The usable invitation for this token (not used, not revoked, not expired, active user), or None."""
    invitation = Invitation.objects.select_related("user").filter(token_hash=_token_hash(token)).first()
    if invitation is None or not invitation.is_usable() or not invitation.user.is_active:
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """The invited user sets his own password; the link is used up in the same transaction."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable():
        raise AccountRefused("Deze uitnodiging is al gebruikt of verlopen.")
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    user = locked.user
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=user, code="user.password_set", obj=user, after={"invitation": locked.pk})
    return user


def _check_grant_decider(actor: User, grant: RoleGrant) -> None:
    if not actor.has_perm(APPROVE_GRANT):
        raise AccountRefused("U mag geen roltoekenningen goedkeuren.")
    if grant.status != RoleGrant.Status.AANGEVRAAGD:
        raise AccountRefused("Over deze aanvraag is al beslist.")
    if grant.user_id == actor.pk:
        raise AccountRefused("U kunt niet beslissen over een rol voor uzelf.")


@transaction.atomic
def role_grant_approve(*, actor: User, grant: RoleGrant) -> RoleGrant:
    """The second person approves: the role takes effect. Never the requester, never the user himself."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    _check_grant_decider(actor, grant)
    if grant.requested_by_id == actor.pk:
        raise AccountRefused("U heeft deze rol zelf aangevraagd; een ander moet hem goedkeuren (vier ogen).")
    if not grant.user.is_active:
        raise AccountRefused("Dit account is geblokkeerd.")
    grant.status, grant.decided_by, grant.decided_at = RoleGrant.Status.GOEDGEKEURD, actor, timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    grant.user.groups.add(Group.objects.get(name=ROLE_BY_KEY[grant.role].name))
    audit_record(
        actor=actor,
        code="user.role_grant_approved",
        obj=grant.user,
        after={"role": grant.role, "requested_by": grant.requested_by_id},
    )
    return grant


@transaction.atomic
def role_grant_reject(*, actor: User, grant: RoleGrant) -> RoleGrant:
    """Reject (or, by the requester, withdraw) a request; the role is not granted."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    _check_grant_decider(actor, grant)
    grant.status, grant.decided_by, grant.decided_at = RoleGrant.Status.AFGEWEZEN, actor, timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=actor, code="user.role_grant_rejected", obj=grant.user, after={"role": grant.role})
    return grant


@transaction.atomic
def role_grant_approve_cli(*, grant: RoleGrant) -> RoleGrant:
    """Approve on the command line (``naleving role-grants --approve``): the start-up path, no actor."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk, status=RoleGrant.Status.AANGEVRAAGD)
    grant.status, grant.decided_at = RoleGrant.Status.GOEDGEKEURD, timezone.now()
    grant.save(update_fields=["status", "decided_at"])
    grant.user.groups.add(Group.objects.get(name=ROLE_BY_KEY[grant.role].name))
    audit_record(
        actor=None,
        code="user.role_grant_approved",
        obj=grant.user,
        after={"role": grant.role, "requested_by": grant.requested_by_id, "via": "command line"},
    )
    return grant
