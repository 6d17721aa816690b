"""Writes for users and roles."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from naleving.accounts.models import Team, User
from naleving.accounts.roles import ROLE_BY_KEY, ROLES
from naleving.audit.services import audit_record


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def roles_sync() -> list[Group]:
    """Create or update one group per role with exactly the permissions the role table grants."""
    groups = []
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set([_permission(p) for p in role.permissions])
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
) -> User:
    """Create a staff user in one role. The password is hashed; the audit log records the creation.

    Only roles that manage users (the beheerder) get access to the Django admin (is_staff).
    """
    definition = ROLE_BY_KEY[role]
    group = Group.objects.get(name=definition.name)
    is_staff = "accounts.manage_users" in definition.permissions
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        team=team,
        is_staff=is_staff,
        email=email,
    )
    user.set_password(password)
    user.save()
    user.groups.add(group)
    audit_record(actor=actor, code="user.created", obj=user, after={"username": username, "role": role})
    return user


def user_roles(user: User) -> list[str]:
    names = set(user.groups.values_list("name", flat=True))
    return [role.name for role in ROLES if role.name in names]
