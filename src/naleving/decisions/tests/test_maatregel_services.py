"""The maatregel path's services (issue #19): a verzuim, its hearing, the proposal and the besluit.

Jansen (the Noord consulent's caseload, Pw benefit since 2025) refuses a job on 5 October 2026 (Pw 18(4)
onder a); she is heard on 19 October and the consulent decides on 20 November 2026. The shipped profiles
have no figures of an afstemmingsverordening, so the proposal is refused until a version of the profile
with them is approved (beheerder proposes, teamleider approves).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from naleving import rules
from naleving.audit.models import AuditEvent
from naleving.decisions import maatregel, services
from naleving.decisions.models import Besluit, BesluitStatus, VerzuimStatus
from naleving.decisions.tests.maatregel_helpers import (
    DECIDED,
    HAPPENED,
    HEARD,
    INVITED,
    TOETS,
    WEGING,
    record_arguments,
    verordening_approve,
    verzuim_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(world):
    return verordening_approve(proposer=world["beheerder"], approver=world["teamleider"])


def _propose(world, verzuim, verwijtbaarheid="normaal"):
    return maatregel.maatregel_propose(
        actor=world["consulent"], verzuim=verzuim, decision_date=DECIDED, verwijtbaarheid=verwijtbaarheid
    )


def _record(world, verzuim, **overrides):
    proposal = _propose(world, verzuim, overrides.get("verwijtbaarheid", "normaal"))
    return maatregel.maatregel_record(
        actor=world["consulent"], verzuim=verzuim, **record_arguments(proposal, **overrides)
    )


# -- without the verordening's figures --------------------------------------------------------------------


def test_without_the_verordenings_figures_the_proposal_is_refused_in_dutch(world):
    verzuim = verzuim_make(world)
    with pytest.raises(rules.RuleInputError) as error:
        _propose(world, verzuim)
    assert error.value.code == "parameter_not_in_force"
    assert error.value.message == (
        "Voor een besluit op 20 november 2026 ontbreekt nog het aantal maanden van de verlaging bij een eerste "
        "keer (afstemmingsverordening, artikel 18 lid 4 Pw). De functioneel beheerder kan de afspraken uit de "
        "afstemmingsverordening toevoegen als nieuwe versie van het beleidsprofiel; een tweede persoon keurt "
        "die goed."
    )
    with pytest.raises(rules.RuleInputError):
        maatregel.maatregel_record(
            actor=world["consulent"],
            verzuim=verzuim,
            decision_date=DECIDED,
            verwijtbaarheid="normaal",
            verwijtbaarheid_motivation="Uitgelegd.",
            start_month=date(2026, 12, 1),
            percentage=Decimal("100"),
            months=1,
            weging=WEGING,
        )
    assert not Besluit.objects.filter(sanction_type="maatregel").exists()


# -- the verzuim ------------------------------------------------------------------------------------------


def test_a_verzuim_is_registered_with_its_audit_event(world):
    verzuim = verzuim_make(world, heard=False)
    assert verzuim.status == VerzuimStatus.GEMELD and verzuim.reported_by == world["consulent"]
    event = AuditEvent.objects.get(code="verzuim.registered")
    assert event.resident_id == world["jansen"].pk


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"obligation": "pw_17_1"}, "obligation", "Kies de verplichting"),
        ({"obligation": "pw_18_4_a", "category": 2}, "category", "Laat de categorie leeg"),
        ({"obligation": "pw_18_2", "category": None}, "category", "categorie (1, 2 of 3)"),
        ({"obligation": "pw_18_2", "category": 4}, "category", "categorie (1, 2 of 3)"),
        ({"happened_on": date(2030, 1, 1)}, "happened_on", "ligt na vandaag"),
        ({"happened_on": date(2024, 6, 1)}, "happened_on", "geen uitkering"),
        ({"facts": "  "}, "facts", "Beschrijf wat er is gebeurd"),
    ],
)
def test_a_verzuim_is_refused_with_what_is_wrong_where(world, changes, field, words):
    arguments = {
        "obligation": "pw_18_4_a",
        "category": None,
        "happened_on": HAPPENED,
        "facts": "Baan geweigerd.",
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        maatregel.verzuim_register(actor=world["consulent"], resident=world["jansen"], **arguments)
    assert words in " ".join(error.value.message_dict[field])


def test_only_who_decides_on_the_resident_may_report_a_verzuim(world):
    arguments = {"obligation": "pw_18_4_a", "happened_on": HAPPENED, "facts": "Baan geweigerd."}
    for who in ("consulent_zuid", "handhaver", "beheerder"):
        with pytest.raises(PermissionDenied):
            maatregel.verzuim_register(actor=world[who], resident=world["jansen"], **arguments)


# -- the hearing (Awb 4:8, 4:11, 4:12) --------------------------------------------------------------------


def test_the_hearing_records_the_view_and_makes_the_verzuim_ready(world):
    verzuim = verzuim_make(world)
    assert verzuim.status == VerzuimStatus.GEHOORD
    assert (verzuim.hearing_invited_on, verzuim.hearing_on) == (INVITED, HEARD)
    assert AuditEvent.objects.filter(code="verzuim.heard", resident_id=world["jansen"].pk).exists()


def test_the_hearing_may_be_left_out_only_on_a_ground_of_the_awb_with_a_reason(world):
    verzuim = verzuim_make(world, heard=False)
    with pytest.raises(ValidationError) as error:
        maatregel.verzuim_hearing(
            actor=world["consulent"], verzuim=verzuim, invited_on=None, waived_reason="Geen tijd."
        )
    assert "art. 4:11 onder a, b of c, of art. 4:12 Awb" in error.value.message_dict["waived_ground"][0]
    verzuim = maatregel.verzuim_hearing(
        actor=world["consulent"],
        verzuim=verzuim,
        invited_on=None,
        waived_ground="4:11b",
        waived_reason="Zij gaf haar reactie al in het gesprek van 12 oktober; er is niets nieuws.",
    )
    assert verzuim.status == VerzuimStatus.GEHOORD
    assert verzuim.hearing_waived_reason.startswith("art. 4:11 onder b Awb")


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"invited_on": INVITED}, "record", "Schrijf op wat de inwoner naar voren bracht"),
        (
            {"invited_on": INVITED, "record": "Te ver.", "waived_ground": "4:12", "waived_reason": "Geld."},
            "waived_reason",
            "niet allebei",
        ),
        ({"invited_on": None, "record": "Te ver."}, "invited_on", "uitgenodigd"),
        ({"invited_on": date(2030, 1, 1), "record": "Te ver."}, "invited_on", "na vandaag"),
        ({"invited_on": date(2026, 9, 1), "record": "Te ver."}, "invited_on", "vóór de gedraging"),
        (
            {"invited_on": INVITED, "heard_on": date(2026, 10, 10), "record": "Te ver."},
            "heard_on",
            "vóór de uitnodiging",
        ),
    ],
)
def test_a_hearing_is_refused_with_what_is_wrong_where(world, arguments, field, words):
    verzuim = verzuim_make(world, heard=False)
    with pytest.raises(ValidationError) as error:
        maatregel.verzuim_hearing(actor=world["consulent"], verzuim=verzuim, **arguments)
    assert words in " ".join(error.value.message_dict[field])


def test_no_maatregel_before_the_hearing(world, figures):
    verzuim = verzuim_make(world, heard=False)
    proposal = _propose(world, verzuim)  # the proposal may be looked at; recording waits for the hearing
    with pytest.raises(ValidationError) as error:
        maatregel.maatregel_record(actor=world["consulent"], verzuim=verzuim, **record_arguments(proposal))
    assert "Hoor de inwoner eerst (art. 4:8 Awb)" in error.value.messages[0]


def test_a_closed_verzuim_gets_no_maatregel_and_no_hearing(world, figures):
    verzuim = verzuim_make(world)
    with pytest.raises(ValidationError):
        maatregel.verzuim_close(actor=world["consulent"], verzuim=verzuim, reason=" ")
    verzuim = maatregel.verzuim_close(
        actor=world["consulent"], verzuim=verzuim, reason="Zij was ziek; elke verwijtbaarheid ontbreekt."
    )
    assert verzuim.status == VerzuimStatus.GESLOTEN
    with pytest.raises(ValidationError, match="al afgehandeld"):
        _record(world, verzuim)
    with pytest.raises(ValidationError, match="al afgehandeld"):
        maatregel.verzuim_hearing(actor=world["consulent"], verzuim=verzuim, invited_on=INVITED, record="Ja.")


# -- the proposal and the besluit -------------------------------------------------------------------------


def test_the_proposal_for_an_obligation_of_18_4_is_100_percent_for_the_verordenings_months(world, figures):
    proposal = _propose(world, verzuim_make(world))
    chosen = proposal["response"]["maatregel"]
    assert proposal["request"]["kind"] == "maatregel"
    assert proposal["request"]["obligation"] == {
        "code": "pw_18_4_a",
        "breached_on": "2026-10-05",
        "category": None,
    }
    assert (chosen["type"], chosen["percentage"], chosen["months"]) == ("verlaging", "100", 1)
    assert proposal["response"]["obligation"]["article"] == "art. 18 lid 4 onder a Pw"
    assert AuditEvent.objects.filter(code="decision.evaluated", resident_id=world["jansen"].pk).exists()


def test_following_the_proposal_records_a_maatregel_without_claims(world, figures):
    verzuim = verzuim_make(world)
    besluit = _record(world, verzuim)
    proposal = besluit.engine_response["maatregel"]
    assert besluit.sanction_type == "maatregel" and besluit.investigation is None
    assert (besluit.maatregel_percentage, besluit.maatregel_months) == (Decimal("100"), 1)
    assert besluit.maatregel_start == date(2026, 12, 1)
    assert besluit.maatregel_monthly == Decimal(proposal["monthly_amount"]) == Decimal(proposal["norm"])
    assert besluit.maatregel_total == Decimal(proposal["total_amount"])
    assert (besluit.fine_amount, besluit.recovery_amount, besluit.deviates) == (0, 0, False)
    assert besluit.parameter_set_seq == figures.seq
    assert besluit.status == BesluitStatus.VASTGESTELD  # the landelijk four-eyes policy: no reason
    assert not besluit.vorderingen.exists()
    verzuim.refresh_from_db()
    assert verzuim.status == VerzuimStatus.BESLOTEN and verzuim.besluit == besluit
    assert verzuim.verwijtbaarheid == "normaal"
    assert (
        "art. 18 lid 4 onder a Pw" in besluit.motivation and "Over dringende redenen:" in besluit.motivation
    )
    assert AuditEvent.objects.filter(code="decision.recorded", object_id=str(besluit.pk)).exists()
    with pytest.raises(ValidationError, match="al afgehandeld"):
        _record(world, verzuim)


def test_more_than_the_law_and_the_verordening_is_refused(world, figures):
    verzuim = verzuim_make(world, obligation="pw_18_2", category=2)
    with pytest.raises(ValidationError) as error:
        _record(world, verzuim, percentage=Decimal("10.01"), months=2)
    assert error.value.message_dict["percentage"] == [
        "De verlaging kan niet hoger zijn dan wet en verordening voorschrijven (10 %)."
    ]
    assert error.value.message_dict["months"] == [
        "De verlaging kan niet langer duren dan wet en verordening voorschrijven (1 maanden)."
    ]


def test_a_lower_reduction_is_maatwerk_with_motivation_toets_and_a_second_signature(world, figures):
    verzuim = verzuim_make(world)
    with pytest.raises(ValidationError) as error:
        _record(world, verzuim, percentage=Decimal("50"))
    assert "deviation_motivation" in error.value.message_dict
    besluit = _record(
        world,
        verzuim,
        percentage=Decimal("50"),
        deviation_motivation="Een halve verlaging is evenredig: de inwoner zorgt voor haar moeder.",
        omgekeerde_toets=TOETS,
    )
    norm = Decimal(besluit.engine_response["maatregel"]["norm"])
    assert besluit.deviates and besluit.maatregel_percentage == Decimal("50")
    assert besluit.maatregel_monthly == (norm / 2).quantize(Decimal("0.01"))
    assert besluit.maatregel_total == besluit.maatregel_monthly * 1
    assert besluit.status == BesluitStatus.TER_ONDERTEKENING
    assert [r["code"] for r in besluit.four_eyes_reasons] == ["afwijking"]
    with pytest.raises(PermissionDenied):  # the consulent does not co-sign, let alone her own besluit
        services.besluit_cosign(actor=world["consulent"], besluit=besluit)
    besluit = services.besluit_cosign(actor=world["teamleider"], besluit=besluit)
    assert besluit.status == BesluitStatus.VASTGESTELD and not besluit.vorderingen.exists()


def test_the_weighing_and_the_culpability_reasons_are_required(world, figures):
    verzuim = verzuim_make(world)
    with pytest.raises(ValidationError) as error:
        _record(world, verzuim, weging={"ernst_gedraging": "Baan geweigerd."})
    assert set(error.value.message_dict) == {
        "weging_verwijtbaarheid_maatregel",
        "weging_omstandigheden_middelen",
        "weging_dringende_redenen_maatregel",
        "weging_zienswijze",
    }
    assert "bij een maatregel" in error.value.message_dict["weging_zienswijze"][0]
    with pytest.raises(ValidationError) as error:
        _record(world, verzuim, verwijtbaarheid_motivation=" ")
    assert "verwijtbaarheid_motivation" in error.value.message_dict


def test_the_start_month_and_the_decision_date(world, figures):
    verzuim = verzuim_make(world)
    with pytest.raises(ValidationError) as error:
        _record(world, verzuim, start_month=date(2026, 10, 1))
    assert "vóór de maand van het besluit" in error.value.message_dict["start_month"][0]
    besluit = _record(world, verzuim, start_month=date(2027, 1, 17))
    assert besluit.maatregel_start == date(2027, 1, 1)
    with pytest.raises(ValidationError) as error:
        maatregel.maatregel_propose(
            actor=world["consulent"],
            verzuim=verzuim,
            decision_date=date(2026, 9, 1),
            verwijtbaarheid="normaal",
        )
    assert "vóór de gedraging" in error.value.message_dict["decision_date"][0]


def test_no_culpability_means_no_reduction(world, figures):
    verzuim = verzuim_make(world)
    proposal = _propose(world, verzuim, "geen")
    assert proposal["response"]["maatregel"]["type"] == "geen"
    with pytest.raises(ValidationError, match="Sluit het verzuim zonder maatregel"):
        _record(world, verzuim, verwijtbaarheid="geen", percentage=Decimal("100"), months=1)


def test_a_category_of_18_2_takes_the_verordenings_percentage_of_the_norm(world, figures):
    besluit = _record(world, verzuim_make(world, obligation="pw_18_2", category=3))
    norm = Decimal(besluit.engine_response["maatregel"]["norm"])
    assert (besluit.maatregel_percentage, besluit.maatregel_months) == (Decimal("20"), 2)
    assert besluit.maatregel_monthly == (norm / 5).quantize(Decimal("0.01"))
    assert besluit.maatregel_total == besluit.maatregel_monthly * 2


def test_an_earlier_maatregel_for_18_4_is_recidive(world, figures):
    first = _record(world, verzuim_make(world))
    assert first.status == BesluitStatus.VASTGESTELD
    later = verzuim_make(world, obligation="pw_18_4_b")
    proposal = _propose(world, later)
    assert proposal["request"]["history"] == [
        {"type": "maatregel", "obligation": "pw_18_4_a", "date": "2026-11-20"}
    ]
    # the earlier maatregel was imposed after this breach (5 October): the engine decides whether it counts
    assert proposal["response"]["maatregel"]["months"] in (1, 2)


def test_only_the_resident_s_own_consulent_decides(world, figures):
    verzuim = verzuim_make(world)
    with pytest.raises(PermissionDenied):
        maatregel.maatregel_propose(
            actor=world["consulent_zuid"], verzuim=verzuim, decision_date=DECIDED, verwijtbaarheid="normaal"
        )
    with pytest.raises(PermissionDenied):
        maatregel.verzuim_close(actor=world["teamleider"], verzuim=verzuim, reason="Geen reden.")


def test_a_maatregel_replays_to_its_stored_response(world, figures):
    from naleving.decisions.replay import replay

    besluit = _record(world, verzuim_make(world, obligation="pw_18_2", category=1))
    result = replay(besluit.pk, actor=world["consulent"])
    assert result["identical"] and result["parameter_set_seq"] == figures.seq
