"""The demo organisation's staff: two teams and one or more users per role, all with one known password.

Used by ``naleving demo-users`` and, first of all, by ``naleving demo-data``, which spreads the demo
municipality's caseload over these users. Everything here is idempotent: running it again changes nothing.

Demostad's users work for all of its (one) municipality. In a shared service centre (``--org mer`` or
``baanbrekers``) consulenten and handhavers work for one municipality, a teamleider for the municipalities of
the team, and the FG, analist, beleid, beheerder and archivaris for all of them (issue #17).
"""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from naleving.accounts.models import Team, User
from naleving.accounts.permissions import MANAGE_USERS
from naleving.accounts.roles import ROLE_BY_KEY
from naleving.accounts.services import roles_sync, user_create
from naleving.demo.gemeenten import organisation_ensure
from naleving.demo.organisations import ORGANISATIONS, TEAM_NOORD, TEAM_ZUID
from naleving.gemeenten.models import Gemeente

DEMO_PASSWORD = "demo-naleving-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str = ""
    gemeenten: tuple[str, ...] = ()  # the municipalities (names) the user works for; empty: all of them

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
#: the analist, FG, beleid, beheerder and archivaris: no team, and every municipality of the organisation
_ORGANISATION_WIDE = tuple(spec for spec in DEMO_USERS if not spec.team)


def _centre_users(teams: tuple[str, str], gemeenten: tuple[str, str, str]) -> tuple[DemoUser, ...]:
    """A shared service centre: the first municipality is a team of its own, the other two share one.
    Each municipality has two consulenten and a handhaver of its own; the second teamleider leads two."""
    first, second, third = gemeenten
    team_of = {first: teams[0], second: teams[1], third: teams[1]}
    people = [spec for spec in DEMO_USERS if spec.role == "inkomensconsulent"]
    consulenten = tuple(
        DemoUser(spec.username, spec.first_name, spec.last_name, spec.role, team_of[g], (g,))
        for spec, g in zip(people, (first, first, second, second, third, third), strict=True)
    )
    return (
        *consulenten,
        DemoUser("handhaver", "Mark", "Visser", "handhaver", teams[0], (first,)),
        DemoUser("handhaver2", "Inge", "Smit", "handhaver", teams[1], (second,)),
        DemoUser("handhaver3", "Youssef", "Benali", "handhaver", teams[1], (third,)),
        DemoUser("teamleider", "Marieke", "Meijer", "teamleider", teams[0], (first,)),
        DemoUser("teamleider2", "Jeroen", "de Boer", "teamleider", teams[1], (second, third)),
        *_ORGANISATION_WIDE,
    )


#: the demo users of each organisation (``demo.organisations``)
USERS_BY_ORGANISATION: dict[str, tuple[DemoUser, ...]] = {
    "demostad": DEMO_USERS,
    "mer": _centre_users(
        ("Team Meerssen", "Team Heuvelland"), ("Meerssen", "Eijsden-Margraten", "Valkenburg aan de Geul")
    ),
    "baanbrekers": _centre_users(
        ("Team Waalwijk", "Team Heusden-Loon op Zand"), ("Waalwijk", "Heusden", "Loon op Zand")
    ),
}


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
            # the caseloads the user works in: Demostad's teams, or a shared service centre's municipalities
            for caseload in spec.gemeenten or (spec.team,):
                by_role[spec.role].setdefault(caseload, []).append(user)


def _user_ensure(
    spec: DemoUser, team: Team | None, groups: dict[str, Group], domain: str, password_hash: str
) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=spec.username,
            password=DEMO_PASSWORD,
            password_hash=password_hash,
            role=spec.role,
            first_name=spec.first_name,
            last_name=spec.last_name,
            team=team,
            email=f"{spec.username}@{domain}",
        )
    # An existing user keeps its password; only its role, team and municipalities are brought back in line.
    # No demo user reaches the Django admin (ADR 0018): an older demo database gave the beheerder is_staff.
    all_gemeenten = not spec.gemeenten
    if user.team_id != (team.pk if team else None) or user.is_staff or user.all_gemeenten != all_gemeenten:
        user.team, user.is_staff, user.all_gemeenten = team, False, all_gemeenten
        user.save(update_fields=["team", "is_staff", "all_gemeenten"])
    user.gemeenten.set(Gemeente.objects.filter(name__in=spec.gemeenten))
    user.groups.add(groups[ROLE_BY_KEY[spec.role].name])
    return user


@transaction.atomic
def demo_users_ensure(organisation: str = "demostad") -> DemoStaff:
    """Sync the roles, then create the demo teams and users of ``organisation`` that do not exist yet (its
    municipalities first: the users are scoped to them)."""
    organisation_ensure(organisation)
    specs = USERS_BY_ORGANISATION[organisation]
    groups = {group.name: group for group in roles_sync()}
    team_names = dict.fromkeys(spec.team for spec in specs if spec.team)
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in team_names}
    staff = DemoStaff()
    # Every demo user has the same password: hash it once for all the new ones (a real PBKDF2 hash, half a
    # second of CPU each), not once per user.
    existing = User.objects.filter(username__in=[spec.username for spec in specs]).count()
    password_hash = make_password(DEMO_PASSWORD) if existing < len(specs) else ""
    for spec in specs:
        user = _user_ensure(
            spec, teams.get(spec.team), groups, ORGANISATIONS[organisation].email_domain, password_hash
        )
        staff.add(spec, user)
    return staff


def demo_users_table(organisation: str = "demostad") -> list[tuple[str, ...]]:
    """Rows of (username, password, role, team, municipalities, what the role sees) for the printed overview."""
    rows = []
    for spec in USERS_BY_ORGANISATION[organisation]:
        role = ROLE_BY_KEY[spec.role]
        sees = role.description + (" Beheer: /beheer/gebruikers/." if spec.manages_users else "")
        gemeenten = ", ".join(spec.gemeenten) or "alle"
        rows.append((spec.username, DEMO_PASSWORD, role.name, spec.team or "-", gemeenten, sees))
    return rows
