"""common.compiled.objects_for from several threads (gunicorn's, or runserver's thread per request): one compiled
form per query, its values converted with the reading thread's own connection, nothing kept per thread."""

import threading
from datetime import date

import pytest
from django.db import connections

from naleving.common import compiled
from naleving.residents.models import Resident
from naleving.residents.tests.factories import ResidentFactory


def _of_pk(pk):
    return Resident.objects.filter(pk=pk).order_by()


@pytest.mark.django_db(transaction=True)
def test_each_thread_reads_with_its_own_connection_and_nothing_is_kept_per_thread():
    compiled.forget()
    resident = ResidentFactory(birth_date=date(1985, 5, 17))
    found, errors = [], []

    def read():
        try:
            found.extend(compiled.objects_for("test.resident", Resident, _of_pk, resident.pk))
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
        thread.join()
    assert not errors
    assert [r.pk for r in found] == [resident.pk] * 3
    assert all(type(r.birth_date) is date and r.birth_date == date(1985, 5, 17) for r in found)
    assert [key for key in compiled._OBJECTS if key[0] == "test.resident"] == [("test.resident", "default")]
