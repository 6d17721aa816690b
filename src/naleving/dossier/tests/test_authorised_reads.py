"""The resident's page reads most of its sources by the resident alone when ``resident_get`` gave the resident
to the actor (``dossier.reads.every_row_of``): it must show exactly what the actor-scoped selectors show, for
every role and every resident that role may open."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from naleving.common import compiled
from naleving.dossier.overview import status_card
from naleving.dossier.reads import PageReads, case_claims, case_investigations
from naleving.dossier.timeline import resident_timeline
from naleving.residents.models import Resident
from naleving.residents.selectors import authorised_for, resident_get

TODAY = date(2026, 6, 1)
#: every kind of entry a source of the page gives (``TimelineEntry.kind``)
KINDS = {
    "aanvraag", "uitkering", "signaal", "triage", "onderzoek", "besluit", "verzuim", "vordering",
    "preventie", "verwijzing", "wijziging", "correctie", "bezwaar_avg",
}  # fmt: skip


@pytest.fixture(scope="module")
def _every_source(_module_world, django_db_blocker) -> int:
    """Rows of every source for both residents of the world, and a third resident whom the consulent of Noord
    sees only as his fixed contact person (so not the investigation on him, whose consulent is of Zuid). Each
    has an investigation of the handhaver's whose access ended (he sees the resident through another). Made
    once, in the module's transaction (rolled back with its world); the third resident's id."""
    with django_db_blocker.unblock():
        return _every_source_build(_module_world)


@pytest.fixture
def every_source(_every_source, world) -> list[Resident]:
    """The world's two residents and the third of ``_every_source``, the test's own instances."""
    return [world["jansen"], world["pietersen"], Resident.objects.get(pk=_every_source)]


def _every_source_build(world) -> int:
    from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
    from naleving.decisions.models import Verzuim
    from naleving.investigations.tests.factories import (
        HoorEnWederhoorFactory,
        InvestigationFactory,
        InvestigativeActionFactory,
    )
    from naleving.prevention.tests.factories import (
        ChangeReportFactory,
        PreventiveInterventionFactory,
        ReferralFactory,
    )
    from naleving.residents.models import Correction, PrivacyObjection
    from naleving.residents.tests.factories import ApplicationFactory, ResidentFactory
    from naleving.signals.tests.factories import SignalFactory

    de_vries = ResidentFactory(
        family_name="De Vries",
        consulent=world["consulent_zuid"],
        fixed_contact_person=world["consulent"],
        gemeente=world["jansen"].gemeente,
    )
    for n, resident in enumerate((world["jansen"], world["pietersen"], de_vries)):
        other = InvestigationFactory(
            resident=resident, assigned_to=world["consulent_zuid"], closed_without_breach=True
        )
        # the handhaver's own investigation on the resident, final so long ago that his access to it ended
        ended = InvestigationFactory(
            resident=resident, assigned_to=world["handhaver"], closed_without_breach=True
        )
        type(ended).objects.filter(pk=ended.pk).update(access_final_on=date(2020, 1, 1))
        for investigation in {other, ended, *resident.investigations.all()}:
            InvestigativeActionFactory(investigation=investigation, performed_by=world["handhaver"])
            HoorEnWederhoorFactory(investigation=investigation, recorded_by=world["handhaver"])
        # a signal about the resident that the consulent of Noord registered himself
        SignalFactory(resident=resident, gemeente=resident.gemeente, registered_by=world["consulent"])
        SignalFactory(resident=resident, gemeente=resident.gemeente, triaged=True)
        claim = VorderingFactory(resident=resident, amount=Decimal("900.00") + n)
        AflossingFactory(vordering=claim, amount=Decimal("50.25"), registered_by=world["consulent"])
        AflossingFactory(vordering=claim, amount=Decimal("25.00"))
        VorderingFactory(resident=resident, amount=Decimal("120.00"))  # nothing paid yet
        Verzuim.objects.create(
            resident=resident, obligation="pw_18_4_a", happened_on=date(2026, 4, 2 + n), facts="Geweigerd.",
            reported_by=world["teamleider"],
        )  # fmt: skip
        PreventiveInterventionFactory(resident=resident, performed_by=world["consulent"])
        ReferralFactory(resident=resident, referred_by=world["consulent"])
        ChangeReportFactory(resident=resident)
        ApplicationFactory(resident=resident, handled_by=world["consulent"])
        Correction.objects.create(
            resident=resident, field="phone", old_value="", new_value="0612345678",
            requested_on=date(2026, 4, 3), reason="Verzoek van de inwoner", recorded_by=world["consulent"],
        )  # fmt: skip
        PrivacyObjection.objects.create(
            resident=resident, received_on=date(2026, 4, 4), grounds="Omstandigheden",
            registered_by=world["teamleider"],
        )  # fmt: skip
    return de_vries.pk


def _page_reads(reads: PageReads) -> dict:
    """What the rest of the page takes from the lists the timeline read, row by row."""
    return {
        "signals": [(s.pk, s.resident_in_scope, s.resident_id) for s in reads.signals or ()],
        "claims": [
            (c.pk, c.paid, sorted(r.pk for r in c.repayments), c.resident_id) for c in reads.claims or ()
        ],
        "verzuimen": [v.pk for v in reads.verzuimen or ()],
        "investigations": [
            (i.pk, i.has_besluit, sorted(a.pk for a in i.action_rows), sorted(h.pk for h in i.hearing_rows))
            for i in reads.investigations or ()
        ],
    }


def _page(actor, resident: Resident) -> tuple:
    reads = PageReads()
    entries = resident_timeline(actor=actor, resident=resident, reads=reads)
    card = status_card(actor=actor, resident=resident, today=TODAY, reads=reads)
    return entries, card, _page_reads(reads)


@pytest.mark.django_db
def test_an_authorised_resident_shows_what_the_scoped_selectors_show_for_every_role(world, every_source):
    superuser = get_user_model().objects.create_superuser("root", "root@example.nl", "x")
    users = [(name, value) for name, value in world.items() if isinstance(value, get_user_model())]
    assert len(users) >= 9  # every role of the test world
    opened, kinds_seen, left_out = 0, set(), set()
    for name, actor in [*users, ("superuser", superuser)]:
        for resident in every_source:
            try:
                authorised = resident_get(actor=actor, resident_id=resident.pk)
            except Resident.DoesNotExist:
                continue
            assert authorised_for(authorised, actor)
            plain = Resident.objects.get(pk=resident.pk)  # not from resident_get: the selectors' own path
            assert not authorised_for(plain, actor)
            fast, scoped = _page(actor, authorised), _page(actor, plain)
            assert fast == scoped, (name, resident.family_name)
            opened += 1
            kinds_seen |= {entry.kind for entry in fast[0]}
            left_out |= {kind for kind in KINDS if kind not in {entry.kind for entry in fast[0]}}
    assert opened >= 8
    assert kinds_seen == KINDS  # every source was read the fast way with rows to compare
    assert {"vordering", "besluit", "verzuim", "onderzoek"} <= left_out  # and roles without their permission


@pytest.mark.django_db
def test_the_handhaver_sees_on_the_page_only_the_investigations_he_still_has_access_to(world, every_source):
    from naleving.investigations.selectors import investigations_visible_to

    handhaver = world["handhaver"]
    jansen = resident_get(actor=handhaver, resident_id=world["jansen"].pk)
    shown = {inv.pk for inv in case_investigations(handhaver, jansen)}
    every = set(jansen.investigations.values_list("pk", flat=True))
    visible = set(investigations_visible_to(handhaver).filter(resident=jansen).values_list("pk", flat=True))
    assert shown == visible and shown and every - shown  # his open one, not the ended one nor Zuid's


@pytest.mark.django_db
def test_the_fast_reads_keep_only_the_actions_and_repayments_of_what_the_actor_sees(world, every_source):
    """The consulent of Noord sees De Vries as his fixed contact person, not the investigations on him; the
    actions and hearings read by the resident are of those investigations only, and none is kept."""
    consulent, de_vries = world["consulent"], every_source[2]
    authorised = resident_get(actor=consulent, resident_id=de_vries.pk)
    assert case_investigations(consulent, authorised) == []
    assert [e for e in resident_timeline(actor=consulent, resident=authorised) if e.kind == "onderzoek"] == []
    claims = case_claims(consulent, authorised)
    assert sorted(c.paid for c in claims) == [Decimal("0"), Decimal("75.25")]
    assert all(r.vordering_id == c.pk for c in claims for r in c.repayments)


@pytest.mark.django_db
def test_the_fast_reads_are_compiled_once_and_run_by_the_resident(world, every_source):
    compiled.forget()
    consulent = world["consulent"]
    first = resident_get(actor=consulent, resident_id=world["jansen"].pk)
    resident_timeline(actor=consulent, resident=first)
    names = _compiled_names()
    assert {
        "dossier.rows.signals.Signal", "dossier.rows.decisions.Besluit", "dossier.rows.claims.Vordering",
        "dossier.repayments", "dossier.actions", "dossier.hearings", "dossier.rows.prevention.Referral",
    } <= names  # fmt: skip
    # a second resident runs the same SQL with his id: nothing compiled again
    second = resident_get(actor=consulent, resident_id=every_source[2].pk)
    resident_timeline(actor=consulent, resident=second)
    assert _compiled_names() == names


def _compiled_names() -> set[str]:
    return {key[0] for key in compiled._COMPILED} | {key[0] for key in compiled._OBJECTS}
