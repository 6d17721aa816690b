"""The demo organisation's staff: two teams and one or more users per role, all with one known password.

Used by ``naleving demo-users`` and, first of all, by ``naleving demo-data``, which spreads the demo
municipality's caseload over these users. Everything here is idempotent: running it again changes nothing.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import transaction

from naleving.accounts.models import Team, User
from naleving.accounts.permissions import MANAGE_USERS
from naleving.accounts.roles import ROLE_BY_KEY
from naleving.accounts.services import roles_sync, user_create

DEMO_PASSWORD = "demo-naleving-2026"
TEAM_NOORD = "Team Noord"
TEAM_ZUID = "Team Zuid"
DEMO_TEAMS = (TEAM_NOORD, TEAM_ZUID)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str = ""

    @property
    def manages_users(self) -> bool:
        """The beheerder manages users under Beheer › Gebruikers (no Django admin: ADR 0018)."""
        return MANAGE_USERS in ROLE_BY_KEY[self.role].permissions


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("consulent", "Sanne", "de Vries", "inkomensconsulent", TEAM_NOORD),
    DemoUser("consulent2", "Daan", "Jansen", "inkomensconsulent", TEAM_NOORD),
    DemoUser("consulent3", "Fatima", "El Khatib", "inkomensconsulent", TEAM_NOORD),
    DemoUser("consulent4", "Lotte", "Bakker", "inkomensconsulent", TEAM_ZUID),
    DemoUser("consulent5", "Ruben", "van Dijk", "inkomensconsulent", TEAM_ZUID),
    DemoUser("consulent6", "Esra", "Yilmaz", "inkomensconsulent", TEAM_ZUID),
    DemoUser("handhaver", "Mark", "Visser", "handhaver", TEAM_NOORD),
    DemoUser("handhaver2", "Inge", "Smit", "handhaver", TEAM_ZUID),
    DemoUser("teamleider", "Marieke", "Meijer", "teamleider", TEAM_NOORD),
    DemoUser("teamleider2", "Jeroen", "de Boer", "teamleider", TEAM_ZUID),
    DemoUser("analist", "Priya", "Ramdin", "data_analist"),
    DemoUser("fg", "Hanneke", "Mulder", "fg"),
    DemoUser("beleid", "Thomas", "Hendriks", "beleid"),
    DemoUser("beheerder", "Kees", "Dekker", "beheerder"),
    DemoUser("archivaris", "Wilma", "Koster", "archivaris"),
)


@dataclass
class DemoStaff:
    """The demo users grouped the way the demo municipality needs them."""

    users: dict[str, User] = field(default_factory=dict)
    consulenten: dict[str, list[User]] = field(default_factory=dict)
    handhavers: dict[str, list[User]] = field(default_factory=dict)
    teamleiders: dict[str, list[User]] = field(default_factory=dict)

    def add(self, spec: DemoUser, user: User) -> None:
        self.users[spec.username] = user
        by_role = {
            "inkomensconsulent": self.consulenten,
            "handhaver": self.handhavers,
            "teamleider": self.teamleiders,
        }
        if spec.role in by_role:
            by_role[spec.role].setdefault(spec.team, []).append(user)


def _user_ensure(spec: DemoUser, team: Team | None, groups: dict[str, Group]) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        return user_create(
            actor=None,
            username=spec.username,
            password=DEMO_PASSWORD,
            role=spec.role,
            first_name=spec.first_name,
            last_name=spec.last_name,
            team=team,
            email=f"{spec.username}@demostad.example",
        )
    # An existing user keeps its password; only its role and team are brought back in line.
    # No demo user reaches the Django admin (ADR 0018): an older demo database gave the beheerder is_staff.
    if user.team_id != (team.pk if team else None) or user.is_staff:
        user.team, user.is_staff = team, False
        user.save(update_fields=["team", "is_staff"])
    user.groups.add(groups[ROLE_BY_KEY[spec.role].name])
    return user


@transaction.atomic
def demo_users_ensure() -> DemoStaff:
    """Sync the roles, then create the demo teams and users that do not exist yet."""
    groups = {group.name: group for group in roles_sync()}
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in DEMO_TEAMS}
    staff = DemoStaff()
    for spec in DEMO_USERS:
        staff.add(spec, _user_ensure(spec, teams.get(spec.team), groups))
    return staff


def demo_users_table() -> list[tuple[str, str, str, str, str]]:
    """Rows of (username, password, role, team, what the role sees) for the printed overview."""
    rows = []
    for spec in DEMO_USERS:
        role = ROLE_BY_KEY[spec.role]
        sees = role.description + (" Beheer: /beheer/gebruikers/." if spec.manages_users else "")
        rows.append((spec.username, DEMO_PASSWORD, role.name, spec.team or "-", sees))
    return rows
