"""Foreign keys checked per statement (``common.bulk.foreign_keys_checked_per_statement``), in real
transactions: a module of its own, because the other bulk tests share a module-scoped transaction."""

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
