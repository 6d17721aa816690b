"""Signals belong to a municipality (issue #17, ADR 0021): the resident's when linked, otherwise the one the
intake names; with several municipalities every intake names it, whether or not the BSN is known, so the
answer never tells whether it was."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.signals.models import Signal
from naleving.signals.services import IBImportError, ib_import, signal_register
from naleving.signals.tests.test_ib_import import JANSEN, ROW_1, ROW_2, UNKNOWN, csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def waalwijk(world):
    return GemeenteFactory(code="GM0867", name="Waalwijk")


def _register(actor, **extra) -> Signal:
    return signal_register(
        actor=actor,
        origin="collega",
        kind="income",
        received_on=date(2026, 3, 1),
        description="Werkt bij de bakker.",
        **extra,
    )


def test_a_linked_signal_belongs_to_its_residents_municipality(world, waalwijk):
    signal = _register(world["consulent"], subject_bsn=JANSEN, gemeente=waalwijk)
    assert signal.resident == world["jansen"] and signal.gemeente == world["jansen"].gemeente


def test_an_unlinked_signal_belongs_to_the_named_municipality(world, waalwijk):
    signal = _register(world["consulent"], subject_bsn=UNKNOWN, gemeente=waalwijk)
    assert signal.resident is None and signal.gemeente == waalwijk


def test_with_one_municipality_nobody_names_it(world):
    signal = _register(world["consulent"], subject_name="J. de Vries")
    assert signal.gemeente == world["jansen"].gemeente


@pytest.mark.parametrize("bsn", [JANSEN, UNKNOWN])
def test_with_several_a_signal_without_a_municipality_is_refused_whoever_it_is_about(world, waalwijk, bsn):
    """Known or not, the same answer: the refusal must not tell whether the BSN is a resident's."""
    with pytest.raises(ValidationError) as refused:
        _register(world["consulent"], subject_bsn=bsn)
    assert "gemeente" in refused.value.message_dict
    assert not Signal.objects.filter(subject_bsn=bsn, origin="collega").exists()


def test_a_municipality_the_registrar_does_not_work_for_is_refused(world, waalwijk):
    consulent = world["consulent"]
    consulent.all_gemeenten = False
    consulent.save(update_fields=["all_gemeenten"])
    consulent.gemeenten.set([world["jansen"].gemeente])
    with pytest.raises(ValidationError):
        _register(consulent, subject_name="J. de Vries", gemeente=waalwijk)


def test_the_form_asks_for_the_municipality_when_there_are_several(client, world, waalwijk):
    client.force_login(world["consulent"])
    page = client.get(reverse("signals:create")).content.decode()
    assert "Waalwijk" in page and "Demostad" in page
    data = {
        "origin": "collega",
        "kind": "income",
        "received_on": "2026-03-01",
        "description": "Werkt bij de bakker.",
        "subject_name": "J. de Vries",
    }
    response = client.post(reverse("signals:create"), data)
    assert response.status_code == 200 and not Signal.objects.filter(subject_name="J. de Vries").exists()
    response = client.post(reverse("signals:create"), {**data, "gemeente": waalwijk.pk})
    assert response.status_code == 302
    assert Signal.objects.get(subject_name="J. de Vries").gemeente == waalwijk


def test_the_public_report_asks_for_the_municipality_when_there_are_several(client, world, waalwijk):
    page = client.get(reverse("melden:report")).content.decode()
    assert "In welke gemeente woont de persoon?" in page and "Waalwijk" in page


def test_an_ib_file_names_its_municipality_when_there_are_several(world, waalwijk):
    content = csv_file(ROW_1, ROW_2)
    with pytest.raises(IBImportError) as refused:
        ib_import(actor=world["handhaver"], filename="ib.csv", content=content)
    assert "Kies de gemeente" in str(refused.value.row_errors[0])
    assert not Signal.objects.filter(origin="inlichtingenbureau", subject_bsn=UNKNOWN).exists()
    ib_import(actor=world["handhaver"], filename="ib.csv", content=content, gemeente=waalwijk)
    assert Signal.objects.get(subject_bsn=UNKNOWN).gemeente == waalwijk
    linked = Signal.objects.get(external_reference="IB-2026-0000001")
    assert linked.resident == world["jansen"] and linked.gemeente == world["jansen"].gemeente


def test_the_import_command_takes_the_municipality_by_its_code(world, waalwijk, tmp_path):
    path = tmp_path / "ib.csv"
    path.write_bytes(csv_file(ROW_2))
    with pytest.raises(CommandError):
        call_command("signals-import-ib", str(path), "--gemeente", "GM0001")
    call_command("signals-import-ib", str(path), "--gemeente", "gm0867")
    assert Signal.objects.get(subject_bsn=UNKNOWN).gemeente == waalwijk


def test_linking_in_triage_moves_the_signal_to_the_residents_municipality(world, waalwijk):
    from naleving.signals.triage import _link_resident

    signal = _register(world["handhaver"], subject_bsn=UNKNOWN, gemeente=waalwijk)
    _link_resident(world["handhaver"], signal, world["jansen"])
    signal.refresh_from_db()
    assert signal.gemeente == world["jansen"].gemeente
