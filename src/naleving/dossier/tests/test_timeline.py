"""The resident file shows what happened to a resident, newest first, and logs the read once."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.dossier.timeline import TimelineEntry, resident_timeline


@pytest.mark.django_db
def test_timeline_shows_each_step_with_actor(client, world):
    client.force_login(world["consulent"])
    body = client.get(reverse("residents:detail", args=[world["jansen"].pk])).content.decode()
    for title in (
        "Uitkering Participatiewet gestart",
        "Signaal ontvangen: Inkomsten",
        "Onderzoek gestart",
        "Besluit: Bestuurlijke boete",
    ):
        assert title in body
    assert world["handhaver"].get_full_name() in body or world["handhaver"].username in body


@pytest.mark.django_db
def test_timeline_is_newest_first(world):
    entries = resident_timeline(actor=world["consulent"], resident=world["jansen"])
    assert len(entries) > 3
    keys = [e.sort_key for e in entries]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.django_db
def test_the_resident_file_logs_one_read_with_its_purpose(client, world):
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client.force_login(world["consulent"])
    client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    events = AuditEvent.objects.filter(id__gt=last).order_by("id")
    assert [(e.code, e.resident_id, e.purpose) for e in events] == [
        ("resident.viewed", world["jansen"].pk, "Eigen caseload (uitvoering uitkering)")
    ]


@pytest.mark.django_db
def test_a_resident_out_of_scope_is_not_found(client, world):
    client.force_login(world["consulent"])
    response = client.get(reverse("residents:detail", args=[world["pietersen"].pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_verzuim_and_its_maatregel_are_on_the_timeline(world):
    from datetime import date
    from decimal import Decimal

    from naleving.decisions.models import Verzuim
    from naleving.decisions.tests.factories import BesluitFactory

    jansen = world["jansen"]
    maatregel = BesluitFactory(
        investigation=None, resident=jansen, benadelingsbedrag=Decimal("0"), verwijtbaarheid="normaal",
        fine_amount=Decimal("0"), recovery_amount=Decimal("0"), sanction_type="maatregel",
        maatregel_percentage=Decimal("100"), maatregel_months=1, maatregel_total=Decimal("1419.46"),
        decision_date=date(2026, 5, 1),
    )  # fmt: skip
    Verzuim.objects.create(
        resident=jansen, obligation="pw_18_4_a", happened_on=date(2026, 4, 2), facts="Werk geweigerd.",
        besluit=maatregel, status="besloten",
    )  # fmt: skip
    entries = resident_timeline(actor=world["consulent"], resident=jansen)
    titles = {entry.title: entry for entry in entries}
    assert "Verplichting niet nagekomen (art. 18 lid 4 onder a Pw)" in titles
    besluit = next(e for e in entries if e.title.startswith("Besluit: Maatregel"))
    assert besluit.detail == "Verlaging 100% gedurende 1 maand(en), samen € 1.419,46"


@pytest.mark.django_db
def test_every_source_names_who_did_it(world):
    """Each source's colleague is named on its entry (read in one query at the end, ``Colleague``): a referral,
    a verzuim, a correction and an objection to processing as much as a signal or a besluit; no entry is left
    holding an id."""
    from datetime import date

    from naleving.common.people import display_name
    from naleving.decisions.models import Verzuim
    from naleving.prevention.tests.factories import ReferralFactory
    from naleving.residents.models import Correction, PrivacyObjection

    jansen, consulent, teamleider = world["jansen"], world["consulent"], world["teamleider"]
    ReferralFactory(resident=jansen, referred_by=consulent)
    Verzuim.objects.create(
        resident=jansen, obligation="pw_18_4_a", happened_on=date(2026, 4, 2), facts="Werk geweigerd.",
        reported_by=teamleider,
    )  # fmt: skip
    Correction.objects.create(
        resident=jansen, field="phone", old_value="", new_value="0612345678", requested_on=date(2026, 4, 3),
        reason="Verzoek van de inwoner", recorded_by=consulent,
    )  # fmt: skip
    PrivacyObjection.objects.create(
        resident=jansen,
        received_on=date(2026, 4, 4),
        grounds="Bijzondere omstandigheden",
        registered_by=teamleider,
    )
    entries = resident_timeline(actor=world["consulent"], resident=jansen)
    assert all(isinstance(entry.actor, str) for entry in entries)
    actors = {entry.kind: entry.actor for entry in entries}
    assert actors["verwijzing"] == actors["correctie"] == display_name(consulent) != ""
    assert actors["verzuim"] == actors["bezwaar_avg"] == display_name(teamleider) != ""
    signal, besluit = world["jansen"].signals.get(), world["besluit"]
    assert actors["signaal"] == display_name(signal.registered_by)
    assert actors["besluit"] == display_name(besluit.recorded_by)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["consulent", "teamleider", "handhaver"])
def test_skipping_empty_sources_leaves_the_timeline_as_it_was(world, role, monkeypatch):
    """Every resident of the test world, through each role's scope: the same entries as reading every source."""
    from naleving.dossier import reads, timeline
    from naleving.residents.models import Resident
    from naleving.residents.selectors import residents_visible_to

    actor = world[role]
    seen = list(residents_visible_to(actor))
    assert seen
    probed = {r.pk: resident_timeline(actor=actor, resident=r) for r in seen}
    assert reads.records_present(world["jansen"]) >= {"signals", "investigations", "besluiten"}
    monkeypatch.setattr(timeline, "records_present", lambda resident: reads.PROBED)
    for resident in seen:
        assert (
            resident_timeline(actor=actor, resident=Resident.objects.get(pk=resident.pk))
            == probed[resident.pk]
        )


@pytest.mark.django_db
def test_a_resident_with_nothing_but_a_benefit_costs_few_queries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from naleving.dossier.reads import records_present
    from naleving.residents.tests.factories import ResidentFactory

    quiet = ResidentFactory(consulent=world["consulent"], gemeente=world["jansen"].gemeente)
    assert records_present(quiet) == frozenset()
    client.force_login(world["consulent"])
    url = reverse("residents:detail", args=[quiet.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # the one probe of EXISTS tests aside, no source without rows is read
    reads = [q["sql"] for q in queries.captured_queries if "has_signals" not in q["sql"]]
    for table in (
        "investigations_investigation",
        "claims_vordering",
        "prevention_referral",
        "residents_correction",
    ):
        assert not [sql for sql in reads if f'FROM "{table}"' in sql], table
    assert len(queries) <= 20


@pytest.mark.django_db
def test_who_recorded_an_action_a_hearing_or_a_repayment_comes_with_it(client, world):
    """The timeline names who performed each action, held each hearing and registered each repayment; those
    colleagues are read together, in one query of their names only (not one per row, not joined in full to
    each source), and the status card counts the signals not yet assessed from the signals the timeline read
    (no count query)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
    from naleving.investigations.tests.factories import HoorEnWederhoorFactory, InvestigativeActionFactory

    investigation, handhaver = world["investigation"], world["handhaver"]
    InvestigativeActionFactory(investigation=investigation, performed_by=handhaver)
    HoorEnWederhoorFactory(investigation=investigation)
    vordering = VorderingFactory(besluit=world["besluit"])
    AflossingFactory(vordering=vordering, registered_by=world["consulent"])
    client.force_login(world["consulent"])
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("residents:detail", args=[world["jansen"].pk])).content.decode()
    assert "Hoor en wederhoor" in body and "Aflossing ontvangen" in body
    sqls = [q["sql"] for q in queries.captured_queries]
    users_alone = [sql for sql in sqls if 'FROM "accounts_user" WHERE' in sql]
    assert (
        len(users_alone) == 2
    )  # the signed-in user himself (the session), and the colleagues the page names
    assert "password" in users_alone[0] and "password" not in users_alone[1]
    for colleague in (handhaver, world["consulent"]):
        assert f"· {colleague.get_full_name() or colleague.get_username()}</div>" in body
    assert not [sql for sql in sqls if "COUNT(*)" in sql and '"signals_signal"' in sql]
    # the world's one signal about Jansen is not assessed yet
    assert '<span class="nl-card__figure">1</span> nog te beoordelen' in body


@pytest.mark.django_db
def test_the_timeline_reads_unordered_and_shows_ties_in_the_models_order(client, world):
    """The sources of the timeline are read without ORDER BY (compiling it cost a sixth of the page) and put
    in their model's order in Python (``common.ordering``): two repayments of one day come oldest first, as
    ``Aflossing.Meta.ordering`` (paid_on, id) has it, whatever order the database returned them in."""
    from datetime import date
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from naleving.claims.tests.factories import AflossingFactory, VorderingFactory

    vordering = VorderingFactory(besluit=world["besluit"])
    day = date(2026, 3, 2)
    first = AflossingFactory(vordering=vordering, paid_on=day, period=date(2026, 3, 1), amount="11.00")
    second = AflossingFactory(vordering=vordering, paid_on=day, period=date(2026, 4, 1), amount="22.00")
    client.force_login(world["consulent"])
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    sources = (
        "signals_signal",
        "investigations_investigation",
        "decisions_besluit",
        "claims_vordering",
        "claims_aflossing",
        "investigations_investigativeaction",
    )
    # each query by the table it reads (its first FROM), the timeline's sources only
    read = [(q["sql"].split(' FROM "', 1)[-1].split('"', 1)[0], q["sql"]) for q in queries.captured_queries]
    ordered = [table for table, sql in read if table in sources and "ORDER BY" in sql]
    assert ordered == []
    entries = resident_timeline(actor=world["consulent"], resident=world["jansen"])
    repayments = [e.amount for e in entries if e.title == "Aflossing ontvangen" and e.when == day]
    # newest first overall; the two of one day in the model's order, as the database gave them before
    assert repayments == [Decimal(first.amount), Decimal(second.amount)]


@pytest.mark.django_db
def test_the_timeline_reads_do_not_join_the_resident_again(client, world):
    """The page's resident is read once; the selectors' rows for his timeline come without his columns
    (``reads.of_resident``), each with the page's resident as its ``resident``, and no read of the residents'
    table of its own follows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from naleving.claims.tests.factories import AflossingFactory, VorderingFactory
    from naleving.dossier.reads import PageReads
    from naleving.investigations.tests.factories import InvestigativeActionFactory
    from naleving.prevention.tests.factories import PreventiveInterventionFactory
    from naleving.residents.models import Resident

    jansen = world["jansen"]
    AflossingFactory(vordering=VorderingFactory(besluit=world["besluit"]), registered_by=world["consulent"])
    InvestigativeActionFactory(investigation=world["investigation"], performed_by=world["handhaver"])
    PreventiveInterventionFactory(resident=jansen)
    client.force_login(world["consulent"])
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("residents:detail", args=[jansen.pk])).content.decode()
    assert "Besluit:" in body and "Vordering ingesteld" in body
    tables = (
        "signals_signal",
        "investigations_investigation",
        "decisions_besluit",
        "claims_vordering",
        "prevention_preventiveintervention",
    )
    # each read by the table of its first column (``SELECT "table"."id", ...``)
    reads_of = {
        sql.split('"', 2)[1]: sql
        for sql in (q["sql"] for q in queries.captured_queries)
        if sql.startswith('SELECT "')
    }
    assert set(tables) <= set(reads_of), sorted(reads_of)
    for table in tables:  # what is selected, not the scope (which may join the resident to test him)
        selected = reads_of[table].split(f' FROM "{table}"', 1)[0]
        assert '"residents_resident".' not in selected and '"family_name"' not in selected, selected
    residents_read = [
        q["sql"] for q in queries.captured_queries if 'FROM "residents_resident" WHERE' in q["sql"]
    ]
    assert len(residents_read) == 1, residents_read  # the page's own resident_get

    reads = PageReads()
    resident = Resident.objects.get(pk=jansen.pk)
    resident_timeline(actor=world["consulent"], resident=resident, reads=reads)
    rows = [*reads.signals, *reads.investigations, *reads.claims]
    assert rows and all(row.resident is resident for row in rows)


@pytest.mark.parametrize(
    "when",
    [
        date(2026, 3, 7),
        date(987, 12, 31),
        datetime(2026, 6, 30, 22, 30, tzinfo=UTC),  # 1 July in Amsterdam
        datetime(2026, 12, 31, 23, 30, tzinfo=UTC),  # New Year's Day in Amsterdam
        datetime(2026, 1, 2, 8, 0),  # a moment without a zone, as it is
    ],
)
@pytest.mark.parametrize(
    "detail",
    [
        "",
        "kort",
        "x" * 160,
        "x" * 161,
        "woord " * 40,
        "e\u0301" * 150,  # combining accents: NFC makes them one letter each, as the filter counts them
        "cafe\u0301 " * 40,
        "<b>& niet als HTML</b> " * 12,
    ],
)
def test_an_entry_shows_its_day_and_detail_as_the_template_filters_did(when, detail):
    entry = TimelineEntry(when, "signaal", "Titel", detail, "", since=when)
    filtered = Template(
        '{{ e.when|date:"d-m-Y" }}|{{ e.since|date:"d-m-Y" }}|{{ e.detail|truncatechars:160 }}'
    )
    ours = Template("{{ e.day }}|{{ e.since_day }}|{{ e.short_detail }}")
    with timezone.override("Europe/Amsterdam"):
        context = Context({"e": entry})
        assert ours.render(context) == filtered.render(context)
    assert TimelineEntry(when, "signaal", "Titel", detail, "").since_day == ""
