"""Waivers follow the law: Pw 58(7) for recovery (ten years paid per the plan, ten years nothing paid and nothing
expected, a one-off payment of at least `collection.waiver.oneoff_percentage` % of the rest) and Pw 18a(13) for
fines (on request, a debt arrangement, no intent or gross negligence, no new fine of the same kind within
`collection.fine_waiver.no_repeat_years`)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from naleving.claims import services
from naleving.claims.models import ClaimKind, ClaimStatus
from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
from naleving.claims.waivers import years_before
from naleving.decisions.dispatch import letter_send
from naleving.decisions.tests.factories import BesluitFactory
from naleving.decisions.tests.fixtures import WEGING

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = date.today()


def test_a_claim_from_the_besluit_to_a_waiver_after_a_one_off_payment_of_half_the_rest(world, breach, record):
    consulent = world["consulent"]
    besluit = record(breach, weging=WEGING)
    besluit.vorderingen.update(created_on=besluit.decision_date)
    recovery = besluit.vorderingen.get(kind=ClaimKind.TERUGVORDERING)
    services.vordering_setoff_stop(actor=consulent, vordering=recovery, reason="Geen uitkering meer")
    letter_send(actor=consulent, besluit=besluit, sent_on=date(2026, 5, 4))
    recovery.refresh_from_db()
    services.aflossing_register(
        actor=consulent, vordering=recovery, paid_on=date(2026, 6, 12), amount=D("250.00")
    )
    # 1,000.00 open; a one-off payment of 499.99 is less than 50 % of it
    services.aflossing_register(
        actor=consulent, vordering=recovery, paid_on=date(2026, 7, 1), amount=D("499.99")
    )
    with pytest.raises(ValidationError, match="ten minste 50% van wat nog openstond"):
        services.vordering_waive(actor=consulent, vordering=recovery, reason="Helft betaald",
                                 ground="pw_58_lid7_eenmalig")  # fmt: skip
    services.aflossing_register(
        actor=consulent, vordering=recovery, paid_on=date(2026, 7, 2), amount=D("250.01")
    )
    waived = services.vordering_waive(actor=consulent, vordering=recovery, reason="Rest in één keer voldaan.",
                                      ground="pw_58_lid7_eenmalig")  # fmt: skip
    assert waived.status == ClaimStatus.KWIJTGESCHOLDEN and waived.waiver_ground == "pw_58_lid7_eenmalig"


def old_claim(world, *, years_ago: int, **extra):
    start = years_before(TODAY, years_ago)
    return VorderingFactory(besluit=BesluitFactory(resident=world["jansen"]), resident=world["jansen"],
                            amount=D("5000.00"), monthly_instalment=D("10.00"), setoff=False, created_on=start,
                            due_on=start, start_on=start, **extra)  # fmt: skip


def test_ten_years_paid_per_the_plan(world):
    consulent = world["consulent"]
    claim = old_claim(world, years_ago=10)
    AflossingFactory(vordering=claim, amount=D("1000.00"), paid_on=TODAY - timedelta(days=400))
    with pytest.raises(ValidationError, match="achterstand"):  # 121 instalments due, 100 paid
        services.vordering_waive(actor=consulent, vordering=claim, reason="r", ground="pw_58_lid7_tien_jaar",
                                 ten_years="betaald")  # fmt: skip
    AflossingFactory(vordering=claim, amount=D("300.00"), paid_on=TODAY - timedelta(days=30))
    with pytest.raises(ValidationError) as info:
        services.vordering_waive(actor=consulent, vordering=claim, reason="r", ground="pw_58_lid7_tien_jaar")
    assert "ten_years" in info.value.message_dict
    waived = services.vordering_waive(actor=consulent, vordering=claim, reason="Tien jaar trouw afgelost.",
                                      ground="pw_58_lid7_tien_jaar", ten_years="betaald")  # fmt: skip
    assert waived.status == ClaimStatus.KWIJTGESCHOLDEN and "10 jaar betaald" in waived.status_reason
    young = old_claim(world, years_ago=9)
    with pytest.raises(ValidationError, match="nog geen 10 jaar"):
        services.vordering_waive(actor=consulent, vordering=young, reason="r", ground="pw_58_lid7_tien_jaar",
                                 ten_years="betaald")  # fmt: skip


def test_ten_years_without_payment_and_none_expected(world):
    consulent = world["consulent"]
    claim = old_claim(world, years_ago=11)
    AflossingFactory(vordering=claim, amount=D("10.00"), paid_on=TODAY - timedelta(days=365))
    with pytest.raises(ValidationError, match="wel betaald"):
        services.vordering_waive(actor=consulent, vordering=claim, reason="r", ground="pw_58_lid7_tien_jaar",
                                 ten_years="niet_betaald")  # fmt: skip
    silent = old_claim(world, years_ago=11)
    waived = services.vordering_waive(actor=consulent, vordering=silent, ground="pw_58_lid7_tien_jaar",
                                      ten_years="niet_betaald", reason="Geen inkomen boven het minimum, verpleeghuis.")  # fmt: skip
    assert "niets betaald en geen betaling te verwachten" in waived.status_reason


def fine_besluit(world, decided: date, kind: str = "income", **extra):
    return BesluitFactory(resident=world["jansen"], decision_date=decided, verwijtbaarheid="normaal",
                          engine_request={"violation": {"kind": kind}}, **extra)  # fmt: skip


def test_a_fine_is_not_waived_after_a_new_fine_of_the_same_kind_within_a_year(world):
    consulent = world["consulent"]
    first = fine_besluit(world, date(2025, 3, 1))
    claim = VorderingFactory(fine=True, besluit=first, resident=world["jansen"])
    fine_besluit(world, date(2025, 9, 1), kind="assets")  # another kind: no bar
    arguments = {"reason": "Past in de schuldregeling.", "ground": "pw_18a_lid13", "requested_on": date(2026, 3, 1),
                 "debt_arrangement": "Wsnp sinds 1-2-2026"}  # fmt: skip
    later = fine_besluit(world, date(2026, 2, 1))
    with pytest.raises(ValidationError, match="opnieuw eenzelfde overtreding begaan"):
        services.vordering_waive(actor=consulent, vordering=claim, **arguments)
    later.decision_date = date(2026, 3, 2)  # fined more than a year later, for a breach within the year
    later.engine_request = {"violation": {"kind": "income", "start": "2026-01-05", "end": "2026-02-01"}}
    later.save()
    with pytest.raises(ValidationError, match="opnieuw eenzelfde overtreding begaan"):
        services.vordering_waive(actor=consulent, vordering=claim, **arguments)
    later.engine_request = {"violation": {"kind": "income", "start": "2026-03-05", "end": "2026-04-01"}}
    later.save()  # the breach itself more than a year after the first fine
    waived = services.vordering_waive(actor=consulent, vordering=claim, **arguments)
    assert waived.status == ClaimStatus.KWIJTGESCHOLDEN and "Wsnp sinds 1-2-2026" in waived.status_reason
