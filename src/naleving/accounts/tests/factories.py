"""Factories for teams and users. ``UserFactory(consulent=True)`` gives a user in that role's group.

Role traits: ``consulent`` (alias ``inkomensconsulent``), ``handhaver``, ``teamleider``, ``data_analist``,
``fg``, ``beleid`` and ``beheerder``. The role groups come from ``roles_sync`` (the ``roles`` fixture); the
post-generation hook runs it itself when the groups do not exist yet.
"""

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory, Password

from naleving.accounts.models import Team, User
from naleving.accounts.roles import ROLE_BY_KEY
from naleving.accounts.services import roles_sync

TEST_PASSWORD = "test-wachtwoord-naleving"


def role_group(role: str) -> Group:
    """The group of a role key, creating all role groups with their permissions when missing."""
    name = ROLE_BY_KEY[role].name
    group = Group.objects.filter(name=name).first()
    if group is None:
        roles_sync()
        group = Group.objects.get(name=name)
    return group


def _role_hook(default: str | None) -> factory.PostGeneration:
    """A post-generation hook that adds the role's group (the role passed in, else ``default``)."""

    def add_group(user: User, create: bool, extracted: str | None, **kwargs) -> None:
        role = extracted or default
        if create and role:
            user.groups.add(role_group(role))

    return factory.PostGeneration(add_group)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda user: f"{user.username}@demostad.example")
    password = Password(TEST_PASSWORD)
    team = None
    is_staff = False
    # Tests run in one municipality unless they say otherwise (cross-municipality tests set gemeenten).
    all_gemeenten = True

    class Params:
        consulent = factory.Trait(role=_role_hook("inkomensconsulent"), team=factory.SubFactory(TeamFactory))
        inkomensconsulent = factory.Trait(
            role=_role_hook("inkomensconsulent"), team=factory.SubFactory(TeamFactory)
        )
        handhaver = factory.Trait(role=_role_hook("handhaver"), team=factory.SubFactory(TeamFactory))
        teamleider = factory.Trait(role=_role_hook("teamleider"), team=factory.SubFactory(TeamFactory))
        data_analist = factory.Trait(role=_role_hook("data_analist"))
        fg = factory.Trait(role=_role_hook("fg"))
        beleid = factory.Trait(role=_role_hook("beleid"))
        beheerder = factory.Trait(role=_role_hook("beheerder"))
        archivaris = factory.Trait(role=_role_hook("archivaris"))

    #: ``UserFactory(role="fg")`` also works: the role key passed in wins over a trait's.
    role = _role_hook(None)
