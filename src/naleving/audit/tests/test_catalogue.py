"""Every catalogue code belongs to a group, and the groups sort reads from writes as the FG expects."""

import pytest

from naleving.audit.catalogue import CATALOGUE, GROUPS, codes_in_group, group_of, grouped_choices


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_a_group(code):
    assert group_of(code) in GROUPS, f"{code} has no group: add its object to _GROUP_BY_OBJECT"


def test_the_groups_split_the_catalogue_without_overlap():
    grouped = [code for group in GROUPS for code in codes_in_group(group)]
    assert sorted(grouped) == sorted(CATALOGUE)


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("resident.viewed", "inzage"),
        ("resident.searched", "inzage"),
        ("investigation.document_downloaded", "inzage"),
        ("resident.exported", "inzage"),
        ("resident.changed", "wijziging"),
        ("signal.registered", "wijziging"),
        ("user.role_granted", "accounts"),
        ("user.otp_removed", "accounts"),
        ("resident.identified", "accounts"),
        ("decision.recorded", "besluiten"),
        ("claim.waived", "besluiten"),
        ("parameters.approved", "beheer"),
        ("filter.approved", "themacontroles"),
        ("audit.searched", "auditlog"),
        ("audit.resident_history_viewed", "auditlog"),
    ],
)
def test_group_of(code, group):
    assert group_of(code) == group


def test_an_unknown_object_has_no_group():
    assert group_of("spaceship.launched") is None


def test_the_code_choices_are_grouped_and_in_dutch():
    choices = dict(grouped_choices())
    assert list(choices) == list(GROUPS.values())
    assert ("resident.viewed", "Dossier van inwoner bekeken") in choices["Inzage"]
