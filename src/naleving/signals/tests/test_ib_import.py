"""ib_import: all or nothing, every error by line and column, idempotent, silent about who is a client."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from naleving.audit.models import AuditEvent
from naleving.audit.sealing import chain_seal
from naleving.audit.services import audit_verify
from naleving.signals import ib
from naleving.signals.models import ImportBatch, Signal
from naleving.signals.services import IBImportError, ib_import

HEADER = "signaalnummer,bsn,product,signaaldatum,belastingjaar,bsn_geverifieerd,omschrijving"
JANSEN = "111222333"  # a resident in the world fixture
UNKNOWN = "999990019"  # valid BSN, nobody's
ROW_1 = f"IB-2026-0000001,{JANSEN},Start inkomstenverhouding,2026-02-02,,true,Loon sinds 01-01-2026"
ROW_2 = (
    f'IB-2026-0000002,{UNKNOWN},Vermogen,2026-05-12,2025,false,"Saldo 31-12-2025: € 21.300, spaarrekening"'
)
ROW_3 = f"IB-2026-0000003,{JANSEN},Voertuigbezit,12-03-2026,,ja,"
BAD_BSN_ROW = "IB-2026-0000003,123456789,Voertuigbezit,2026-03-12,,true,"
EXAMPLE = Path(__file__).resolve().parents[4] / "docs" / "howto" / "ib-signalen-voorbeeld.csv"


def csv_file(*rows: str, header: str = HEADER, newline: str = "\n") -> bytes:
    return newline.join([header, *rows]).encode() + newline.encode()


def _errors(content: bytes, actor=None) -> list[str]:
    with pytest.raises(IBImportError) as exc:
        ib_import(actor=actor, filename="signalen.csv", content=content)
    return [str(error) for error in exc.value.row_errors]


@pytest.mark.django_db
def test_imports_every_row_with_kind_date_reference_and_batch(world):
    result = ib_import(
        actor=world["handhaver"], filename="ib-2026-03.csv", content=csv_file(ROW_1, ROW_2, ROW_3)
    )
    assert (result.imported, result.skipped, result.already_imported) == (3, 0, False)
    assert result.summary == "3 signalen geïmporteerd."
    signals = {s.external_reference: s for s in Signal.objects.filter(import_batch=result.batch)}
    first, second, third = (signals[f"IB-2026-000000{n}"] for n in (1, 2, 3))
    assert (first.origin, first.kind, str(first.received_on)) == (
        "inlichtingenbureau",
        "income",
        "2026-02-02",
    )
    assert (second.kind, third.kind, str(third.received_on)) == ("assets", "vehicle", "2026-03-12")
    assert first.resident == world["jansen"] and third.resident == world["jansen"]
    assert second.resident is None and second.subject_bsn == UNKNOWN  # kept for triage to link
    assert second.description.startswith("Signaal Inlichtingenbureau, product 'Vermogen'")
    assert "belastingjaar 2025" in second.description and "geverifieerd door het Inlichtingenbureau: nee" in (
        second.description
    )
    assert second.description.endswith("Saldo 31-12-2025: € 21.300, spaarrekening")
    assert first.registered_by == world["handhaver"]
    assert result.batch.row_count == 3 and result.batch.imported_by == world["handhaver"]


@pytest.mark.django_db
def test_every_signal_and_the_file_are_audited(world):
    result = ib_import(actor=world["handhaver"], filename="ib.csv", content=csv_file(ROW_1, ROW_2))
    registered = AuditEvent.objects.filter(code="signal.registered", actor_id=world["handhaver"].pk)
    assert registered.count() == 2
    assert registered.filter(resident_id=world["jansen"].pk).count() == 1
    batch_event = AuditEvent.objects.get(code="signal.batch_imported")
    assert batch_event.object_id == str(result.batch.pk)
    assert batch_event.after == {
        "bestand": "ib.csv",
        "gemeente": "GM9999",
        "regels": 2,
        "geimporteerd": 2,
        "overgeslagen": 0,
    }


@pytest.mark.django_db
def test_the_events_written_in_bulk_are_one_per_signal_and_seal_into_a_chain_that_verifies(world):
    result = ib_import(actor=world["handhaver"], filename="ib.csv", content=csv_file(ROW_1, ROW_2, ROW_3))
    signals = Signal.objects.filter(import_batch=result.batch)
    events = AuditEvent.objects.filter(code="signal.registered", object_type="signals.signal")
    assert sorted(events.values_list("object_id", flat=True)) == sorted(str(s.pk) for s in signals)
    jansen = events.get(object_id=str(signals.get(external_reference="IB-2026-0000001").pk))
    assert jansen.resident_id == world["jansen"].pk
    assert jansen.after == {
        "origin": "inlichtingenbureau",
        "kind": "income",
        "received_on": "2026-02-02",
        "external_reference": "IB-2026-0000001",
        "import_batch": result.batch.pk,
        "gemeente": "GM9999",
    }
    chain_seal()
    assert audit_verify().ok


@pytest.mark.django_db
def test_one_bad_row_imports_nothing_and_the_error_names_the_line(world):
    signals, batches = Signal.objects.count(), ImportBatch.objects.count()
    errors = _errors(csv_file(ROW_1, ROW_2, BAD_BSN_ROW), actor=world["handhaver"])
    assert errors == ["Regel 4, kolom bsn: 123456789 voldoet niet aan de elfproef."]
    assert (Signal.objects.count(), ImportBatch.objects.count()) == (signals, batches)
    rejected = AuditEvent.objects.get(code="signal.import_rejected")
    assert rejected.after["fouten"] == 1 and "123456789" not in str(rejected.after)


@pytest.mark.django_db
def test_the_corrected_file_is_imported_once_however_often_it_is_run(world):
    _errors(csv_file(ROW_1, ROW_2, BAD_BSN_ROW))
    corrected = csv_file(ROW_1, ROW_2, ROW_3)
    first = ib_import(actor=world["teamleider"], filename="ib.csv", content=corrected)
    count = Signal.objects.count()
    for _ in range(3):
        again = ib_import(actor=world["teamleider"], filename="ib.csv", content=corrected)
        assert again.already_imported and again.imported == 0
        assert "al eerder geïmporteerd" in again.summary
    assert first.imported == 3
    assert Signal.objects.count() == count
    assert ImportBatch.objects.count() == 1


@pytest.mark.django_db
def test_rows_already_registered_from_another_file_are_skipped(world):
    ib_import(actor=None, filename="maart.csv", content=csv_file(ROW_1, ROW_2))
    row_4 = f"IB-2026-0000004,{UNKNOWN},Detentie,2026-03-20,,true,"
    # A re-delivery: other line endings, another order, one new row.
    result = ib_import(
        actor=None, filename="maart-v2.csv", content=csv_file(ROW_2, row_4, ROW_1, newline="\r\n")
    )
    assert (result.imported, result.skipped) == (1, 2)
    assert "1 signaal geïmporteerd, 2 overgeslagen" in result.summary
    assert Signal.objects.filter(external_reference="IB-2026-0000001").count() == 1
    assert Signal.objects.filter(origin="inlichtingenbureau", import_batch__isnull=False).count() == 3


@pytest.mark.django_db
def test_a_reference_registered_in_the_same_moment_refuses_the_file_and_keeps_the_first(world):
    """The unique constraint catches what the check for known references could not see yet (another import or
    registration committed in between): the rows are written with COPY on PostgreSQL, and its error is
    turned into the same refusal as Django's."""
    from django.core.exceptions import ValidationError

    from naleving.signals.services import _signals_insert

    ib_import(actor=None, filename="maart.csv", content=csv_file(ROW_1))
    twin = Signal.objects.get(external_reference="IB-2026-0000001")
    twin.pk, twin._state.adding = None, True
    with pytest.raises(ValidationError, match="tegelijk ook anders geregistreerd"):
        _signals_insert(None, [twin])
    assert Signal.objects.filter(external_reference="IB-2026-0000001").count() == 1
    assert AuditEvent.objects.filter(code="signal.registered").count() == 1


@pytest.mark.django_db
def test_the_result_does_not_reveal_whether_a_bsn_belongs_to_a_resident(world):
    known = ib_import(actor=None, filename="a.csv", content=csv_file(ROW_1))
    unknown = ib_import(actor=None, filename="b.csv", content=csv_file(ROW_2))
    assert known.summary == unknown.summary == "1 signaal geïmporteerd."
    bad_known = _errors(csv_file(f"IB-X-1,{JANSEN},Onbekend,2026-02-02,,true,"))
    bad_unknown = _errors(csv_file(f"IB-X-1,{UNKNOWN},Onbekend,2026-02-02,,true,"))
    assert bad_known == bad_unknown


@pytest.mark.django_db
def test_all_errors_are_reported_at_once(world):
    errors = _errors(
        csv_file(
            "IB-1,123456789,Vermogen,2026-01-05,,true,",
            ROW_1,
            "IB-3,999990020,Vermogen box 2,2099-01-01,20x5,misschien,",
            "IB-1,999990032,Detentie,2026-01-05,,true,",
        )
    )
    assert errors == [
        "Regel 2, kolom bsn: 123456789 voldoet niet aan de elfproef.",
        "Regel 4, kolom product: onbekend product 'Vermogen box 2'. Kies uit: "
        + ", ".join(ib.PRODUCTS)
        + ".",
        "Regel 4, kolom signaaldatum: 01-01-2099 ligt in de toekomst.",
        "Regel 4, kolom belastingjaar: '20x5' is geen jaartal (4 cijfers, bijvoorbeeld 2025).",
        "Regel 4, kolom bsn_geverifieerd: 'misschien' is geen geldige waarde; gebruik true of false.",
        "Regel 5, kolom signaalnummer: IB-1 staat ook al op regel 2.",
    ]


BAD_FILES = [
    ("empty", b"", "Het bestand is leeg."),
    ("blank", b"  \n\n", "Het bestand is leeg."),
    ("header only", (HEADER + "\n").encode(), "Het bestand bevat alleen een kopregel en geen signalen."),
    (
        "not utf-8",
        csv_file(ROW_1).replace(b"Loon", "Loon é".encode("latin-1")),
        "Regel 2: het bestand is geen UTF-8-tekst",
    ),
    ("nul byte", csv_file(ROW_1, ROW_2).replace(b"Loon", b"Lo\x00on"), "Regel 2: het bestand bevat een ongeldig teken"),
    (
        "semicolons",
        csv_file(ROW_1.replace(",", ";"), header=HEADER.replace(",", ";")),
        "Regel 1: het scheidingsteken moet een komma (,) zijn; dit bestand gebruikt een puntkomma (;).",
    ),
    (
        "tabs",
        csv_file(ROW_1.replace(",", "\t"), header=HEADER.replace(",", "\t")),
        "Regel 1: het scheidingsteken moet een komma (,) zijn; dit bestand gebruikt een tab.",
    ),
    ("missing column", csv_file(ROW_1, header=HEADER.replace(",product", "")), "Regel 1: de kolom 'product' ontbreekt."),
    ("misspelt column", csv_file(ROW_1, header=HEADER.replace("product", "prodcut")), "Regel 1: onbekende kolom 'prodcut'."),
    (
        "double column",
        csv_file(ROW_1, header=HEADER.replace("omschrijving", "bsn")),
        "Regel 1: de kolom 'bsn' staat er meer dan één keer in.",
    ),
    ("too many values", csv_file(ROW_1 + ",extra"), "Regel 2: verwacht 7 kolommen, gevonden 8."),
    ("too few values", csv_file("IB-1,111222333,Vermogen"), "Regel 2: verwacht 7 kolommen, gevonden 3."),
    ("open quote", csv_file(ROW_1, 'IB-2,111222333,Vermogen,2026-01-01,,true,"niet afgesloten'), "Regel 3: deze regel is onleesbaar"),
    ("future date", csv_file(ROW_1.replace("2026-02-02", "2099-02-02")), "Regel 2, kolom signaaldatum: 02-02-2099 ligt in de toekomst."),
    ("no date", csv_file(ROW_1.replace("2026-02-02", "")), "Regel 2, kolom signaaldatum: (leeg) is geen geldige datum"),
    ("impossible date", csv_file(ROW_1.replace("2026-02-02", "2026-02-30")), "'2026-02-30' is geen geldige datum"),
    ("elfproef", csv_file(ROW_1.replace(JANSEN, "123456789")), "Regel 2, kolom bsn: 123456789 voldoet niet aan de elfproef."),
    ("lost leading zero", csv_file(ROW_1.replace(JANSEN, "12345672")), "Regel 2, kolom bsn: 12345672 heeft 8 cijfers"),
    ("letters in bsn", csv_file(ROW_1.replace(JANSEN, "11122233X")), "Regel 2, kolom bsn: '11122233X' is geen BSN"),
    ("no bsn", csv_file(ROW_1.replace(JANSEN, "")), "Regel 2, kolom bsn: is leeg"),
    ("unknown product", csv_file(ROW_1.replace("Start inkomstenverhouding", "Loonbeslag")), "Regel 2, kolom product: onbekend product 'Loonbeslag'"),
    ("no reference", csv_file(ROW_1.replace("IB-2026-0000001", "")), "Regel 2, kolom signaalnummer: is leeg"),
    ("odd reference", csv_file(ROW_1.replace("IB-2026-0000001", "IB 2026 1")), "Regel 2, kolom signaalnummer: 'IB 2026 1' mag alleen"),
    ("tax year too early", csv_file(ROW_2.replace("2025", "1985", 1)), "Regel 2, kolom belastingjaar: 1985 ligt niet tussen 1990 en"),
    ("verified flag", csv_file(ROW_1.replace(",true,", ",wellicht,")), "Regel 2, kolom bsn_geverifieerd: 'wellicht' is geen geldige waarde"),
    ("long description", csv_file(ROW_1.replace("Loon sinds 01-01-2026", "x" * 2001)), "Regel 2, kolom omschrijving: is langer dan 2000 tekens."),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_bad_input_gets_a_clear_error_and_stores_nothing(world, content, expected):
    signals = Signal.objects.count()
    errors = _errors(content)
    assert any(error.startswith(expected) or expected in error for error in errors), errors
    assert Signal.objects.count() == signals and not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_excel_habits_are_accepted(world):
    # Byte-order mark, CRLF, upper case product, Dutch date order, ja/nee and spaces around values.
    row = f" IB-9 , {JANSEN} , START INKOMSTENVERHOUDING , 02-02-2026 ,, JA , tekst "
    content = b"\xef\xbb\xbf" + csv_file(row, header=HEADER.upper(), newline="\r\n")
    result = ib_import(actor=None, filename="C:\\Users\\hh\\Downloads\\ib.csv", content=content)
    signal = Signal.objects.get(external_reference="IB-9")
    assert result.imported == 1 and result.filename == "ib.csv"
    assert signal.kind == "income" and str(signal.received_on) == "2026-02-02"
    assert "product 'Start inkomstenverhouding'" in signal.description and signal.description.endswith(
        "tekst"
    )


@pytest.mark.django_db
def test_the_example_file_in_the_docs_imports(world):
    result = ib_import(actor=None, filename=EXAMPLE.name, content=EXAMPLE.read_bytes())
    assert (result.imported, result.skipped) == (5, 0)


def test_every_product_maps_to_a_kind_and_every_column_has_a_check():
    from naleving.signals.choices import ViolationKind

    assert set(ib.PRODUCTS.values()) <= set(ViolationKind.values)
    assert set(ib._CHECKS) == set(ib.COLUMNS)


# The management command ------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_and_prints_the_result(world, tmp_path, capsys):
    path = tmp_path / "ib.csv"
    path.write_bytes(csv_file(ROW_1, ROW_2))
    call_command("signals-import-ib", str(path), "--gebruiker", "handhaver")
    assert "ib.csv: 2 signalen geïmporteerd." in capsys.readouterr().out
    assert ImportBatch.objects.get().imported_by == world["handhaver"]
    call_command("signals-import-ib", str(path))
    assert "al eerder geïmporteerd" in capsys.readouterr().out
    assert Signal.objects.filter(origin="inlichtingenbureau", import_batch__isnull=False).count() == 2


@pytest.mark.django_db
def test_command_lists_every_error_and_exits_with_2(world, tmp_path, capsys):
    path = tmp_path / "ib.csv"
    path.write_bytes(csv_file(ROW_1, BAD_BSN_ROW, ROW_2.replace("Vermogen", "Onbekend")))
    with pytest.raises(CommandError, match="niet geïmporteerd: 2 fouten; er is niets opgeslagen") as exc:
        call_command("signals-import-ib", str(path))
    assert exc.value.returncode == 2
    err = capsys.readouterr().err
    assert "Regel 3, kolom bsn: 123456789 voldoet niet aan de elfproef." in err
    assert "Regel 4, kolom product: onbekend product 'Onbekend'" in err
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_command_refuses_a_missing_file_or_user(world, tmp_path):
    with pytest.raises(CommandError, match=r"Kan .* niet lezen") as exc:
        call_command("signals-import-ib", str(tmp_path / "weg.csv"))
    assert exc.value.returncode == 2
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("signals-import-ib", str(tmp_path / "weg.csv"), "--gebruiker", "niemand")
