"""Set-off against the running benefit (Pw 60(4)) within the room above the beslagvrije voet (Awb 4:93), unless
the resident does not co-operate (Pw 60(6)); monthly, oldest claim first, all-or-nothing and idempotent."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naleving.audit.models import AuditEvent
from naleving.claims import setoff
from naleving.claims.models import Aflossing, ClaimKind, ClaimStatus
from naleving.claims.tests.factories import VorderingFactory
from naleving.decisions.tests.factories import BesluitFactory

pytestmark = pytest.mark.django_db
D = Decimal
MONTH = date(2026, 6, 1)


@pytest.fixture
def besluit(world):
    return BesluitFactory(resident=world["jansen"], decision_date=date(2026, 4, 20))


def make_claim(besluit, *, amount="1000.00", instalment="40.00", non_cooperation=False, **extra):
    return VorderingFactory(
        besluit=besluit, resident=besluit.resident, kind=extra.pop("kind", ClaimKind.TERUGVORDERING),
        amount=D(amount), monthly_instalment=D(instalment) if instalment else None, setoff=True,
        created_on=extra.pop("created_on", date(2026, 4, 20)), due_on=date(2026, 6, 8), start_on=MONTH, non_cooperation=non_cooperation,
        **extra,
    )  # fmt: skip


def room(besluit, claims, month: date = MONTH) -> Decimal:
    resident = besluit.resident
    benefit = setoff._benefit_in(resident, month, month.replace(day=28))
    return setoff.room_for(resident, claims, month, benefit)


def test_deductions_stay_within_the_room_oldest_claim_first_and_a_rerun_adds_nothing(world, besluit):
    older = make_claim(besluit, instalment="60.00", created_on=date(2026, 4, 1))
    newer = make_claim(besluit, instalment="60.00", kind=ClaimKind.BOETE)
    limit = room(besluit, [older, newer])
    assert D("60.00") < limit < D("120.00")  # 5 % of the norm: the second instalment does not fit in full
    result = setoff.verrekening_run(actor=world["consulent"], month=date(2026, 6, 17))
    assert (result.residents, result.deductions, result.amount) == (1, 2, limit)
    first, second = Aflossing.objects.get(vordering=older), Aflossing.objects.get(vordering=newer)
    assert (first.amount, second.amount) == (D("60.00"), limit - D("60.00"))
    assert (first.method, first.period, first.paid_on) == ("verrekening", MONTH, MONTH)
    again = setoff.verrekening_run(actor=world["consulent"], month=MONTH)
    assert (again.deductions, again.amount, again.already) == (0, D("0.00"), 2)
    assert Aflossing.objects.filter(period=MONTH).count() == 2
    assert AuditEvent.objects.filter(code="claim.setoff_deducted").count() == 2
    assert AuditEvent.objects.filter(code="claim.setoff_run").count() == 2


def test_non_cooperation_deducts_the_agreed_instalment_in_full(world, besluit):
    claim = make_claim(besluit, instalment="200.00")
    limit = room(besluit, [claim])
    assert limit < D("200.00")
    with pytest.raises(ValidationError) as info:
        setoff.non_cooperation_record(
            actor=world["consulent"], vordering=claim, since=date(2026, 5, 20), reason=" "
        )
    assert "reason" in info.value.message_dict
    setoff.non_cooperation_record(actor=world["consulent"], vordering=claim, since=date(2026, 5, 20),
                                  reason="Weigert de inkomensgegevens te geven voor een betalingsregeling.")  # fmt: skip
    with pytest.raises(ValidationError, match="al vastgelegd"):
        setoff.non_cooperation_record(
            actor=world["consulent"], vordering=claim, since=date(2026, 5, 20), reason="x"
        )
    setoff.verrekening_run(actor=world["consulent"], month=MONTH)
    assert Aflossing.objects.get(vordering=claim).amount == D("200.00")
    setoff.non_cooperation_lift(actor=world["consulent"], vordering=claim, reason="Regeling afgesproken.")
    claim.refresh_from_db()
    assert not claim.non_cooperation and claim.non_cooperation_since is None
    setoff.verrekening_run(actor=world["consulent"], month=date(2026, 7, 1))
    assert Aflossing.objects.get(vordering=claim, period=date(2026, 7, 1)).amount == room(
        besluit, [claim], date(2026, 7, 1)
    )
    with pytest.raises(ValidationError, match="geen niet-meewerken"):
        setoff.non_cooperation_lift(actor=world["consulent"], vordering=claim, reason="x")


def test_the_last_instalment_closes_the_claim_and_no_benefit_means_no_set_off(world, besluit):
    claim = make_claim(besluit, amount="25.00", instalment="40.00")
    result = setoff.verrekening_run(actor=world["consulent"], month=MONTH)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.BETAALD and result.paid_off == 1 and result.amount == D("25.00")
    world["jansen"].benefits.update(end_date=date(2026, 6, 30))
    other = make_claim(besluit)
    result = setoff.verrekening_run(actor=world["consulent"], month=date(2026, 7, 1))
    assert result.deductions == 0 and not other.aflossingen.exists()


def test_no_set_off_in_a_month_the_benefit_is_suspended(world, besluit):
    """Pw 54: while a suspension runs no benefit is paid, so there is nothing to set off against."""
    from naleving.decisions.tests.factories import OpschortingFactory

    claim = make_claim(besluit)
    OpschortingFactory(
        besluit=besluit, resident=besluit.resident, weeks=2, signed_by=world["teamleider"],
        signed_on=date(2026, 5, 20), takes_effect_on=date(2026, 5, 25),
    )  # fmt: skip
    result = setoff.verrekening_run(actor=world["consulent"], month=MONTH)  # suspended 25 May - 7 June
    assert (result.suspended, result.deductions) == (1, 0) and not claim.aflossingen.exists()
    result = setoff.verrekening_run(actor=world["consulent"], month=date(2026, 7, 1))
    assert (result.suspended, result.deductions) == (0, 1)


def test_refusals_future_month_rights_and_scope(world, besluit):
    make_claim(besluit)
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        setoff.verrekening_run(actor=world["consulent"], month=date(2099, 1, 1))
    with pytest.raises(PermissionDenied):
        setoff.verrekening_run(actor=world["analist"], month=MONTH)
    assert (
        setoff.verrekening_run(actor=world["consulent_zuid"], month=MONTH).deductions == 0
    )  # not her caseload
    assert not Aflossing.objects.exists()


def test_the_command_runs_a_month_once(world, besluit, capsys):
    make_claim(besluit)
    call_command("verrekening", "--month", "2026-06")
    assert "1 verrekening(en) voor 1 inwoner(s)" in capsys.readouterr().out
    call_command("verrekening", "--month", "2026-06")
    assert "0 verrekening(en)" in capsys.readouterr().out and Aflossing.objects.count() == 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    claims=st.lists(
        st.tuples(
            st.decimals(min_value=D("1.00"), max_value=D("2000.00"), places=2),  # amount
            st.one_of(
                st.none(), st.decimals(min_value=D("0.01"), max_value=D("300.00"), places=2)
            ),  # instalment
            st.booleans(),  # Pw 60(6)
        ),
        min_size=1,
        max_size=5,
    ),
    earlier=st.decimals(min_value=D("0.00"), max_value=D("100.00"), places=2),
)
def test_deductions_never_exceed_the_room_unless_60_6(world, besluit, claims, earlier):
    """Property: the deductions of the claims without a Pw 60(6) finding together stay within the room left
    after the 60(6) deductions and any earlier set-off in the month; a 60(6) claim gets its agreed instalment."""
    with transaction.atomic():
        taken_before = D("0.00")
        if earlier:  # an older claim already set off this month: its deduction takes part of the room
            done = make_claim(besluit, amount="5000.00", instalment=str(earlier), created_on=date(2026, 1, 1))
            setoff.verrekening_run(actor=world["consulent"], month=MONTH)
            taken_before = sum((a.amount for a in done.aflossingen.all()), D("0.00"))
        made = [make_claim(besluit, amount=str(a), instalment=str(i) if i else None, non_cooperation=n)
                for a, i, n in claims]  # fmt: skip
        limit = room(besluit, made)
        setoff.verrekening_run(actor=world["consulent"], month=MONTH)
        deducted = {v.pk: sum((a.amount for a in v.aflossingen.filter(period=MONTH)), D("0")) for v in made}
        free = sum((deducted[v.pk] for v in made if not v.non_cooperation), D("0"))
        assert taken_before + free <= limit  # never above the room without a 60(6) finding
        if not any(v.non_cooperation for v in made):
            assert taken_before + sum(deducted.values(), D("0")) <= limit
        for v in made:
            agreed = min(v.monthly_instalment or D("0"), v.amount)
            assert deducted[v.pk] <= agreed
            if v.non_cooperation:
                assert (
                    deducted[v.pk] == agreed
                )  # Pw 60(6): the agreed instalment in full, even above the room
        transaction.set_rollback(True)
