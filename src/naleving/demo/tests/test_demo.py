"""The demo municipality is internally consistent, deterministic per seed and idempotent with --if-empty."""

from collections import Counter
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Sum

from naleving import rules
from naleving.accounts.models import User
from naleving.accounts.roles import ROLES
from naleving.audit.models import AuditEvent
from naleving.claims.models import ClaimStatus, Vordering
from naleving.decisions.engine_request import age_band
from naleving.decisions.models import Besluit, SanctionType
from naleving.demo.common import decidable_window
from naleving.demo.load import DEFAULT_ORGANISATION, MODELS, _run_new
from naleving.demo.people import households_build
from naleving.demo.tests.test_demo_controls import controls_fingerprint
from naleving.demo.users import DEMO_USERS
from naleving.investigations.choices import Outcome
from naleving.investigations.models import Investigation
from naleving.residents.choices import HouseholdType
from naleving.residents.models import Benefit, Resident
from naleving.residents.validators import bsn_is_valid
from naleving.signals.choices import Origin, Route
from naleving.signals.models import Signal

#: The demo is loaded once per module (or class) and worker: all the module's tests in one worker load it once.
pytestmark = pytest.mark.xdist_group("demo")

RESIDENTS = 150
SEED = 2026
REFERENCE = date(2026, 11, 1)


def _load(**options) -> str:
    out = StringIO()
    call_command("demo-data", residents=RESIDENTS, seed=SEED, stdout=out, **options)
    return out.getvalue()


def _usernames(role: str) -> set[str]:
    return {spec.username for spec in DEMO_USERS if spec.role == role}


@pytest.fixture(autouse=True)
def delivery_dir(monkeypatch, tmp_path):
    """The demo's theme control deliveries wait here for their run (and are deleted by it)."""
    # Not pytest-django's ``settings``: under an override SETTINGS_MODULE is None, which demo-data refuses.
    monkeypatch.setattr(settings, "NALEVING_DELIVERY_DIR", tmp_path / "leveringen")
    return settings.NALEVING_DELIVERY_DIR


@pytest.fixture(scope="module")
def _module_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo of 150 residents, loaded once for the module and rolled back after it (as ``setUpTestData``).
    The tests that load a demo themselves come first in the module, before this transaction opens."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "NALEVING_DELIVERY_DIR", tmp_path_factory.mktemp("leveringen"))
        with django_db_blocker.unblock():
            _seeded()  # a first load with the same seed, for the module's demo to be compared with
            with transaction.atomic():
                _load(if_empty=True)  # into the empty database: --if-empty loads (and a second adds nothing)
                yield
                transaction.set_rollback(True)


@pytest.fixture
def demo(_module_demo, db):
    """Each test runs in a savepoint inside the module's transaction: what it writes is rolled back."""


def _fingerprint() -> dict:
    return {
        "counts": {model._meta.label: model.objects.count() for model in MODELS},
        "residents": list(
            Resident.objects.order_by("bsn").values_list(
                "bsn",
                "first_names",
                "family_name",
                "birth_date",
                "postcode",
                "kostendelers",
                "consulent__username",
            )
        ),
        "benefits": sorted(
            map(str, Benefit.objects.values_list("resident__bsn", "start_date", "monthly_amount"))
        ),
        "signals": sorted(
            map(str, Signal.objects.values_list("resident__bsn", "origin", "kind", "received_on", "route"))
        ),
        "fines": sorted(
            map(str, Besluit.objects.values_list("resident__bsn", "sanction_type", "fine_amount"))
        ),
        "controls": controls_fingerprint(),
    }


class _Rollback(Exception):
    pass


def _loaded_then_rolled_back(seed: int) -> dict:
    """Load the demo with ``seed``, take its fingerprint and undo the load."""
    try:
        with transaction.atomic():
            call_command("demo-data", residents=RESIDENTS, seed=seed, stdout=StringIO())
            fingerprint = _fingerprint()
            raise _Rollback
    except _Rollback:
        pass
    assert not Resident.objects.exists()
    return fingerprint


#: The fingerprint of a load with SEED, taken once for the module (each load takes seconds).
_SEEDED: dict[int, dict] = {}


def _seeded() -> dict:
    if SEED not in _SEEDED:
        _SEEDED[SEED] = _loaded_then_rolled_back(SEED)
    return _SEEDED[SEED]


def _generated_bsns(seed: int) -> set[str]:
    """The BSNs of the residents the demo generates with ``seed``: its households as the load builds them, with
    nothing stored (the organisation and the users they are built for are rolled back)."""
    with transaction.atomic():
        run = _run_new(seed, RESIDENTS, REFERENCE, DEFAULT_ORGANISATION)
        households_build(run.ctx, run.pools, run.town, run.bsns, RESIDENTS)
        transaction.set_rollback(True)
    return run.bsns


@pytest.mark.django_db
def test_another_seed_gives_other_residents(db):
    first = {row[0] for row in _seeded()["residents"]}
    assert _generated_bsns(SEED) == first  # the households built are the residents the load stores

    other = _generated_bsns(SEED + 1)

    assert len(other) == RESIDENTS and len(first & other) < 5


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_municipality(demo):
    """The module's demo is a second load with the seed of ``_seeded`` (the fixture took that first): the same
    residents, casework and theme control runs with the same hits and effect."""
    seeded = _seeded()
    assert seeded["controls"]["runs"] and seeded["controls"]["hits"]
    assert _fingerprint() == seeded


def test_if_empty_on_a_filled_database_adds_nothing(demo):
    """The module's demo was loaded with --if-empty into the empty database (``_module_demo``); a second load
    with --if-empty adds nothing and says so."""
    before = {model._meta.label: model.objects.count() for model in MODELS}

    output = _load(if_empty=True)

    assert "niets geladen" in output
    assert {model._meta.label: model.objects.count() for model in MODELS} == before
    assert AuditEvent.objects.filter(code="demo.loaded").count() == 1


def test_bsns_are_valid_and_unique(demo):
    bsns = list(Resident.objects.values_list("bsn", flat=True))

    assert len(bsns) == RESIDENTS
    assert all(bsn_is_valid(bsn) for bsn in bsns)
    assert len(set(bsns)) == len(bsns)


@pytest.mark.django_db
def test_partners_share_an_address_and_point_to_each_other(demo):
    couples = Resident.objects.filter(partner__isnull=False).select_related("partner")

    assert couples.exists()
    for resident in couples:
        partner = resident.partner
        assert partner.partner_id == resident.pk
        assert resident.household_type == partner.household_type == HouseholdType.GEHUWDEN
        address = ("street", "house_number", "house_number_suffix", "postcode", "district")
        assert [getattr(resident, f) for f in address] == [getattr(partner, f) for f in address]
    assert not Resident.objects.filter(household_type=HouseholdType.GEHUWDEN, partner__isnull=True).exists()


@pytest.mark.django_db
def test_kostendelers_match_the_people_sharing_an_address(demo):
    for resident in Resident.objects.filter(household_type=HouseholdType.ALLEENSTAANDE, kostendelers__gt=1):
        housemates = Resident.objects.filter(
            street=resident.street,
            house_number=resident.house_number,
            house_number_suffix=resident.house_number_suffix,
        ).count()
        assert housemates in (
            1,
            resident.kostendelers,
        )  # 1: the others are not clients (an adult child, a parent)


@pytest.mark.django_db
def test_benefits_are_consistent_with_dates_and_norms(demo):
    benefits = list(Benefit.objects.select_related("resident"))

    assert 0.55 * RESIDENTS <= len(benefits) <= 0.85 * RESIDENTS
    first, last = decidable_window(settings.NALEVING_DEFAULT_PROFILE, date(2024, 11, 1), REFERENCE)
    for benefit in benefits:
        assert benefit.start_date < REFERENCE
        assert benefit.end_date is None or benefit.start_date <= benefit.end_date < REFERENCE
        on = min(max(benefit.end_date or REFERENCE, first), last)  # the norm of the nearest day with norms
        norm = rules.norm(
            benefit.household_type, age_band(benefit.resident.birth_date, on), benefit.kostendelers, on
        )
        assert benefit.norm_amount == norm
        assert Decimal("0") < benefit.monthly_amount <= benefit.norm_amount
        assert (benefit.household_type, benefit.kostendelers) == (
            benefit.resident.household_type, benefit.resident.kostendelers,
        )  # fmt: skip
    assert Decimal("1419.46") in {b.norm_amount for b in benefits}  # single 21+, from 2026-07-01


@pytest.mark.django_db
def test_every_breach_was_heard_before_closing_and_is_complete(demo):
    breaches = Investigation.objects.filter(outcome=Outcome.SCHENDING).prefetch_related(
        "hoor_en_wederhoor", "actions"
    )

    assert breaches.exists()
    for investigation in breaches:
        hearings = list(investigation.hoor_en_wederhoor.all())
        assert hearings and all(h.held_on <= investigation.closed_on for h in hearings)
        assert (
            investigation.violation_kind
            and investigation.verwijtbaarheid
            and investigation.verwijtbaarheid_motivation
        )
        assert investigation.period_start <= investigation.period_end < investigation.closed_on
        assert investigation.benadelingsbedrag > 0
        assert all(action.reason for action in investigation.actions.all())
        assert investigation.assigned_to.username in _usernames("handhaver")


@pytest.mark.django_db
def test_monthly_figures_add_up_to_the_benadelingsbedrag(demo):
    investigations = Investigation.objects.filter(finding_months__isnull=False).distinct()

    assert investigations.exists()
    for investigation in investigations.prefetch_related("finding_months"):
        months = list(investigation.finding_months.all())
        assert sum(m.paid - m.entitled for m in months) == investigation.benadelingsbedrag
        assert all(m.entitled >= 0 and investigation.period_start.replace(day=1) <= m.month for m in months)
        assert max(m.month for m in months) <= investigation.period_end


@pytest.mark.django_db
def test_at_most_one_open_investigation_per_resident(demo):
    open_per_resident = Counter(
        Investigation.objects.filter(status="open").values_list("resident_id", flat=True)
    )

    assert open_per_resident and max(open_per_resident.values()) == 1


@pytest.mark.django_db
def test_decisions_follow_the_national_rules(demo):
    # decisions on objection: test_demo_decisions.py; maatregelen (on a verzuim): test_demo_maatregelen.py
    generated = Besluit.objects.filter(kind="primair").exclude(sanction_type=SanctionType.MAATREGEL)
    for besluit in generated.select_related("investigation", "recorded_by", "cosigned_by"):
        assert besluit.investigation.outcome == Outcome.SCHENDING
        assert besluit.decision_date >= besluit.investigation.closed_on
        assert besluit.rules_version == rules.rules_version()
        assert besluit.recorded_by.username in _usernames("inkomensconsulent")
        if besluit.cosigned_by is not None:
            assert besluit.cosigned_by.username in _usernames("teamleider")
            assert besluit.four_eyes_reasons and besluit.cosigned_at > besluit.recorded_at
        if besluit.deviates:
            assert besluit.deviation_motivation and besluit.omgekeerde_toets and besluit.cosigned_by
            continue
        assert besluit.recovery_amount == besluit.benadelingsbedrag
        if besluit.sanction_type == SanctionType.WAARSCHUWING:  # small, or reported by the resident (2aa)
            assert (
                besluit.benadelingsbedrag <= 150 or "self_reported_on" in besluit.engine_request["violation"]
            )
        if besluit.verwijtbaarheid == "geen":
            assert besluit.sanction_type == SanctionType.GEEN


@pytest.mark.django_db
def test_repayments_never_exceed_the_claim(demo):
    claims = Vordering.objects.annotate(paid=Sum("aflossingen__amount"))

    assert claims.exists()
    for claim in claims:
        paid = claim.paid or Decimal("0")
        assert paid <= claim.amount
        assert (claim.status == ClaimStatus.BETAALD) == (paid == claim.amount)
        assert (claim.status == ClaimStatus.OPEN) == (claim.status_changed_on is None)


@pytest.mark.django_db
def test_signals_are_triaged_with_a_motivation_by_demo_staff(demo):
    signals = list(Signal.objects.select_related("triaged_by"))
    staff = _usernames("handhaver") | _usernames("teamleider")

    assert any(s.resident_id is None and s.origin == Origin.ANONIEME_MELDING for s in signals)
    assert any(not s.route for s in signals)
    for signal in (s for s in signals if s.route):
        assert signal.triage_motivation and signal.triaged_at and signal.triaged_by.username in staff
        assert signal.received_on <= signal.triaged_at.date() < REFERENCE
    routed = [s for s in signals if s.route == Route.ONDERZOEK]
    assert routed and all(s.investigations.exists() for s in routed)


@pytest.mark.django_db
def test_loading_into_a_filled_database_without_if_empty_is_refused(demo):
    with pytest.raises(CommandError, match="al 150 inwoners"):
        _load()


@pytest.mark.django_db
def test_demo_users_exist_for_every_role_with_its_permissions(demo):
    for role in ROLES:
        users = User.objects.filter(groups__name=role.name)
        assert users.exists(), role.key
        user = users.first()
        assert all(user.has_perm(permission) for permission in role.permissions), role.key
    assert not User.objects.filter(is_staff=True).exists()  # nobody reaches the Django admin (ADR 0018)
    assert User.objects.get(username="consulent").check_password("demo-naleving-2026")
    consulenten = Counter(
        User.objects.filter(username__in=_usernames("inkomensconsulent")).values_list("team__name", flat=True)
    )
    assert consulenten == {"Team Noord": 3, "Team Zuid": 3}


@pytest.mark.django_db
def test_caseload_is_spread_over_the_demo_consulenten(demo):
    caseload = Counter(Resident.objects.values_list("consulent__username", flat=True))

    assert set(caseload) == _usernames("inkomensconsulent")


@pytest.mark.django_db
def test_one_audit_event_records_the_counts(demo):
    event = AuditEvent.objects.get(code="demo.loaded")

    assert event.after["counts"]["residents.Resident"] == RESIDENTS
    assert event.after["seed"] == SEED


def test_the_demo_ends_with_a_concept_destruction_list_of_records_past_their_term(demo):
    from naleving.retention.models import DestructionList

    dlist = DestructionList.objects.get()
    assert dlist.status == "concept" and dlist.proposed_by is None
    kinds = set(dlist.items.values_list("record_type", flat=True))
    assert {"signaal_geen_actie", "onderzoek_zonder_bevindingen"} <= kinds
    assert not dlist.items.filter(due_on__gt=dlist.reference_date).exists()
