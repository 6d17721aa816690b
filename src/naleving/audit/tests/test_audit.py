import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from naleving.audit.models import AppendOnlyError, AuditEvent, AuditSeal
from naleving.audit.sealing import chain_seal
from naleving.audit.services import audit_record, audit_verify


@pytest.mark.django_db
def test_sealer_links_each_event_to_its_predecessor(world):
    first = audit_record(actor=world["fg"], code="audit.searched")
    second = audit_record(actor=world["fg"], code="audit.searched")
    assert not AuditSeal.objects.filter(
        event__in=[first, second]
    ).exists()  # writing takes no place in the chain
    chain_seal()
    assert AuditSeal.objects.get(event=second).prev_hash == AuditSeal.objects.get(event=first).entry_hash
    assert AuditSeal.objects.get(event=second).seq == AuditSeal.objects.get(event=first).seq + 1
    assert audit_verify().ok


@pytest.mark.django_db
def test_unknown_code_is_refused(world):
    with pytest.raises(ValueError, match="Unknown audit event code"):
        audit_record(actor=None, code="resident.stolen")


@pytest.mark.django_db
def test_events_cannot_be_changed_or_deleted_through_the_orm(world):
    event = audit_record(actor=world["fg"], code="audit.searched")
    event.purpose = "iets anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    chain_seal()
    seal = AuditSeal.objects.get(event=event)
    with pytest.raises(AppendOnlyError):
        seal.save()
    with pytest.raises(AppendOnlyError):
        seal.delete()


@pytest.mark.django_db
def test_verify_command_names_the_first_altered_entry(world, client):
    client.force_login(world["consulent"])
    client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    call_command("audit", "verify")  # intact chain passes (and seals it)
    target = AuditEvent.objects.filter(code="resident.viewed").latest("id")
    with connection.cursor() as cursor:  # tamper below the ORM, as an attacker with database access would
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET purpose = %s WHERE id = %s",
            ["verzonnen doel", target.pk],
        )
    with pytest.raises(CommandError, match=rf"gebeurtenis #{target.pk}: de inhoud is gewijzigd"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_verify_detects_a_removed_entry(world):
    audit_record(actor=None, code="audit.searched")
    middle = audit_record(actor=None, code="audit.searched")
    audit_record(actor=None, code="audit.searched")
    chain_seal()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [middle.pk])
    result = audit_verify()
    assert not result.ok and result.broken_at == middle.pk
    assert "verwijderd na het verzegelen" in result.problem


@pytest.mark.django_db
def test_resident_read_is_logged_with_purpose(client, world):
    client.force_login(world["handhaver"])
    client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    event = AuditEvent.objects.filter(code="resident.viewed").latest("id")
    assert event.resident_id == world["jansen"].pk
    assert event.actor == world["handhaver"]
    assert event.purpose == "Toegewezen handhavingsonderzoek"


@pytest.mark.django_db
def test_fg_finds_who_saw_a_resident(client, world):
    client.force_login(world["consulent"])
    client.get(reverse("residents:detail", args=[world["jansen"].pk]))
    client.force_login(world["fg"])
    body = client.get(reverse("audit:resident_history"), {"bsn": world["jansen"].bsn}).content.decode()
    assert "Dossier van inwoner bekeken" in body
    assert "Eigen caseload" in body
    assert world["jansen"].masked_bsn in body
    assert world["pietersen"].masked_bsn not in body


@pytest.mark.django_db
def test_events_written_many_at_a_time_equal_those_written_one_by_one_and_seal(world):
    """``audit_record_many`` (COPY on PostgreSQL) stores each event as ``audit_record`` would: the same columns,
    JSON included, a content hash over the stored content, and a chain that verifies once sealed."""
    from naleving.audit.services import AuditEntry, audit_record_many

    consulent, jansen = world["consulent"], world["jansen"]
    entry = AuditEntry(obj=jansen, resident_id=jansen.pk, purpose="Zoeken in eigen werkvoorraad",
                       before={"bedrag": "1.401,50", "lijst": [1, 2]}, after={"naam": "Jansen – é \"ß\""})  # fmt: skip
    one = audit_record(
        actor=consulent, code="resident.list_viewed", obj=entry.obj, resident_id=entry.resident_id,
        purpose=entry.purpose, before=entry.before, after=entry.after,
    )  # fmt: skip
    many = audit_record_many(actor=consulent, code="resident.list_viewed", entries=[entry, entry])
    columns = ("code", "actor_id", "actor_name", "object_type", "object_id", "resident_id", "purpose",
               "before", "after", "request_id")  # fmt: skip
    stored = {e.pk: e for e in AuditEvent.objects.filter(pk__in=[one.pk] + [e.pk for e in many])}
    assert len(stored) == 3 and [e.pk for e in many] == sorted(e.pk for e in many)
    for event in many:
        assert {c: getattr(stored[event.pk], c) for c in columns} == {
            c: getattr(stored[one.pk], c) for c in columns
        }
        assert stored[event.pk].content_hash == event.content_hash
    chain_seal()
    assert audit_verify().ok


def _an_unknown_code_writes_nothing_and_the_chain_verifies(write, actor) -> None:
    """``write`` (``audit_record_many`` or ``audit_record_reads``) refuses a batch with an unknown code whole."""
    from naleving.audit.services import AuditEntry

    before = AuditEvent.objects.count()
    with pytest.raises(ValueError, match=r"resident\.bekeken"):
        write(actor=actor, entries=[AuditEntry(code="resident.viewed"), AuditEntry(code="resident.bekeken")])
    assert AuditEvent.objects.count() == before
    chain_seal()
    assert audit_verify().ok


@pytest.mark.django_db
def test_reads_written_without_objects_equal_those_written_with_them_and_seal(world):
    """``audit_record_reads`` (the reads a response declared) stores what ``audit_record_many`` stores: every
    column, JSON and the legacy hashes' empty defaults included, a content hash that verifies once sealed,
    and nothing at all when one entry's code is unknown."""
    from naleving.audit.services import AuditEntry, audit_record_many, audit_record_reads

    consulent, jansen = world["consulent"], world["jansen"]
    entries = [
        AuditEntry(code="resident.list_viewed", obj=jansen, resident_id=jansen.pk, purpose="Werkvoorraad",
                   after={"naam": "Jansen – é \"ß\"", "lijst": [1, 2]}),
        AuditEntry(code="resident.searched", purpose="Zoeken in eigen werkvoorraad"),
    ]  # fmt: skip
    many = audit_record_many(actor=consulent, entries=entries)
    first = max(e.pk for e in many)
    audit_record_reads(actor=consulent, entries=entries)
    reads = list(AuditEvent.objects.filter(pk__gt=first).order_by("pk"))
    columns = [f.attname for f in AuditEvent._meta.concrete_fields if f.attname not in ("id", "occurred_at",
               "content_hash")]  # fmt: skip
    assert len(reads) == 2
    for read, event in zip(
        reads, AuditEvent.objects.filter(pk__in=[e.pk for e in many]).order_by("pk"), strict=True
    ):
        assert {c: getattr(read, c) for c in columns} == {c: getattr(event, c) for c in columns}
        assert read.legacy_prev_hash == "" and read.content_hash
    _an_unknown_code_writes_nothing_and_the_chain_verifies(audit_record_reads, consulent)


@pytest.mark.django_db
def test_events_of_several_codes_are_written_in_one_go_each_with_its_own_code(world):
    from naleving.audit.services import AuditEntry, audit_record_many

    consulent, jansen = world["consulent"], world["jansen"]
    entries = [
        AuditEntry(code="resident.searched", purpose="Zoeken in eigen werkvoorraad"),
        AuditEntry(resident_id=jansen.pk, purpose="Inwoners in de werkvoorraad"),
        AuditEntry(code="resident.viewed", resident_id=jansen.pk, purpose="Eigen caseload"),
    ]
    many = audit_record_many(actor=consulent, code="resident.list_viewed", entries=entries)
    stored = list(AuditEvent.objects.filter(pk__in=[e.pk for e in many]).order_by("pk"))
    assert [e.code for e in stored] == ["resident.searched", "resident.list_viewed", "resident.viewed"]
    _an_unknown_code_writes_nothing_and_the_chain_verifies(audit_record_many, consulent)


@pytest.mark.django_db
def test_a_list_page_logs_its_search_and_its_residents_in_one_id_draw(client, world, shared_login):
    from django.test.utils import CaptureQueriesContext

    shared_login("consulent")
    first = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("residents:list"), {"q": "Jansen"}).status_code == 200
    codes = list(AuditEvent.objects.filter(pk__gt=first).order_by("pk").values_list("code", flat=True))
    assert codes.count("resident.searched") == 1 and set(codes) == {
        "resident.searched",
        "resident.list_viewed",
    }
    draws = [q["sql"] for q in queries.captured_queries if "nextval" in q["sql"] or 'MAX("audit' in q["sql"]]
    assert len(draws) == 1, draws
