"""The demo's decisions are the decision engine's: every besluit replays to the response stored with it, its
request is the one the real flow builds, and the demo package holds no norm or sanction table of its own."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from naleving import rules
from naleving.decisions.deviation import SEVERITY
from naleving.decisions.engine_request import age_band, build_request
from naleving.decisions.models import Besluit, BesluitStatus, SanctionType
from naleving.demo import common
from naleving.residents.models import Benefit
from naleving.ruleset.selectors import current_seq

#: The demo is loaded once per module (or class) and worker: all the module's tests in one worker load it once.
pytestmark = pytest.mark.xdist_group("demo-decisions")

RESIDENTS = 200
SEED = 2026
REFERENCE = date(2026, 11, 1)
DEMO_PACKAGE = Path(common.__file__).parent
#: the engine's outcome in a response; the trace and followups explain it
OUTCOME = ("rules_version", "profile", "decision_date", "breach", "benadelingsbedrag", "correction", "recovery",
           "sanction", "suspension")  # fmt: skip


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Gemeente Demostad with 200 residents, loaded once for the module and rolled back after it."""
    from naleving.demo.load import demo_municipality_load

    with pytest.MonkeyPatch.context() as patch:
        # Not pytest-django's ``settings``: the theme controls' deliveries wait in a folder of the test's own.
        patch.setattr(settings, "NALEVING_DELIVERY_DIR", tmp_path_factory.mktemp("leveringen"))
        with django_db_blocker.unblock(), transaction.atomic():
            demo_municipality_load(residents=RESIDENTS, seed=SEED, reference_date=REFERENCE)
            # the maatregelen (demo.maatregelen, their own tests) rest on a verzuim, not on an investigation
            besluiten = Besluit.objects.exclude(sanction_type=SanctionType.MAATREGEL)
            yield list(besluiten.select_related("investigation", "resident").order_by("pk"))
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_demo_decision_replays_to_its_stored_response(demo):
    assert len(demo) > 10
    for besluit in demo:
        replayed = rules.response_to_dict(rules.evaluate(rules.parse_request(besluit.engine_request)))

        assert {key: replayed[key] for key in OUTCOME} == {
            key: besluit.engine_response[key] for key in OUTCOME
        }
        assert replayed == besluit.engine_response
        assert besluit.rules_version == besluit.engine_response["rules_version"] == rules.rules_version()
        # None: the shipped files; the demo verordening figures for the maatregelen are approved after them
        assert besluit.parameter_set_seq is None and current_seq() is not None


@pytest.mark.django_db
def test_naleving_decide_replay_is_green_for_every_demo_decision(demo):
    """`naleving decide --replay ID` (exit 0 only when identical) for each demo besluit."""
    import io

    from django.core.management import call_command

    for besluit in demo:
        out = io.StringIO()
        call_command("decide", "--replay", str(besluit.pk), stdout=out)  # a difference raises (exit 1)
        assert '"identical": true' in out.getvalue()


def primary(demo: list[Besluit]) -> list[Besluit]:
    """The besluiten the demo generated; the decisions on objection (demo.objections) have their own tests."""
    return [besluit for besluit in demo if besluit.kind == "primair"]


@pytest.mark.django_db
def test_besluiten_store_the_outcome_as_the_real_flow_does(demo):
    for besluit in primary(demo):
        response = besluit.engine_response
        proposed_fine = Decimal(response["sanction"]["fine_amount"] or "0.00")
        proposed_recovery = Decimal(response["recovery"]["amount"])

        assert besluit.benadelingsbedrag == Decimal(response["benadelingsbedrag"])
        assert besluit.correction_type == response["correction"]["type"]
        assert besluit.profile == response["profile"] == settings.NALEVING_DEFAULT_PROFILE
        assert besluit.status in (BesluitStatus.VASTGESTELD, BesluitStatus.VERVANGEN)
        chosen = (besluit.sanction_type, besluit.fine_amount, besluit.recovery_amount)
        assert besluit.deviates == (
            chosen != (response["sanction"]["type"], proposed_fine, proposed_recovery)
        )
        if besluit.deviates:  # maatwerk: lighter, never heavier, with a motivation (besluit_record's checks)
            assert SEVERITY[besluit.sanction_type] <= SEVERITY[response["sanction"]["type"]]
            assert besluit.recovery_amount <= proposed_recovery
            if besluit.sanction_type == response["sanction"]["type"]:
                assert besluit.fine_amount <= proposed_fine
            assert besluit.deviation_motivation and besluit.omgekeerde_toets and besluit.cosigned_by
        assert (besluit.fine_amount > 0) == (besluit.sanction_type == SanctionType.BOETE)
        policy = rules.four_eyes_policy(besluit.profile, besluit.decision_date)
        reasons = policy.reasons(
            sanction_type=besluit.sanction_type, fine_amount=besluit.fine_amount,
            recovery_amount=besluit.recovery_amount, deviates=besluit.deviates,
        )  # fmt: skip
        assert besluit.four_eyes_reasons == [{"code": r.code, "text": r.text_nl} for r in reasons]
        assert (besluit.cosigned_by is not None) == bool(reasons)
    assert any(b.deviates for b in demo) and any(not b.deviates for b in demo)


@pytest.mark.django_db
def test_the_demo_asks_what_the_real_flow_asks(demo):
    """The request equals ``build_request`` on the stored investigation. Only the history may miss a sanction:
    the theme controls' cases are decided after the rest of the demo, so a decision of theirs is not in the
    history of an earlier-generated one with a later date (every sanction the demo did see is real). A besluit
    objected to later is asked again with the days of its objection (``limitation_paused_days``)."""
    for besluit in primary(demo):
        real = build_request(investigation=besluit.investigation, decision_date=besluit.decision_date)
        stored = dict(besluit.engine_request)

        real_history = real.pop("history")
        assert all(item in real_history for item in stored.pop("history"))
        if besluit.bezwaren.exists():
            real["violation"].pop("limitation_paused_days", None)
        assert stored == real


@pytest.mark.django_db
def test_decision_dates_lie_where_the_engine_has_parameters(demo):
    first, last = common.decidable_window(settings.NALEVING_DEFAULT_PROFILE, date(2024, 11, 1), REFERENCE)

    assert first == date(2025, 1, 1) and last >= REFERENCE
    assert all(first <= besluit.decision_date < REFERENCE for besluit in demo)
    assert all(besluit.decision_date >= besluit.investigation.closed_on for besluit in demo)


@pytest.mark.django_db
def test_benefit_norms_are_the_engines(demo):
    benefits = list(Benefit.objects.select_related("resident"))

    first, last = common.decidable_window(settings.NALEVING_DEFAULT_PROFILE, date(2024, 11, 1), REFERENCE)
    for benefit in benefits:
        # on its last day, or the reference date while it runs; a benefit that ended before the first norms
        # the engine has (at the AOW age, before the demo period) gets the first of them
        on = min(max(benefit.end_date or REFERENCE, first), last)
        band = age_band(benefit.resident.birth_date, on)
        assert benefit.norm_amount == rules.norm(benefit.household_type, band, benefit.kostendelers, on)
    assert rules.norm("alleenstaande", "21_to_aow", 1, REFERENCE) in {b.norm_amount for b in benefits}


def test_a_reference_date_after_the_shipped_parameters_keeps_decisions_inside_them():
    window = common.decidable_window(settings.NALEVING_DEFAULT_PROFILE, date(2026, 6, 1), date(2028, 5, 31))

    assert window is not None
    rules.norm("alleenstaande", "21_to_aow", 1, window[1])  # no ParameterNotInForce on the last day
    with pytest.raises(rules.ParameterNotInForce):
        rules.norm("alleenstaande", "21_to_aow", 1, window[1] + common.ONE_DAY)


def test_the_demo_has_no_norm_or_sanction_table_of_its_own():
    """Norms, percentages and thresholds come from naleving.rules: no module of the demo holds a norm amount
    of the shipped parameters, and the demo's own engine (sanctions.py) is gone."""
    assert not (DEMO_PACKAGE / "sanctions.py").exists()
    norms = {
        f"{rules.norm(kind, band, 1, on):.2f}"
        for kind in ("alleenstaande", "alleenstaande_ouder", "gehuwden")
        for band in ("21_to_aow", "18_to_20", "aow")
        for on in (date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1), date(2026, 7, 1))
    }
    for module in DEMO_PACKAGE.glob("*.py"):
        source = module.read_text()
        assert not norms & set(re.findall(r"\d+\.\d\d", source)), module.name
        assert not re.search(r"rules_version\s*=\s*\"demo\"|RULES_VERSION|PERCENTAGE|WARNING_MAX", source), (
            module.name
        )


@pytest.mark.django_db
def test_every_demo_besluit_has_its_weighing_and_a_motivation_with_the_engines_amounts(demo):
    from naleving.common.formatting import euro
    from naleving.decisions.weighing import weighing_check

    for besluit in primary(demo):  # a decision on objection carries the motivation of that decision
        weighing_check(
            besluit.weging, besluit.sanction_type, besluit.verwijtbaarheid
        )  # every required answer
        assert besluit.weging["rol_gemeente"] and besluit.motivation.strip()
        if besluit.sanction_type == SanctionType.BOETE:
            assert f"U krijgt een boete van {euro(besluit.fine_amount)}" in besluit.motivation
            assert besluit.weging["verwijtbaarheid_redenen"] in besluit.motivation


@pytest.mark.django_db
def test_the_demo_objects_and_appeals_through_the_real_services(demo):
    """demo.objections: a deels gegrond (or ongegrond) decision on objection replacing its besluit, one in
    beroep, one open and one withdrawn, each with its audit event; the new version replays as its original."""
    from naleving.audit.models import AuditEvent
    from naleving.decisions.models import Beroep, Bezwaar

    bezwaren = list(Bezwaar.objects.select_related("besluit", "decision").order_by("pk"))
    assert [b.outcome for b in bezwaren][2:] == ["", "ingetrokken"]
    assert AuditEvent.objects.filter(code="objection.registered").count() == len(bezwaren) == 4
    for bezwaar in (b for b in bezwaren if b.decision is not None):
        new, old = bezwaar.decision, bezwaar.besluit
        assert (new.kind, new.replaces_id, old.status) == ("op_bezwaar", old.pk, BesluitStatus.VERVANGEN)
        assert new.fine_amount <= old.fine_amount and new.sent_on > new.decision_date
        assert set(new.vorderingen.values_list("kind", flat=True)) and not old.vorderingen.exists()
        replayed = rules.response_to_dict(rules.evaluate(rules.parse_request(new.engine_request)))
        assert replayed == new.engine_response
    assert Beroep.objects.filter(outcome="", instance="beroep").count() == 1
