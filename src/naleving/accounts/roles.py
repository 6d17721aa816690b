"""The roles of overview.md as Django groups, each with the permissions it grants.

Code checks permissions (``user.has_perm("signals.triage_signal")``), never group names; this table is
the only place that ties the two together. ``roles_sync`` makes the database match it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    description: str
    permissions: tuple[str, ...]


ROLES: tuple[Role, ...] = (
    Role(
        "inkomensconsulent",
        "Inkomensconsulent",
        "Eigen caseload, signalen registreren, preventie, besluiten vastleggen (eindregie).",
        (
            "residents.view_caseload",
            "residents.add_resident",
            "residents.change_resident",
            "signals.add_signal",
            "signals.view_signal",
            "investigations.view_investigation",
            "decisions.view_besluit",
            "decisions.record_besluit",
            "decisions.handle_bezwaar",
            "claims.view_vordering",
            "claims.manage_vordering",
            "prevention.view_preventiveintervention",
            "prevention.add_preventiveintervention",
            "prevention.add_referral",
        ),
    ),
    Role(
        "handhaver",
        "Handhaver / toezichthouder",
        "Toegewezen onderzoeken, onderzoekshandelingen (Awb 5.2) vastleggen, advies aan de consulent.",
        (
            "residents.view_investigated",
            "signals.add_signal",
            "signals.view_signal",
            "signals.triage_signal",
            "investigations.view_investigation",
            "investigations.conduct_investigation",
            "decisions.view_besluit",
        ),
    ),
    Role(
        "teamleider",
        "Teamleider",
        "Werk van het team inzien en verdelen, besluiten boven drempels medeondertekenen, wettelijke bedragen goedkeuren.",
        (
            "residents.view_team",
            "signals.view_signal",
            "signals.triage_signal",
            "investigations.view_investigation",
            "investigations.assign_investigation",
            "decisions.view_besluit",
            "decisions.cosign_besluit",
            "decisions.handle_bezwaar",
            "ruleset.approve_parameterset",
            "claims.view_vordering",
            "prevention.view_preventiveintervention",
            "reports.view_reports",
            "reports.view_unsuppressed",
            "controls.view_register",
        ),
    ),
    Role(
        "data_analist",
        "Data-analist",
        "Themacontroles op aangeleverde data draaien; ziet treffers, geen dossiers.",
        ("controls.run_control", "reports.view_reports"),
    ),
    Role(
        "fg",
        "Functionaris gegevensbescherming",
        "Filters goedkeuren, auditlog lezen, inzagerapporten, bezwaren tegen verwerking (AVG art. 21) beslissen; geen besluiten.",
        (
            "audit.view_auditevent",
            "controls.approve_filter",
            "reports.view_reports",
            "residents.decide_privacy_objection",
            "retention.view_destruction",
            "retention.approve_destruction_fg",
        ),
    ),
    Role(
        "beleid",
        "Beleidsmedewerker / management",
        "Alleen geaggregeerde rapportages, kleine aantallen onderdrukt.",
        ("reports.view_reports",),
    ),
    Role(
        "beheerder",
        "Applicatiebeheerder",
        "Gebruikers, rollen, wettelijke bedragen en beleidsprofielen voorstellen; geen dossierinhoud.",
        (
            "accounts.manage_users",
            "accounts.view_user",
            "accounts.add_user",
            "accounts.change_user",
            "accounts.view_team",
            "accounts.add_team",
            "accounts.change_team",
            "auth.view_group",
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
            "accounts.approve_role_grant",
            "ruleset.propose_parameterset",
            "retention.view_destruction",
            "retention.propose_destruction",
            "ops.view_health",
            "gemeenten.manage_gemeente",
        ),
    ),
    Role(
        "archivaris",
        "Archivaris",
        "Vernietigingslijsten beoordelen en goedkeuren (Archiefwet); geen dossierinhoud.",
        ("retention.view_destruction", "retention.approve_destruction"),
    ),
)

ROLE_BY_KEY = {role.key: role for role in ROLES}

#: Permissions that approve someone else's work (four eyes): co-signing a besluit, approving legal amounts,
#: approving a theme-control filter (FG) and approving a role grant. A role holding any of them is an
#: *approver role*: granting it needs a second person (ADR 0018), or one person could approve himself.
APPROVAL_PERMISSIONS: frozenset[str] = frozenset(
    {
        "decisions.cosign_besluit",
        "ruleset.approve_parameterset",
        "controls.approve_filter",
        "accounts.approve_role_grant",
        "retention.approve_destruction",
        "retention.approve_destruction_fg",
    }
)


def role_needs_second_person(key: str) -> bool:
    """Whether granting this role waits for another person's approval."""
    return bool(APPROVAL_PERMISSIONS.intersection(ROLE_BY_KEY[key].permissions))


ROLE_CHOICES: tuple[tuple[str, str], ...] = tuple((role.key, role.name) for role in ROLES)
