"""Claims follow a vastgesteld besluit: instalments within draagkracht, payments, waivers and write-offs."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.claims import services
from naleving.claims.models import Aflossing, ClaimKind, ClaimStatus
from naleving.claims.plan import add_months, repayment_plan, split_budget
from naleving.claims.selectors import vordering_get, vordering_plan
from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
from naleving.common.formatting import euro
from naleving.decisions.tests.factories import BesluitFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def besluit(breach, record):
    """Vastgesteld: recovery €1,250.00 and a fine of €625.00, sharing the draagkracht (``room``)."""
    return record(breach)


def room(besluit) -> Decimal:
    """The monthly draagkracht of the besluit's resident: follows `draagkracht.norm_percentage` (5 % of the
    norm since CRvB 4-8-2020), rounded down to cents."""
    from naleving.claims.draagkracht import draagkracht_per_month, fallback_norm
    from naleving.ruleset.selectors import registry_at

    return draagkracht_per_month(
        profile=besluit.profile,
        household=besluit.engine_request["household"],
        on=besluit.decision_date,
        registry=registry_at(besluit.parameter_set_seq),
        fallback_norm=fallback_norm(besluit.resident, besluit.decision_date),
    )


def open_instalments(resident) -> Decimal:
    from naleving.claims.models import Vordering

    found = Vordering.objects.filter(resident=resident, status=ClaimStatus.OPEN)
    return sum((v.monthly_instalment or D("0") for v in found), D("0.00"))


def claim(besluit, kind):
    return besluit.vorderingen.get(kind=kind)


# -- the plan ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amounts", "budget", "expected"),
    [
        ([D("1250"), D("625")], D("140.15"), [D("70.08"), D("70.07")]),
        ([D("30"), D("1000")], D("140.15"), [D("30"), D("110.15")]),  # a small claim leaves the rest
        ([D("1000")], D("0.00"), [None]),
        ([D("1000")], None, [None]),
        ([D("5"), D("5"), D("5")], D("0.02"), [None, D("0.01"), D("0.01")]),
    ],
)
def test_the_budget_is_shared_and_never_exceeded(amounts, budget, expected):
    shares = split_budget(amounts, budget)
    assert shares == expected
    assert sum(s or 0 for s in shares) <= (budget or 0)


def test_the_plan_ends_in_the_month_the_last_instalment_is_paid():
    plan = repayment_plan(remaining=D("1250.00"), instalment=D("70.08"), last_activity=date(2026, 11, 23))
    assert (plan.months_left, plan.first_month, plan.end_month) == (18, date(2026, 12, 1), date(2028, 5, 1))
    assert (
        repayment_plan(remaining=D("0"), instalment=D("10"), last_activity=date(2026, 1, 1)).end_month is None
    )
    assert (
        repayment_plan(remaining=D("10"), instalment=None, last_activity=date(2026, 1, 1)).months_left is None
    )
    assert add_months(date(2026, 12, 31), 1) == date(2027, 1, 1)


# -- instalments within draagkracht ------------------------------------------------------------------------


def test_instalments_take_the_other_open_claims_into_account(world, besluit, make_breach, record):
    budget = room(besluit)
    assert budget == (D("1401.50") * 5 / 100).quantize(D("0.01"), rounding="ROUND_DOWN")  # 70.07
    recovery, fine = claim(besluit, ClaimKind.TERUGVORDERING), claim(besluit, ClaimKind.BOETE)
    assert recovery.monthly_instalment + fine.monthly_instalment == budget
    assert recovery.monthly_instalment - fine.monthly_instalment in (D("0.00"), D("0.01"))
    second = record(make_breach(benadelingsbedrag=D("120.00")))  # a warning: recovery only
    assert claim(second, ClaimKind.TERUGVORDERING).monthly_instalment is None  # the room is taken
    fine.__class__.objects.filter(pk=fine.pk).update(status=ClaimStatus.BETAALD)
    third = record(make_breach(benadelingsbedrag=D("100.00")))
    assert claim(third, ClaimKind.TERUGVORDERING).monthly_instalment == budget - recovery.monthly_instalment
    assert open_instalments(world["jansen"]) == budget


def test_a_fine_and_a_recovery_together_stay_within_five_percent_of_the_norm(world, make_breach, record):
    """Awb 4:93: recovery and fine instalments of one resident on benefit share one room a month."""
    first = record(make_breach(benadelingsbedrag=D("3000.00")))  # recovery €3,000 and a fine
    assert {v.kind for v in first.vorderingen.all()} == {ClaimKind.TERUGVORDERING, ClaimKind.BOETE}
    budget = room(first)
    norm = D("1401.50")  # single 21+, 2026-01-01 to 2026-06-30
    assert budget <= (norm * 5 / 100).quantize(D("0.01"), rounding="ROUND_DOWN")
    assert open_instalments(world["jansen"]) <= budget
    second = record(make_breach(benadelingsbedrag=D("2000.00")))
    assert second.vorderingen.filter(kind=ClaimKind.BOETE).exists()
    assert open_instalments(world["jansen"]) <= budget
    for vordering in second.vorderingen.all():
        assert vordering.monthly_instalment is None or vordering.monthly_instalment <= budget


def test_the_plan_says_what_earlier_claims_leave(client, world, besluit, make_breach, record):
    recovery = claim(besluit, ClaimKind.TERUGVORDERING)
    client.force_login(world["consulent"])
    body = " ".join(client.get(reverse("claims:detail", args=[recovery.pk])).content.decode().split())
    budget, fine = room(besluit), claim(besluit, ClaimKind.BOETE).monthly_instalment
    assert (
        f"ten hoogste {euro(budget)} per maand (5% van de toepasselijke norm; de beslagvrije voet is 95%)"
        in body
    )
    assert f"Andere open vorderingen nemen daarvan al {euro(fine)} per maand" in body
    assert f"blijft ten hoogste {euro(budget - fine)} per maand over" in body
    assert "10%" not in body


def test_without_a_known_norm_the_benefit_norm_is_used(world, make_breach, record, monkeypatch):
    from naleving import rules

    def unknown(*args, **kwargs):
        raise rules.ParameterNotInForce("norm.alleenstaande.21_to_aow", args[-1])

    monkeypatch.setattr(rules, "norm", unknown)
    besluit = record(make_breach(benadelingsbedrag=D("120.00")))
    expected = (D("1401.50") * 5 / 100).quantize(D("0.01"), rounding="ROUND_DOWN")  # the benefit's norm
    assert claim(besluit, ClaimKind.TERUGVORDERING).monthly_instalment == expected
    world["jansen"].benefits.all().delete()
    other = record(make_breach(benadelingsbedrag=D("100.00")))
    vordering = claim(other, ClaimKind.TERUGVORDERING)
    assert vordering.monthly_instalment is None and not vordering.setoff


# -- payments ----------------------------------------------------------------------------------------------


def test_payments_until_paid(world, besluit):
    fine = claim(besluit, ClaimKind.BOETE)
    consulent = world["consulent"]
    with pytest.raises(ValidationError) as info:
        services.aflossing_register(actor=consulent, vordering=fine, paid_on=date.today(), amount=D("0"))
    assert "amount" in info.value.message_dict
    with pytest.raises(ValidationError, match="hoger dan wat nog openstaat"):
        services.aflossing_register(actor=consulent, vordering=fine, paid_on=date.today(), amount=D("625.01"))
    with pytest.raises(ValidationError) as info:
        services.aflossing_register(actor=consulent, vordering=fine, paid_on=timezone.localdate() + timedelta(days=2),
                                    amount=D("10"))  # fmt: skip
    assert "paid_on" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.aflossing_register(actor=consulent, vordering=fine, paid_on=fine.created_on - timedelta(days=1),
                                    amount=D("10"))  # fmt: skip
    assert "paid_on" in info.value.message_dict
    services.aflossing_register(actor=consulent, vordering=fine, paid_on=date.today(), amount=D("600.00"))
    fine.refresh_from_db()
    assert fine.status == ClaimStatus.OPEN and services.remaining_of(fine) == D("25.00")
    plan = vordering_plan(vordering_get(actor=consulent, vordering_id=fine.pk))
    assert (plan.remaining, plan.months_left) == (D("25.00"), 1)
    services.aflossing_register(actor=consulent, vordering=fine, paid_on=date.today(), amount=D("25.00"))
    fine.refresh_from_db()
    assert (fine.status, fine.status_changed_on, fine.status_changed_by) == (
        ClaimStatus.BETAALD,
        date.today(),
        consulent,
    )
    assert vordering_plan(vordering_get(actor=consulent, vordering_id=fine.pk)).end_month is None
    with pytest.raises(ValidationError, match="niet meer open"):
        services.aflossing_register(actor=consulent, vordering=fine, paid_on=date.today(), amount=D("1"))
    events = list(AuditEvent.objects.filter(object_id=str(fine.pk), object_type="claims.vordering")
                  .values_list("code", flat=True))  # fmt: skip
    assert events.count("claim.payment_registered") == 2 and "claim.status_changed" in events


@pytest.mark.parametrize("role", ["teamleider", "consulent_zuid", "handhaver"])
def test_only_the_consulent_manages_claims(world, besluit, role):
    fine = claim(besluit, ClaimKind.BOETE)
    with pytest.raises(PermissionDenied):
        services.aflossing_register(actor=world[role], vordering=fine, paid_on=date.today(), amount=D("1"))
    with pytest.raises(PermissionDenied):
        services.vordering_waive(actor=world[role], vordering=fine, reason="x")
    with pytest.raises(PermissionDenied):
        services.vordering_write_off(actor=world[role], vordering=fine, reason="x")
    assert not Aflossing.objects.filter(vordering=fine).exists()


# -- waiving and writing off -------------------------------------------------------------------------------


def test_waiving_a_fine_needs_a_reason_and_respects_18a_lid_13(world, besluit):
    fine = claim(besluit, ClaimKind.BOETE)
    consulent = world["consulent"]
    with pytest.raises(ValidationError) as info:
        services.vordering_waive(actor=consulent, vordering=fine, reason=" ", ground="pw_18a_lid13")
    assert "reason" in info.value.message_dict
    with pytest.raises(ValidationError, match="hoort niet bij"):
        services.vordering_waive(actor=consulent, vordering=fine, reason="Verzoek", ground="pw_58_lid8")
    reason = "Inwoner heeft verder geen ruimte; kwijtschelding past bij de schuldregeling."
    with pytest.raises(ValidationError) as info:  # only on request, with a debt arrangement (18a(13))
        services.vordering_waive(actor=consulent, vordering=fine, reason=reason, ground="pw_18a_lid13")
    assert "requested_on" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.vordering_waive(actor=consulent, vordering=fine, reason=reason, ground="pw_18a_lid13",
                                 requested_on=date(2026, 11, 1))  # fmt: skip
    assert "debt_arrangement" in info.value.message_dict
    waived = services.vordering_waive(actor=consulent, vordering=fine, reason=reason, ground="pw_18a_lid13",
                                      requested_on=date(2026, 11, 1),
                                      debt_arrangement="minnelijke schuldregeling, schuldhulpverlening")  # fmt: skip
    expected = (
        "Verzoek van 01-11-2026. Schuldregeling: minnelijke schuldregeling, schuldhulpverlening. " + reason
    )
    assert (waived.status, waived.waiver_ground, waived.status_reason) == (
        ClaimStatus.KWIJTGESCHOLDEN,
        "pw_18a_lid13",
        expected,
    )
    event = AuditEvent.objects.get(code="claim.waived", object_id=str(fine.pk))
    assert event.purpose == expected and event.after["grond"] == "pw_18a_lid13"
    with pytest.raises(ValidationError, match="niet meer open"):
        services.vordering_waive(actor=consulent, vordering=waived, reason=reason)


def test_a_fine_for_intent_is_never_waived_under_18a_lid_13(world):
    fine = VorderingFactory(fine=True, besluit=BesluitFactory(resident=world["jansen"], verwijtbaarheid="opzet"),
                            resident=world["jansen"])  # fmt: skip
    with pytest.raises(ValidationError, match="opzet of grove schuld"):
        services.vordering_waive(
            actor=world["consulent"], vordering=fine, reason="Verzoek", ground="pw_18a_lid13"
        )


def test_waiving_a_recovery_under_58_lid_7(world, besluit):
    recovery = claim(besluit, ClaimKind.TERUGVORDERING)
    consulent = world["consulent"]
    with pytest.raises(ValidationError, match="nog geen 10 jaar"):
        services.vordering_waive(actor=consulent, vordering=recovery, reason="Oud", ground="pw_58_lid7_tien_jaar",
                                 ten_years="niet_betaald")  # fmt: skip
    with pytest.raises(ValidationError, match="eenmalige betaling"):
        services.vordering_waive(actor=consulent, vordering=recovery, reason="Eenmalig",
                                 ground="pw_58_lid7_eenmalig")  # fmt: skip
    services.aflossing_register(actor=consulent, vordering=recovery, paid_on=date.today(), amount=D("625.00"))
    waived = services.vordering_waive(actor=consulent, vordering=recovery, reason="Helft in één keer betaald.",
                                      ground="pw_58_lid7_eenmalig")  # fmt: skip
    assert waived.status == ClaimStatus.KWIJTGESCHOLDEN
    old = VorderingFactory(besluit=BesluitFactory(resident=world["jansen"]), resident=world["jansen"],
                           created_on=date.today() - timedelta(days=3653))  # fmt: skip
    assert services.vordering_waive(actor=consulent, vordering=old, reason="Geen inkomen, geen vermogen.",
                                    ground="pw_58_lid7_tien_jaar",
                                    ten_years="niet_betaald").status == ClaimStatus.KWIJTGESCHOLDEN  # fmt: skip


def test_writing_off_needs_a_reason(world, besluit):
    recovery = claim(besluit, ClaimKind.TERUGVORDERING)
    AflossingFactory(vordering=recovery, amount=D("100.00"), paid_on=date.today())
    with pytest.raises(ValidationError) as info:
        services.vordering_write_off(actor=world["consulent"], vordering=recovery, reason="")
    assert "reason" in info.value.message_dict
    written_off = services.vordering_write_off(actor=world["consulent"], vordering=recovery,
                                               reason="Uitkering beëindigd, geen inkomen of vermogen.")  # fmt: skip
    assert written_off.status == ClaimStatus.AFGEBOEKT and written_off.status_changed_on == date.today()
    event = AuditEvent.objects.get(code="claim.written_off", object_id=str(recovery.pk))
    assert event.before == {"status": "open"} and event.after["openstaand"] == "1150.00"
