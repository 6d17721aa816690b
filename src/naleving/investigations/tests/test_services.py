"""Investigation services: assignment, Awb 5.2 actions, hoor en wederhoor, findings, closing, locking."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.investigations import services
from naleving.investigations.choices import ActionKind, Outcome, Status
from naleving.investigations.models import FindingMonth, Investigation
from naleving.investigations.selectors import investigation_monthly
from naleving.signals.tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

HEARD_ON = date(2026, 3, 2)


def hear(world, investigation=None):
    investigation = investigation or world["investigation"]
    return services.investigation_hoor_en_wederhoor_record(
        actor=world["handhaver"],
        investigation=investigation,
        held_on=HEARD_ON,
        summary="De inwoner erkent de inkomsten niet te hebben doorgegeven.",
    )


def breach(world, investigation=None, **overrides):
    investigation = investigation or world["investigation"]
    fields = {
        "actor": world["handhaver"],
        "investigation": investigation,
        "expected_version": investigation.version,
        "breach": True,
        "violation_kind": "income",
        "period_start": date(2025, 9, 1),
        "period_end": date(2025, 11, 30),
        "benadelingsbedrag": Decimal("750.00"),
        "verwijtbaarheid": "normaal",
        "motivation": "De inwoner kende de inlichtingenplicht; geen verminderende omstandigheden.",
    }
    return services.investigation_findings_record(**{**fields, **overrides})


def fresh(investigation):
    return Investigation.objects.get(pk=investigation.pk)


# Assignment ---------------------------------------------------------------------------------------


def test_teamleider_assigns_to_a_handhaver_with_time_and_audit(world, make_user):
    other = make_user("handhaver", team=world["teams"][0], username="handhaver2")
    investigation = world["investigation"]
    services.investigation_assign(actor=world["teamleider"], investigation=investigation, handhaver=other)
    investigation = fresh(investigation)
    assert investigation.assigned_to == other
    assert investigation.assigned_at is not None
    assert investigation.version == 2
    assert investigation.updated_by == world["teamleider"]
    event = AuditEvent.objects.filter(code="investigation.assigned").latest("id")
    assert event.after["handhaver"] == other.display_name


def test_assignment_needs_a_handhaver_and_the_assign_permission(world):
    investigation = world["investigation"]
    with pytest.raises(ValidationError) as exc:
        services.investigation_assign(
            actor=world["teamleider"], investigation=investigation, handhaver=world["consulent"]
        )
    assert "handhaver" in exc.value.message_dict
    for actor in (world["consulent"], world["handhaver"], world["teamleider_zuid"]):
        with pytest.raises(PermissionDenied):
            services.investigation_assign(
                actor=actor, investigation=investigation, handhaver=world["handhaver"]
            )
    assert fresh(investigation).version == 1


# Awb 5.2 actions ----------------------------------------------------------------------------------


def _action(world, **overrides):
    fields = {
        "actor": world["handhaver"],
        "investigation": world["investigation"],
        "kind": ActionKind.INLICHTINGEN_VORDEREN,
        "reason": "Bankafschriften nodig om de inkomsten vast te stellen.",
        "performed_on": date(2026, 2, 12),
        "notes": "",
    }
    return services.investigation_action_log(**{**fields, **overrides})


def test_an_action_is_logged_with_its_reason_and_a_timestamp(world):
    action = _action(world)
    assert action.performed_by == world["handhaver"]
    assert action.recorded_at is not None
    assert action.consent_given is None
    assert fresh(world["investigation"]).version == 2
    assert AuditEvent.objects.filter(code="investigation.action_logged").count() == 1


def test_an_action_needs_a_reason(world):
    with pytest.raises(ValidationError) as exc:
        _action(world, reason="  ")
    assert "reason" in exc.value.message_dict


def test_huisbezoek_without_written_reason_or_consent_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        _action(world, kind=ActionKind.HUISBEZOEK, consent_given=True)
    assert "minder ingrijpende middelen" in exc.value.message_dict["less_intrusive_insufficient"][0]
    with pytest.raises(ValidationError) as exc:
        _action(
            world,
            kind=ActionKind.HUISBEZOEK,
            less_intrusive_insufficient="Bankafschriften en een gesprek gaven geen uitsluitsel over de woonsituatie.",
            consent_given=False,
        )
    assert "toestemming" in exc.value.message_dict["consent_given"][0]
    assert not world["investigation"].actions.exists()
    assert fresh(world["investigation"]).version == 1


def test_huisbezoek_with_reason_and_consent_is_logged(world):
    action = _action(
        world,
        kind=ActionKind.HUISBEZOEK,
        less_intrusive_insufficient="Bankafschriften en een gesprek gaven geen uitsluitsel over de woonsituatie.",
        consent_given=True,
    )
    assert action.consent_given is True
    assert action.less_intrusive_insufficient.startswith("Bankafschriften")


def test_only_the_assigned_handhaver_logs_actions(world, make_user):
    other = make_user("handhaver", team=world["teams"][0], username="handhaver2")
    for actor in (other, world["teamleider"], world["consulent"]):
        with pytest.raises(PermissionDenied):
            _action(world, actor=actor)


def test_action_dates_outside_the_investigation_are_refused(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        _action(world, performed_on=tomorrow)
    assert "toekomst" in exc.value.message_dict["performed_on"][0]
    with pytest.raises(ValidationError) as exc:
        _action(world, performed_on=date(2026, 1, 1))
    assert "vóór de start" in exc.value.message_dict["performed_on"][0]


# Findings -----------------------------------------------------------------------------------------


def test_a_breach_finding_before_hoor_en_wederhoor_is_refused_and_changes_nothing(world):
    with pytest.raises(ValidationError) as exc:
        breach(world)
    assert "hoor en wederhoor" in exc.value.messages[0]
    investigation = fresh(world["investigation"])
    assert investigation.outcome == ""
    assert investigation.version == 1
    assert not AuditEvent.objects.filter(code="investigation.findings_recorded").exists()


def test_a_breach_finding_after_hoor_en_wederhoor_is_recorded(world):
    hear(world)
    investigation = breach(world)
    assert investigation.outcome == Outcome.SCHENDING
    assert investigation.breach is True
    assert investigation.benadelingsbedrag == Decimal("750.00")
    assert investigation.findings_recorded_by == world["handhaver"]
    assert investigation.findings_recorded_at is not None
    event = AuditEvent.objects.get(code="investigation.findings_recorded")
    assert event.before["uitkomst"] == "" and event.after["uitkomst"] == "schending"


def test_the_register_the_fact_was_in_is_kept_with_a_breach_only(world):
    hear(world)
    investigation = breach(world, source_register="polisadministratie")
    assert investigation.source_register == "polisadministratie"
    event = AuditEvent.objects.get(code="investigation.findings_recorded")
    assert event.before["register"] == "" and event.after["register"] == "polisadministratie"
    with pytest.raises(ValidationError) as exc:
        breach(world, source_register="kadaster")
    assert "source_register" in exc.value.message_dict
    services.investigation_findings_record(
        actor=world["handhaver"],
        investigation=investigation,
        expected_version=investigation.version,
        breach=False,
    )
    assert fresh(investigation).source_register == ""


def test_no_breach_needs_no_hearing(world):
    investigation = world["investigation"]
    services.investigation_findings_record(
        actor=world["handhaver"], investigation=investigation, expected_version=1, breach=False
    )
    assert fresh(investigation).outcome == Outcome.GEEN_SCHENDING
    assert fresh(investigation).breach is False


def test_benadelingsbedrag_is_computed_per_month_and_the_months_are_kept(world):
    hear(world)
    months = [
        ("2025-09", "1401.50", "901.50"),  # 500.00 too much
        ("2025-10", "1401.50", "1500.00"),  # entitled to more: counts as 0, never negative
        ("2025-11", "1401.50", "1100.25"),  # 301.25
    ]
    investigation = breach(world, benadelingsbedrag=None, months=months)
    assert investigation.benadelingsbedrag == Decimal("801.25")
    assert investigation_monthly(investigation) == [
        {"month": "2025-09", "paid": "1401.50", "entitled": "901.50"},
        {"month": "2025-10", "paid": "1401.50", "entitled": "1500.00"},
        {"month": "2025-11", "paid": "1401.50", "entitled": "1100.25"},
    ]
    assert [m.overpaid for m in FindingMonth.objects.filter(investigation=investigation)] == [
        Decimal("500.00"),
        Decimal("0.00"),
        Decimal("301.25"),
    ]


def test_recording_again_replaces_the_months(world):
    hear(world)
    investigation = breach(world, benadelingsbedrag=None, months=[("2025-09", "100.10", "0.05")])
    assert investigation.benadelingsbedrag == Decimal("100.05")
    investigation = breach(world, benadelingsbedrag=Decimal("0"))
    assert investigation.benadelingsbedrag == Decimal("0.00")
    assert not investigation.finding_months.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"period_end": date(2025, 8, 31)}, "period_end"),
        ({"motivation": ""}, "motivation"),
        ({"verwijtbaarheid": ""}, "verwijtbaarheid"),
        ({"violation_kind": ""}, "violation_kind"),
        ({"benadelingsbedrag": None}, "benadelingsbedrag"),
        ({"months": [("2025-09", "10", "0")]}, "benadelingsbedrag"),
    ],
    ids=[
        "period-end-before-start",
        "no-motivation",
        "no-culpability",
        "no-kind",
        "no-amount",
        "amount-and-months",
    ],
)
def test_incomplete_breach_findings_are_refused(world, overrides, field):
    hear(world)
    with pytest.raises(ValidationError) as exc:
        breach(world, **overrides)
    assert field in exc.value.message_dict
    assert fresh(world["investigation"]).outcome == ""


def test_months_outside_the_period_or_in_fractions_of_cents_are_refused(world):
    hear(world)
    with pytest.raises(ValidationError) as exc:
        breach(world, benadelingsbedrag=None, months=[("2025-12", "10.00", "0")])
    assert "12-2025" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        breach(world, benadelingsbedrag=None, months=[("2025-09", "10.005", "0")])
    assert "hele centen" in exc.value.messages[0]


# Closing ------------------------------------------------------------------------------------------


def test_closing_needs_findings_and_a_conclusion(world):
    investigation = world["investigation"]
    with pytest.raises(ValidationError) as exc:
        services.investigation_close(
            actor=world["handhaver"], investigation=investigation, expected_version=1, conclusion="Klaar."
        )
    assert "bevindingen" in exc.value.messages[0]
    hear(world)
    breach(world)
    with pytest.raises(ValidationError):
        services.investigation_close(
            actor=world["handhaver"],
            investigation=investigation,
            expected_version=investigation.version,
            conclusion="",
        )
    services.investigation_close(
        actor=world["handhaver"],
        investigation=investigation,
        expected_version=investigation.version,
        conclusion="Schending vastgesteld; advies: terugvordering en boete-beoordeling.",
    )
    investigation = fresh(investigation)
    assert investigation.status == Status.AFGEROND
    assert investigation.closed_on == timezone.localdate()
    assert investigation.closed_at is not None and investigation.closed_by == world["handhaver"]
    with pytest.raises(ValidationError, match="afgerond"):
        _action(world, investigation=investigation)


# Optimistic locking -------------------------------------------------------------------------------


def test_two_saves_of_the_same_version_the_second_fails_and_changes_nothing(world):
    hear(world)
    first = Investigation.objects.get(pk=world["investigation"].pk)
    second = Investigation.objects.get(pk=world["investigation"].pk)
    loaded = first.version
    breach(world, investigation=first, expected_version=loaded)
    with pytest.raises(services.InvestigationChangedError) as exc:
        breach(world, investigation=second, expected_version=loaded, benadelingsbedrag=Decimal("9999.00"))
    message = exc.value.messages[0]
    assert message.startswith("Dit onderzoek is intussen gewijzigd door Handhaver om ")
    assert "Uw wijziging is niet opgeslagen; bekijk de nieuwe versie en probeer het opnieuw." in message
    current = fresh(first)
    assert current.benadelingsbedrag == Decimal("750.00")
    assert current.version == loaded + 1
    assert AuditEvent.objects.filter(code="investigation.findings_recorded").count() == 1


def test_a_stale_version_blocks_appends_too(world):
    investigation = world["investigation"]
    with pytest.raises(services.InvestigationChangedError):
        _action(world, expected_version=investigation.version + 5)
    assert not investigation.actions.exists()


# Opening from triage ------------------------------------------------------------------------------


def test_triage_never_opens_a_second_investigation_for_a_resident(world):
    pietersen = world["pietersen"]
    signals = [
        SignalFactory(
            resident=pietersen,
            origin="collega",
            kind=kind,
            received_on=date(2026, 3, 2),
            description="x",
            external_reference="",
            registered_by=None,
        )
        for kind in ("income", "address")
    ]
    first, created = services.investigation_open_for_signal(
        actor=world["teamleider_zuid"], resident=pietersen, signal=signals[0]
    )
    second, created_again = services.investigation_open_for_signal(
        actor=world["teamleider_zuid"], resident=pietersen, signal=signals[1]
    )
    assert created and not created_again
    assert first.pk == second.pk
    assert set(first.signals.values_list("pk", flat=True)) == {s.pk for s in signals}
    assert first.opened_by == world["teamleider_zuid"]
    assert Investigation.objects.filter(resident=pietersen, status=Status.OPEN).count() == 1
    assert AuditEvent.objects.filter(code="investigation.signal_added").count() == 1


def test_the_database_refuses_a_second_open_investigation(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Investigation.objects.create(resident=world["jansen"], opened_on=date(2026, 3, 1))


def test_the_monthly_factory_matches_the_entered_amount():
    from naleving.investigations.findings import benadelingsbedrag_from, months_from
    from naleving.investigations.tests.factories import InvestigationFactory, InvestigativeActionFactory

    investigation = InvestigationFactory(closed_with_breach=True, months=True)
    monthly = investigation_monthly(investigation)
    assert [m["month"] for m in monthly] == ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01"]
    rows = [(m["month"], m["paid"], m["entitled"]) for m in monthly]
    assert benadelingsbedrag_from(months_from(rows)) == investigation.benadelingsbedrag
    visit = InvestigativeActionFactory(home_visit=True)
    assert visit.consent_given is True and visit.less_intrusive_insufficient
