"""Propose and approve dated amounts with four eyes; the engine uses them; besluiten replay with their set."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from naleving import rules
from naleving.audit.models import AuditEvent
from naleving.decisions import law_change
from naleving.decisions import services as decisions
from naleving.decisions.replay import replay
from naleving.ruleset import selectors, services
from naleving.ruleset.checks import SetRefused
from naleving.ruleset.models import SetStatus
from naleving.ruleset.tests.amounts import NORMS_2027, SOURCE, norms_yaml, policy_yaml

pytestmark = pytest.mark.django_db
JAN_2027 = date(2027, 1, 5)


def propose(world, text=None, **kwargs):
    return services.parameterset_propose(
        actor=world["beheerder"], text=text or norms_yaml(), source_url=SOURCE, **kwargs
    )


def approve(world, parameter_set, **kwargs):
    return services.parameterset_approve(actor=world["teamleider"], parameter_set=parameter_set, **kwargs)


def test_an_approved_set_is_in_force_and_names_itself_in_rules_version(world):
    with pytest.raises(rules.ParameterNotInForce):
        rules.norm("alleenstaande", "21_to_aow", 1, JAN_2027, selectors.registry())
    proposed = propose(world)
    assert proposed.status == SetStatus.PROPOSED and proposed.seq is None
    with pytest.raises(rules.ParameterNotInForce):  # not in force before approval
        rules.norm("alleenstaande", "21_to_aow", 1, JAN_2027, selectors.registry())
    approved = approve(world, proposed)
    assert (approved.status, approved.seq, approved.decided_by) == (
        SetStatus.APPROVED,
        1,
        world["teamleider"],
    )
    assert rules.norm("alleenstaande", "21_to_aow", 1, JAN_2027, selectors.registry()) == Decimal("1440.00")
    assert selectors.registry().version.endswith("+set1")
    codes = list(
        AuditEvent.objects.filter(object_type="ruleset.parameterset")
        .order_by("pk")
        .values_list("code", flat=True)
    )
    assert codes == ["parameters.proposed", "parameters.approved"]


def test_the_proposer_cannot_approve_nor_can_a_role_without_the_permission(world):
    proposed = propose(world)
    with pytest.raises(SetRefused) as refused:
        services.parameterset_approve(actor=world["beheerder"], parameter_set=proposed)
    assert refused.value.code == "four_eyes"
    with pytest.raises(PermissionDenied):
        services.parameterset_approve(actor=world["consulent"], parameter_set=proposed)
    with pytest.raises(PermissionDenied):
        services.parameterset_propose(actor=world["consulent"], text=norms_yaml(), source_url=SOURCE)
    rejected = services.parameterset_reject(
        actor=world["teamleider"], parameter_set=proposed, note="Bron klopt niet."
    )
    assert rejected.status == SetStatus.REJECTED
    with pytest.raises(SetRefused) as again:
        approve(world, rejected)
    assert again.value.code == "not_open"


@pytest.mark.parametrize(
    ("text", "code", "field"),
    [
        ("scope: [law", "invalid_file", "-"),
        (
            norms_yaml().replace("value: 1440.00", "value: veel"),
            "invalid_file",
            "norm.alleenstaande.21_to_aow.values[0].value",
        ),
        (norms_yaml().replace("norm.gehuwden.aow", "norm.studenten"), "invalid_file", "norm.studenten"),
        (norms_yaml(skip=("norm.gehuwden.aow",)), "incomplete", "norm.gehuwden.aow"),
        (norms_yaml(start="2027-02-01"), "gap", "norm.alleenstaande.21_to_aow.values[0].valid_from"),
    ],
)
def test_an_invalid_file_is_refused_naming_the_parameter_and_field(world, text, code, field):
    with pytest.raises(SetRefused) as refused:
        propose(world, text)
    assert (refused.value.code, refused.value.field) == (code, field)


def test_two_open_proposals_for_the_same_period_overlap(world):
    first = propose(world)
    with pytest.raises(SetRefused) as refused:
        propose(world, norms_yaml({**NORMS_2027, "norm.alleenstaande.aow": "1611.00"}))
    assert refused.value.code == "overlap" and str(first.pk) in refused.value.message


def test_an_approved_value_overrides_the_shipped_one_for_its_period(world):
    text = norms_yaml({name: "1500.00" for name in NORMS_2027}, start="2026-07-01", end="2026-12-31")
    proposed = propose(world, text, note="Correctie")
    overrides = {(o["name"], o["origin"]) for o in proposed.checks["overrides"]}
    assert ("norm.alleenstaande.21_to_aow", "meegeleverd") in overrides
    approve(world, proposed)
    in_force = rules.parameters_in_force("landelijk", date(2026, 12, 2), selectors.registry())["parameters"]
    assert in_force["norm.alleenstaande.21_to_aow"]["value"] == "1500.00"
    assert in_force["norm.alleenstaande.21_to_aow"]["set_by"] == "beheer, set 1"
    assert in_force["norm.alleenstaande.21_to_aow"]["valid_to"] == "2026-12-31"
    before = rules.parameters_in_force("landelijk", date(2026, 6, 30), selectors.registry())["parameters"]
    assert before["norm.alleenstaande.21_to_aow"]["value"] == "1401.50"


def test_a_change_of_more_than_ten_percent_is_flagged_and_needs_a_note(world):
    text = policy_yaml("draagkracht.norm_percentage", "6")  # 5 -> 6 is +20 %
    proposed = propose(world, text)
    assert proposed.checks["flagged"][0]["name"] == "draagkracht.norm_percentage"
    assert proposed.checks["flagged"][0]["change_percent"] == "20.0"
    with pytest.raises(SetRefused) as refused:
        approve(world, proposed)
    assert (refused.value.code, refused.value.field) == ("note_required", "note")
    assert (
        approve(world, proposed, note="Nieuwe jurisprudentie, besproken in het MT.").status
        == SetStatus.APPROVED
    )


def test_a_profile_version_extends_groningen(world, settings):
    from naleving.rules.registry import PROFILE_DIR

    text = (
        (PROFILE_DIR / "groningen-2024.yaml")
        .read_text()
        .replace("valid_to: 2026-12-31", "valid_to: 2027-12-31")
    )
    proposed = propose(world, text)
    assert proposed.kind == "profiel" and proposed.checks["profile"]["valid_to"] == "2027-12-31"
    assert proposed.checks["profile"]["replaces"]["valid_to"] == "2026-12-31"
    approve(world, proposed)
    assert selectors.registry().profile("groningen-2024").in_force(date(2027, 6, 1))


def test_the_effect_preview_lists_open_cases_whose_outcome_changes(world, make_breach):
    open_case = make_breach(benadelingsbedrag=Decimal("5000.00"))
    proposed = propose(world)
    changed = law_change.effect_preview(parameter_set=proposed, on=JAN_2027)
    case = next(c for c in changed if c["investigation"] == open_case.pk)
    assert case["before"] == "geen besluit mogelijk (bedrag ontbreekt)"
    assert case["after"] == "boete, boete € 864.00, terugvordering € 5000.00"  # 12 x 5 % x 1440.00
    assert law_change.effect_preview(parameter_set=proposed, on=date(2026, 12, 1)) == []


def test_a_besluit_replays_with_its_old_amounts_after_an_approved_change(world, breach, record):
    from naleving.decisions.models import Besluit

    old = record(breach)
    assert old.parameter_set_seq is None
    assert replay(old.pk)["identical"] is True
    # a correction of the norms in force on the decision date (2026-05-01) is approved afterwards
    correction = {name: str(Decimal(v) - 10) for name, v in NORMS_2027.items()}
    approve(
        world, propose(world, norms_yaml(correction, start="2026-01-01", end="2026-06-30"), note="Correctie")
    )
    outcome = replay(old.pk)
    assert outcome["identical"] is True and outcome["parameter_set_seq"] is None
    # a new proposal now uses the set, and stores it
    new_proposal = decisions.decision_evaluate(actor=world["consulent"], data=old.engine_request)
    assert new_proposal["rules_version"].endswith("+set1")
    stored = Besluit.objects.get(pk=old.pk)
    stored.parameter_set_seq = 1  # as if it had been decided with the set: the replay now differs
    stored.save(update_fields=["parameter_set_seq"])
    differing = replay(old.pk)
    assert differing["identical"] is False
    assert any(d["path"] == "rules_version" for d in differing["differences"])
    assert replay(999999)["error"]["code"] == "not_found"


def test_the_besluit_page_names_the_parameter_set(world, breach, record, client):
    from django.urls import reverse

    approve(world, propose(world))
    besluit = record(breach)
    assert besluit.parameter_set_seq == 1 and besluit.rules_version.endswith("+set1")
    client.force_login(world["consulent"])
    body = client.get(reverse("decisions:detail", args=[besluit.pk])).content.decode()
    assert "goedgekeurde parametersets tot en met set 1" in body
