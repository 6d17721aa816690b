"""Proposing and recording besluiten: the engine proposes, the consulent decides, a second person signs
where the profile's four-eyes policy says so, and the stored besluit replays."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from naleving import rules
from naleving.audit.models import AuditEvent
from naleving.claims.models import ClaimKind, Vordering
from naleving.decisions import services
from naleving.decisions.engine_request import age_band
from naleving.decisions.models import Besluit, BesluitStatus, Opschorting
from naleving.decisions.tests.factories import BesluitFactory
from naleving.decisions.tests.fixtures import DECIDED, TOETS
from naleving.investigations.tests.factories import FindingMonthFactory
from naleving.prevention.models import Referral
from naleving.signals.tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def codes(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).order_by("id").values_list("code", flat=True))


# -- the proposal ------------------------------------------------------------------------------------------


def test_the_proposal_is_built_from_the_findings_household_and_signals(world, breach):
    proposal = services.decision_propose(
        actor=world["consulent"], investigation=breach, decision_date=DECIDED
    )
    request, response = proposal["request"], proposal["response"]
    assert request["violation"] == {
        "kind": "income",
        "start": "2025-09-01",
        "end": "2026-01-31",
        "detected_on": "2026-01-08",  # the IB signal came before the investigation opened (2026-02-01)
    }
    assert request["benadelingsbedrag"] == "1250.00" and "monthly" not in request
    assert request["culpability"] == "normaal"
    assert request["household"] == {"type": "alleenstaande", "kostendelers": 1, "age_band": "21_to_aow"}
    assert request["income"] == {"on_benefit": True} and request["regulation"] == "Pw"
    assert request["history"] == [] and request["cooperation"] == "yes"
    assert response["sanction"]["type"] == "boete" and response["sanction"]["fine_amount"] == "625.00"
    assert response["recovery"] == {
        "required": True,
        "amount": "1250.00",
        "refrained_amount": "0.00",
        "setoff_mandatory": True,
    }
    assert proposal["four_eyes"] == []
    assert codes(code="decision.evaluated", resident_id=world["jansen"].pk) == ["decision.evaluated"]


def test_amounts_per_month_are_sent_as_monthly(world, breach):
    FindingMonthFactory(investigation=breach, month=date(2025, 9, 1), paid=Decimal("1369.06"),
                        entitled=Decimal("869.06"))  # fmt: skip
    FindingMonthFactory(investigation=breach, month=date(2025, 10, 1), paid=Decimal("1369.06"),
                        entitled=Decimal("1569.06"))  # fmt: skip
    proposal = services.decision_propose(
        actor=world["consulent"], investigation=breach, decision_date=DECIDED
    )
    assert "benadelingsbedrag" not in proposal["request"]
    assert proposal["request"]["monthly"][0] == {"month": "2025-09", "paid": "1369.06", "entitled": "869.06"}
    assert proposal["response"]["benadelingsbedrag"] == "500.00"


def test_earlier_besluiten_are_the_history(world, make_breach):
    jansen = world["jansen"]
    earlier = make_breach(
        closed_on=date(2024, 10, 1), period_start=date(2024, 6, 1), period_end=date(2024, 8, 31)
    )
    BesluitFactory(investigation=earlier, resident=jansen, warning=False, sanction_type="waarschuwing",
                   fine_amount=0, decision_date=date(2024, 10, 8))  # fmt: skip
    fined = make_breach(violation_kind="assets", closed_on=date(2023, 1, 1), period_start=date(2022, 1, 1),
                        period_end=date(2022, 6, 30))  # fmt: skip
    BesluitFactory(
        investigation=fined, resident=jansen, decision_date=date(2023, 2, 1), sent_on=date(2023, 2, 1)
    )
    reported = make_breach(
        closed_on=date(2022, 1, 1), period_start=date(2021, 1, 1), period_end=date(2021, 6, 30)
    )
    BesluitFactory(investigation=reported, resident=jansen, sanction_type="aangifte", fine_amount=0,
                   decision_date=date(2022, 2, 1))  # fmt: skip
    BesluitFactory(investigation=make_breach(), resident=jansen, concept=True)  # not vastgesteld: no history
    small = make_breach(benadelingsbedrag=Decimal("120.00"))
    proposal = services.decision_propose(actor=world["consulent"], investigation=small, decision_date=DECIDED)
    assert proposal["request"]["history"] == [
        {"type": "strafrechtelijk", "kind": "income", "date": "2022-02-01", "irrevocable": False},
        {"type": "boete", "kind": "assets", "date": "2023-02-01", "irrevocable_on": "2023-03-16"},
        {"type": "waarschuwing", "kind": "income", "date": "2024-10-08"},
    ]
    # The warning of 2024-10-08 lies within two years before the breach (2025-09-01): no second warning.
    assert proposal["response"]["sanction"]["type"] == "boete"
    assert proposal["response"]["sanction"]["fine_amount"] == "60.00"


@pytest.mark.parametrize(
    ("fined_on", "final_on", "recidive"),
    [(date(2025, 7, 25), "2025-09-06", False), (date(2025, 7, 1), "2025-08-13", True)],
)
def test_a_fine_counts_for_recidive_only_when_irrevocable_before_the_breach(
    world, make_breach, fined_on, final_on, recidive
):
    """Awb 6:7: six weeks to object; the fine is irrevocable the day after. The engine counts it for recidive
    only when that day lies before the new breach began (2025-09-01; contract rule 8)."""
    earlier = make_breach(
        closed_on=date(2025, 6, 1), period_start=date(2025, 1, 1), period_end=date(2025, 3, 31)
    )
    BesluitFactory(investigation=earlier, resident=world["jansen"], decision_date=fined_on, sent_on=fined_on)
    later = make_breach(benadelingsbedrag=Decimal("1000.00"))
    proposal = services.decision_propose(actor=world["consulent"], investigation=later, decision_date=DECIDED)
    assert proposal["request"]["history"][0]["irrevocable_on"] == final_on
    assert proposal["response"]["sanction"]["recidive"] is recidive


def test_a_self_report_is_not_the_detection(world, breach):
    SignalFactory(resident=world["jansen"], origin="zelfmelding", received_on=date(2025, 10, 1))
    breach.signals.add(world["jansen"].signals.get(origin="zelfmelding"))
    request = services.decision_propose(
        actor=world["consulent"], investigation=breach, decision_date=DECIDED
    )["request"]
    assert request["violation"]["self_reported_on"] == "2025-10-01"
    assert request["violation"]["detected_on"] == "2026-01-08"


def test_a_signal_before_the_period_says_nothing_about_detection(world, make_breach):
    late = make_breach(period_start=date(2026, 1, 20), period_end=date(2026, 1, 31))
    request = services.decision_propose(actor=world["consulent"], investigation=late, decision_date=DECIDED)[
        "request"
    ]
    assert request["violation"]["detected_on"] == "2026-02-01"  # the investigation opened then
    SignalFactory(resident=world["jansen"], origin="zelfmelding", received_on=date(2025, 1, 1))
    late.signals.add(world["jansen"].signals.get(origin="zelfmelding"))
    late.opened_on = date(2026, 1, 10)
    late.save()
    request = services.decision_propose(actor=world["consulent"], investigation=late, decision_date=DECIDED)[
        "request"
    ]
    assert "detected_on" not in request["violation"] and "self_reported_on" not in request["violation"]


# -- what the real flow knows of a self-report and of the registers ----------------------------------------


def _propose(world, investigation) -> dict:
    return services.decision_propose(
        actor=world["consulent"], investigation=investigation, decision_date=DECIDED
    )


def test_a_self_report_registered_at_the_desk_earns_the_warning(world, breach):
    """Registered through the staff intake as the resident's own report, 30 days after the information was
    due and before the IB signal of 2026-01-08: a warning although € 1.250 is above € 150 (Bb 2aa)."""
    from naleving.signals.choices import Origin
    from naleving.signals.services import signal_register

    signal = signal_register(actor=world["consulent"], origin=Origin.ZELFMELDING, kind="income",
                             received_on=date(2025, 10, 1), description="Meldt zelf: werkt sinds september.",
                             resident=world["jansen"])  # fmt: skip
    breach.signals.add(signal)
    proposal = _propose(world, breach)
    assert proposal["request"]["violation"]["self_reported_on"] == "2025-10-01"
    assert proposal["request"]["violation"]["detected_on"] == "2026-01-08"
    assert proposal["response"]["sanction"]["type"] == "waarschuwing"


def test_a_change_the_resident_reported_is_a_self_report(world, breach):
    from naleving.prevention.tests.factories import ChangeReportFactory

    jansen = world["jansen"]
    reports = [  # (kind, change_date, reported_on)
        ("werk_inkomen", date(2025, 8, 20), date(2025, 10, 20)),
        ("werk_inkomen", date(2025, 8, 20), date(2025, 10, 14)),  # the earliest counts
        ("voertuig", date(2025, 9, 2), date(2025, 9, 3)),  # another kind of fact
        ("werk_inkomen", date(2025, 8, 1), date(2025, 8, 5)),  # reported before the breach began
        ("werk_inkomen", date(2026, 2, 1), date(2025, 9, 10)),  # a change after the breach ended
    ]
    for kind, change_date, reported_on in reports:
        ChangeReportFactory(resident=jansen, kind=kind, change_date=change_date, reported_on=reported_on)
    ChangeReportFactory(kind="werk_inkomen", change_date=date(2025, 9, 1), reported_on=date(2025, 9, 2))
    proposal = _propose(world, breach)
    assert proposal["request"]["violation"]["self_reported_on"] == "2025-10-14"
    assert proposal["response"]["sanction"]["type"] == "waarschuwing"


def test_a_self_report_after_60_days_is_passed_but_earns_no_warning(world, breach):
    from naleving.prevention.tests.factories import ChangeReportFactory

    ChangeReportFactory(resident=world["jansen"], kind="werk_inkomen", change_date=date(2025, 9, 1),
                        reported_on=date(2025, 11, 1))  # fmt: skip
    proposal = _propose(world, breach)
    assert proposal["request"]["violation"]["self_reported_on"] == "2025-11-01"
    assert proposal["response"]["sanction"]["type"] == "boete"


def test_without_a_register_no_source_is_sent(world, breach):
    assert "source_known" not in _propose(world, breach)["request"]["violation"]


@pytest.mark.parametrize(
    ("profile", "breach_held", "correction", "sanction"),
    [("landelijk", True, "herziening", "boete"), ("groningen-2024", False, "verrekening", "geen")],
)
def test_the_register_is_always_sent_and_the_profile_decides(
    world, breach, settings, profile, breach_held, correction, sanction
):
    settings.NALEVING_DEFAULT_PROFILE = profile
    breach.source_register = "polisadministratie"
    breach.save(update_fields=["source_register"])
    proposal = _propose(world, breach)
    assert proposal["request"]["violation"]["source_known"] == "polisadministratie"
    response = proposal["response"]
    assert response["profile"] == profile and response["breach"] is breach_held
    assert response["correction"]["type"] == correction and response["sanction"]["type"] == sanction


def test_a_besluit_before_the_breach_began_is_refused(world, make_breach):
    early = make_breach(
        closed_on=date(2025, 8, 1), period_start=date(2025, 9, 1), period_end=date(2025, 9, 30)
    )
    with pytest.raises(ValidationError) as info:
        services.besluit_record(actor=world["consulent"], investigation=early, decision_date=date(2025, 8, 20),
                                sanction_type="boete", fine_amount=Decimal("1"), recovery_amount=Decimal("1"))  # fmt: skip
    assert info.value.message_dict["decision_date"] == [
        "De besluitdatum ligt vóór het begin van de schending (01-09-2025): kies een latere datum."
    ]


def test_a_missing_legal_amount_is_one_plain_dutch_sentence(world, monkeypatch):
    def missing(request, registry=None):
        raise rules.ParameterNotInForce("asset_limit.gehuwden", request.decision_date, "asset_limits.yaml")

    monkeypatch.setattr(rules, "evaluate", missing)
    request = {"decision_date": "2026-03-01", "violation": {"kind": "assets", "start": "2025-09-01",
               "end": "2025-12-31"}, "benadelingsbedrag": "100.00", "culpability": "normaal"}  # fmt: skip
    with pytest.raises(rules.RuleInputError) as info:
        services.decision_evaluate(actor=world["consulent"], data=request)
    assert (info.value.code, info.value.field) == ("parameter_not_in_force", "decision_date")
    assert info.value.message == (
        "Voor een besluit op 1 maart 2026 ontbreekt nog de vermogensgrens voor gehuwden of samenwoners. "
        "De functioneel beheerder kan dit bedrag toevoegen."
    )


@pytest.mark.parametrize(
    ("born", "band"),
    [(date(1959, 5, 1), "aow"), (date(1959, 5, 2), "21_to_aow"), (date(2005, 5, 1), "21_to_aow"),
     (date(2005, 5, 2), "18_to_20")],
)  # fmt: skip
def test_age_band_on_the_decision_date(born, band):
    assert age_band(born, DECIDED) == band


def test_no_benefit_means_no_ability_to_pay_cap_and_no_setoff(world, breach, record):
    world["jansen"].benefits.update(end_date=date(2026, 3, 31))
    proposal = services.decision_propose(
        actor=world["consulent"], investigation=breach, decision_date=DECIDED
    )
    assert proposal["request"]["income"] == {"on_benefit": False}
    besluit = record(breach)
    assert {v.setoff for v in besluit.vorderingen.all()} == {False}


def test_only_a_closed_investigation_with_a_breach_can_be_decided(world, record):
    with pytest.raises(ValidationError, match="afgerond onderzoek met een vastgestelde schending"):
        services.decision_propose(actor=world["consulent"], investigation=world["investigation"])


@pytest.mark.parametrize("role", ["consulent_zuid", "teamleider", "handhaver"])
def test_only_the_consulent_of_the_resident_may_decide(world, breach, role):
    with pytest.raises(PermissionDenied):
        services.decision_propose(actor=world[role], investigation=breach, decision_date=DECIDED)
    with pytest.raises(PermissionDenied):
        services.besluit_record(actor=world[role], investigation=breach, decision_date=DECIDED,
                                sanction_type="boete", fine_amount=Decimal("625"), recovery_amount=Decimal("1250"))  # fmt: skip
    assert not Besluit.objects.filter(investigation=breach).exists()


# -- recording ---------------------------------------------------------------------------------------------


def test_following_the_proposal_is_vastgesteld_with_claims(world, breach, record):
    besluit = record(breach)
    assert besluit.status == BesluitStatus.VASTGESTELD and not besluit.deviates
    assert besluit.four_eyes_reasons == [] and besluit.cosigned_by is None
    assert (besluit.fine_amount, besluit.recovery_amount) == (Decimal("625.00"), Decimal("1250.00"))
    assert besluit.benadelingsbedrag == Decimal("1250.00") and besluit.verwijtbaarheid == "normaal"
    assert besluit.rules_version == rules.rules_version() == besluit.engine_response["rules_version"]
    assert besluit.engine_request["violation"]["kind"] == "income"
    claims = {v.kind: v for v in besluit.vorderingen.all()}
    assert claims[ClaimKind.TERUGVORDERING].amount == Decimal("1250.00")
    assert claims[ClaimKind.BOETE].amount == Decimal("625.00")
    # 5 % of the norm (€ 1,401.50: € 70.07, rounded down) shared by the two claims, never more in total.
    instalments = [claims[kind].monthly_instalment for kind in (ClaimKind.TERUGVORDERING, ClaimKind.BOETE)]
    assert sum(instalments) <= Decimal("70.07") and all(instalments)
    assert all(v.setoff for v in claims.values())
    assert codes(resident_id=world["jansen"].pk, code__in=["decision.recorded", "claim.created"]) == [
        "decision.recorded",
        "claim.created",
        "claim.created",
    ]


def test_the_stored_besluit_replays(world, breach, record):
    besluit = record(breach)
    stored = Besluit.objects.get(pk=besluit.pk)
    replayed = rules.response_to_dict(rules.evaluate(rules.parse_request(stored.engine_request)))
    assert replayed == stored.engine_response


def test_a_warning_gives_no_claim_for_a_fine(world, make_breach, record):
    besluit = record(make_breach(benadelingsbedrag=Decimal("120.00")))
    assert besluit.sanction_type == "waarschuwing" and besluit.fine_amount == 0
    assert [v.kind for v in besluit.vorderingen.all()] == [ClaimKind.TERUGVORDERING]
    # the whole 5 % room (€ 70.07) goes to the one claim, never more than the claim itself
    assert besluit.vorderingen.get().monthly_instalment == Decimal("70.07")


def test_a_deviation_without_motivation_is_refused(world, breach, record):
    with pytest.raises(ValidationError) as info:
        record(breach, fine_amount=Decimal("300.00"))
    assert set(info.value.message_dict) == {
        "deviation_motivation",
        "toets_onevenredig",
        "toets_effect",
        "toets_schulden_zorg",
    }
    with pytest.raises(ValidationError) as info:
        record(breach, fine_amount=Decimal("300.00"), deviation_motivation="Draagkracht",
               omgekeerde_toets={**TOETS, "effect": "  "})  # fmt: skip
    assert set(info.value.message_dict) == {"toets_effect"}
    assert not Besluit.objects.filter(investigation=breach).exists()


def test_a_deviation_waits_for_another_person_to_cosign(world, breach, record):
    besluit = record(breach, fine_amount=Decimal("300.00"), deviation_motivation="Beperkte draagkracht, gezin.",
                     omgekeerde_toets=TOETS)  # fmt: skip
    assert besluit.deviates and besluit.status == BesluitStatus.TER_ONDERTEKENING
    assert [r["code"] for r in besluit.four_eyes_reasons] == ["afwijking"]
    assert besluit.omgekeerde_toets == TOETS
    assert not besluit.vorderingen.exists()
    with pytest.raises(PermissionDenied):  # the consulent has no cosign permission
        services.besluit_cosign(actor=world["consulent"], besluit=besluit)
    with pytest.raises(PermissionDenied):  # another team's teamleider does not see it
        services.besluit_cosign(actor=world["teamleider_zuid"], besluit=besluit)
    cosigned = services.besluit_cosign(actor=world["teamleider"], besluit=besluit)
    assert cosigned.status == BesluitStatus.VASTGESTELD and cosigned.cosigned_by == world["teamleider"]
    assert cosigned.cosigned_at is not None
    assert {v.kind: v.amount for v in cosigned.vorderingen.all()} == {
        ClaimKind.TERUGVORDERING: Decimal("1250.00"),
        ClaimKind.BOETE: Decimal("300.00"),
    }
    with pytest.raises(ValidationError, match="wacht niet op een tweede handtekening"):
        services.besluit_cosign(actor=world["teamleider"], besluit=cosigned)
    assert "decision.cosigned" in codes(resident_id=world["jansen"].pk)


def test_the_recorder_cannot_cosign_their_own_besluit(world, breach, record):
    world["consulent"].groups.add(world["teamleider"].groups.get())  # both permissions, one person
    consulent = type(world["consulent"]).objects.get(pk=world["consulent"].pk)
    besluit = record(breach, actor=consulent, sanction_type="geen", fine_amount=Decimal("0"),
                     deviation_motivation="Geen boete: dringende redenen.", omgekeerde_toets=TOETS)  # fmt: skip
    with pytest.raises(ValidationError, match="zelf vastgelegd"):
        services.besluit_cosign(actor=consulent, besluit=besluit)
    assert Besluit.objects.get(pk=besluit.pk).status == BesluitStatus.TER_ONDERTEKENING


@pytest.mark.parametrize(
    ("findings", "reason"),
    [
        ({"benadelingsbedrag": Decimal("25000.00"), "verwijtbaarheid": "verminderd"}, "terugvordering_boven_drempel"),
        ({"benadelingsbedrag": Decimal("2000.00"), "verwijtbaarheid": "opzet"}, "boete_boven_drempel"),
        ({"benadelingsbedrag": Decimal("60000.00"), "verwijtbaarheid": "opzet"}, "aangifte"),
    ],
)  # fmt: skip
def test_four_eyes_by_amount_and_route(world, make_breach, record, findings, reason):
    besluit = record(make_breach(**findings))
    assert besluit.status == BesluitStatus.TER_ONDERTEKENING and not besluit.deviates
    assert reason in [r["code"] for r in besluit.four_eyes_reasons]


def test_just_below_the_thresholds_one_signature_suffices(world, make_breach, record):
    # Opzet, €1,000: a fine of exactly €1,000.00 is not above the threshold.
    besluit = record(make_breach(benadelingsbedrag=Decimal("1000.00"), verwijtbaarheid="opzet"))
    assert besluit.fine_amount == Decimal("1000.00") and besluit.status == BesluitStatus.VASTGESTELD


@pytest.mark.parametrize(
    ("chosen", "field"),
    [
        ({"sanction_type": "aangifte", "fine_amount": Decimal("0")}, "sanction_type"),
        ({"fine_amount": Decimal("700.00")}, "fine_amount"),
        ({"recovery_amount": Decimal("1300.00")}, "recovery_amount"),
        ({"sanction_type": "waarschuwing"}, "fine_amount"),
        ({"fine_amount": Decimal("0")}, "fine_amount"),
        ({"fine_amount": Decimal("-1")}, "fine_amount"),
        ({"recovery_amount": Decimal("1.005")}, "recovery_amount"),
        ({"sanction_type": "gevangenis"}, "sanction_type"),
        ({"cooperation": "misschien"}, "cooperation"),
        ({"decision_date": date(2026, 4, 1)}, "decision_date"),
    ],
)
def test_maatwerk_never_makes_it_heavier_nor_unlawful(world, breach, record, chosen, field):
    arguments = {"deviation_motivation": "x", "omgekeerde_toets": TOETS, **chosen}
    if "cooperation" in chosen:
        with pytest.raises(ValidationError) as info:
            services.besluit_record(actor=world["consulent"], investigation=breach, decision_date=DECIDED,
                                    sanction_type="boete", fine_amount=Decimal("625"),
                                    recovery_amount=Decimal("1250"), cooperation="misschien")  # fmt: skip
    else:
        with pytest.raises(ValidationError) as info:
            record(breach, **arguments)
    assert field in info.value.message_dict


def test_a_besluit_in_the_future_is_refused(world, breach):
    tomorrow = timezone.localdate() + timedelta(days=2)
    with pytest.raises(ValidationError, match="toekomst"):
        services.besluit_record(actor=world["consulent"], investigation=breach, decision_date=tomorrow,
                                sanction_type="boete", fine_amount=Decimal("625"), recovery_amount=Decimal("1250"))  # fmt: skip


def test_one_besluit_per_investigation(world, breach, record):
    record(breach)
    with pytest.raises(ValidationError, match="al een besluit"):
        record(breach)


# -- non-cooperation ---------------------------------------------------------------------------------------

ASSESSMENT = {
    "weeks": 4,
    "hersteltermijn_end": None,
    "children_in_household": True,
    "in_care": False,
    "debts": True,
    "housing_risk": False,
    "other_circumstances": "",
    "conclusion": "Twee kinderen; de huur wordt rechtstreeks betaald, dus geen risico op huisuitzetting.",
}


def test_a_suspension_requires_the_risk_and_impact_assessment_first(world, breach, record):
    with pytest.raises(ValidationError, match="risico- en impactbeoordeling"):
        record(breach, cooperation="refused")
    with pytest.raises(ValidationError) as info:
        record(breach, cooperation="refused", impact_assessment={**ASSESSMENT, "weeks": 9, "conclusion": " "})
    assert set(info.value.message_dict) == {"weeks", "conclusion"}
    with pytest.raises(ValidationError) as info:
        record(breach, cooperation="refused", impact_assessment={**ASSESSMENT, "hersteltermijn_end": DECIDED})
    assert set(info.value.message_dict) == {"hersteltermijn_end"}
    assert not Opschorting.objects.exists()


def test_a_suspension_takes_effect_only_after_the_signed_assessment(world, breach, record):
    besluit = record(breach, cooperation="refused", impact_assessment=ASSESSMENT)
    opschorting = besluit.opschorting
    assert besluit.status == BesluitStatus.TER_ONDERTEKENING
    assert [r["code"] for r in besluit.four_eyes_reasons] == ["opschorting"]
    assert opschorting.weeks == 4 and opschorting.hersteltermijn_end == DECIDED + timedelta(days=14)
    assert opschorting.children_in_household and opschorting.debts and not opschorting.is_signed
    assert opschorting.assessed_by == world["consulent"]
    with pytest.raises(ValidationError, match="nog niet ondertekend"):
        services.opschorting_start(
            actor=world["consulent"], opschorting=opschorting, takes_effect_on=date.today()
        )
    services.besluit_cosign(actor=world["teamleider"], besluit=besluit)
    opschorting.refresh_from_db()
    assert opschorting.signed_by == world["teamleider"] and opschorting.signed_on == date.today()
    with pytest.raises(ValidationError) as info:
        services.opschorting_start(actor=world["consulent"], opschorting=opschorting,
                                   takes_effect_on=date.today() - timedelta(days=1))  # fmt: skip
    assert "takes_effect_on" in info.value.message_dict
    with pytest.raises(PermissionDenied):
        services.opschorting_start(
            actor=world["teamleider"], opschorting=opschorting, takes_effect_on=date.today()
        )
    started = services.opschorting_start(actor=world["consulent"], opschorting=opschorting,
                                         takes_effect_on=date.today())  # fmt: skip
    assert started.takes_effect_on == date.today()
    assert started.ends_on == date.today() + timedelta(weeks=4) - timedelta(days=1)
    with pytest.raises(ValidationError, match="al ingegaan"):
        services.opschorting_start(
            actor=world["consulent"], opschorting=started, takes_effect_on=date.today()
        )
    assert {"suspension.assessed", "suspension.signed", "suspension.started"} <= set(
        codes(resident_id=world["jansen"].pk)
    )


def test_unable_to_cooperate_leads_to_help_not_suspension(world, breach, record):
    with pytest.raises(ValidationError) as info:
        record(breach, cooperation="unable")
    assert "partner" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        record(breach, cooperation="unable", referral={"partner": "wijkteam", "handover_note": ""})
    assert "handover_note" in info.value.message_dict
    assert not Referral.objects.exists() and not Besluit.objects.filter(investigation=breach).exists()
    note = "Inwoner raakt de weg kwijt in post en afspraken; wijkteam neemt contact op, consulent gaat mee."
    besluit = record(breach, cooperation="unable", referral={"partner": "wijkteam", "handover_note": note})
    assert besluit.cooperation == "unable" and not Opschorting.objects.filter(besluit=besluit).exists()
    assert besluit.engine_response["suspension"] is None
    assert "hulp_inschakelen" in besluit.engine_response["followups"]
    referral = besluit.referral
    assert (referral.partner, referral.handover_note, referral.referred_by) == (
        "wijkteam",
        note,
        world["consulent"],
    )
    assert "referral.created" in codes(resident_id=world["jansen"].pk)


def test_vorderingen_are_created_once_and_only_for_a_vastgesteld_besluit(world, breach, record):
    from naleving.claims.services import vordering_create_for_besluit

    besluit = record(breach)
    with pytest.raises(ValidationError, match="al ingesteld"):
        vordering_create_for_besluit(actor=world["consulent"], besluit=besluit)
    with pytest.raises(ValidationError, match="vastgesteld"):
        vordering_create_for_besluit(actor=world["consulent"], besluit=world["besluit"])
    assert Vordering.objects.filter(besluit=besluit).count() == 2
