"""Foreign keys checked per statement and at the end of a load (``common.bulk.foreign_keys_checked_*``), in
real transactions: a module of its own, because the other bulk tests share a module-scoped transaction."""

import pytest
from django.db import connection

from naleving.common.bulk import copy_insert
from naleving.investigations.models import Investigation
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite defers no constraints")
@pytest.mark.django_db(transaction=True)
def test_a_dangling_reference_fails_its_own_statement_once_checked_per_statement():
    from django.db import transaction
    from psycopg import IntegrityError  # COPY runs on psycopg's cursor: its error, not Django's wrapper

    from naleving.common.bulk import foreign_keys_checked_per_statement

    resident = ResidentFactory()

    def dangling() -> Investigation:
        investigation = InvestigationFactory.build(resident=resident, assigned_to=None)
        Investigation._meta.get_field("resident").delete_cached_value(investigation)
        investigation.resident_id = resident.pk + 10_000
        return investigation

    with transaction.atomic():  # deferred, Django's default: the statement passes, the commit would fail
        copy_insert(Investigation, [dangling()])
        transaction.set_rollback(True)
    with pytest.raises(IntegrityError), transaction.atomic():
        foreign_keys_checked_per_statement()
        copy_insert(Investigation, [dangling()])
    with transaction.atomic():  # only for that transaction: the next one defers again
        copy_insert(Investigation, [dangling()])
        transaction.set_rollback(True)
    assert not Investigation.objects.exists()


def _foreign_keys() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable, condeferred "
            "FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2"
        )
        return cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps its keys")
@pytest.mark.django_db(transaction=True)
def test_keys_checked_at_the_end_come_back_as_they_were_and_refuse_a_row_that_points_nowhere():
    from django.db import IntegrityError, transaction

    from naleving.common.bulk import foreign_keys_checked_at_the_end

    before = _foreign_keys()
    investigation_keys = [key for key in before if key[0] == Investigation._meta.db_table]
    assert investigation_keys and all(key[3] and key[4] for key in investigation_keys)  # deferred, Django's
    resident = ResidentFactory()
    with transaction.atomic(), foreign_keys_checked_at_the_end([Investigation]):
        assert [key for key in _foreign_keys() if key[0] == Investigation._meta.db_table] == []
        copy_insert(Investigation, [InvestigationFactory.build(resident=resident, assigned_to=None)])
    assert _foreign_keys() == before
    assert Investigation.objects.count() == 1

    dangling = InvestigationFactory.build(resident=resident, assigned_to=None)
    Investigation._meta.get_field("resident").delete_cached_value(dangling)
    dangling.resident_id = resident.pk + 10_000
    refused = pytest.raises(IntegrityError, match="resident_id")
    with refused, transaction.atomic(), foreign_keys_checked_at_the_end([Investigation]):
        copy_insert(Investigation, [dangling])  # passes: the key is not there to check it
    assert _foreign_keys() == before  # the rollback brought the keys back
    assert Investigation.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps its keys")
@pytest.mark.django_db(transaction=True)
def test_keys_are_not_dropped_outside_a_transaction_nor_added_back_after_an_error():
    from django.db import transaction

    from naleving.common.bulk import foreign_keys_checked_at_the_end

    before = _foreign_keys()
    with (
        pytest.raises(RuntimeError, match="needs a transaction"),
        foreign_keys_checked_at_the_end([Investigation]),
    ):
        pytest.fail("the block may not run outside a transaction")
    assert _foreign_keys() == before
    with (
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
        foreign_keys_checked_at_the_end([Investigation]),
    ):
        1 / 0  # noqa: B018
    assert _foreign_keys() == before
