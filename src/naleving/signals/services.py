"""Writes for signals. Each runs in one transaction and writes its audit event in it.

Intake: ``signal_register`` records one signal from any origin (the colleague form, the public report
page, the API); ``ib_import`` records a whole file of Inlichtingenbureau signals, all or nothing.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

import psycopg
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from naleving.audit.services import AuditEntry, audit_record, audit_record_many
from naleving.common.bulk import copy_insert
from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.selectors import gemeenten_of, only_gemeente
from naleving.residents.selectors import residents_for_linking
from naleving.signals import ib
from naleving.signals.choices import Origin
from naleving.signals.models import ImportBatch, Signal

_IMPORT_LOCK_KEY = 84720003  # not 84720002: that is the audit sealer's (audit.sealing.SEAL_LOCK_KEY)
_RELATIONS = ["resident", "gemeente", "import_batch", "registered_by", "triaged_by"]


def _authenticated(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


@transaction.atomic
def signal_register(
    *,
    actor,
    origin: str,
    kind: str,
    received_on: date,
    description: str,
    resident=None,
    subject_bsn: str = "",
    subject_name: str = "",
    subject_address: str = "",
    reporter_contact: str = "",
    external_reference: str = "",
    import_batch: ImportBatch | None = None,
    gemeente: Gemeente | None = None,
) -> Signal:
    """Register a signal with its origin (indicator S1); it then waits for triage.

    ``actor`` is None for a resident's anonymous report. When no ``resident`` is given but ``subject_bsn``
    is a registered resident's BSN, the signal is linked to them; callers must not tell the reporter
    whether that happened (see ``residents_for_linking``). Refuses a receipt date in the future, an empty
    description and a second signal with the same reference from the same origin. The audit event names
    the resident when one is linked, but holds no free text, names or contact details: the log is
    append-only, so it must not keep what the signal's retention period will later erase.

    The signal belongs to its resident's municipality when linked, otherwise to ``gemeente`` (or the
    organisation's only one). Intake channels name the municipality whenever the organisation has several,
    whether or not the BSN will match, so the answer never depends on the match.
    """
    subject_bsn = subject_bsn.strip()
    if (
        gemeente is not None
        and _authenticated(actor)
        and not gemeenten_of(actor).filter(pk=gemeente.pk).exists()
    ):
        raise ValidationError({"gemeente": "U werkt niet voor deze gemeente."})
    if resident is None and gemeente is None:
        gemeente = only_gemeente()
        if gemeente is None:  # asked before any lookup: the answer must not depend on the BSN matching
            raise ValidationError({"gemeente": "Kies de gemeente waar het signaal over gaat."})
    if resident is None and subject_bsn:
        resident = residents_for_linking(bsns=[subject_bsn]).get(subject_bsn)
    gemeente = resident.gemeente if resident is not None else gemeente
    signal = Signal(
        resident=resident,
        gemeente=gemeente,
        origin=origin,
        kind=kind,
        received_on=received_on,
        description=description.strip(),
        subject_bsn=subject_bsn,
        subject_name=subject_name.strip(),
        subject_address=subject_address.strip(),
        reporter_contact=reporter_contact.strip(),
        external_reference=external_reference.strip(),
        import_batch=import_batch,
        registered_by=actor if _authenticated(actor) else None,
    )
    _validate(signal)
    try:
        with transaction.atomic():
            signal.save()
    except IntegrityError:  # the same reference, registered at this very moment by someone else
        raise ValidationError(
            {
                "external_reference": f"Er is al een signaal van deze herkomst met kenmerk {signal.external_reference}."
            }
        ) from None
    audit_record(
        actor=actor,
        code="signal.registered",
        obj=signal,
        resident_id=signal.resident_id,
        after=_registered_event(signal, gemeente.code),
    )
    return signal


def _registered_event(signal: Signal, gemeente_code: str) -> dict:
    """What the audit event ``signal.registered`` keeps of a new signal (one at a time or in bulk)."""
    return {
        "origin": signal.origin,
        "kind": signal.kind,
        "received_on": signal.received_on,
        "external_reference": signal.external_reference,
        "import_batch": signal.import_batch_id,
        "gemeente": gemeente_code,
    }


def _validate(signal: Signal) -> None:
    errors: dict[str, list[str]] = {}
    try:
        # The unique reference is checked below with a message a user understands.
        signal.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = exc.message_dict
    if isinstance(signal.received_on, date) and signal.received_on > timezone.localdate():
        errors.setdefault("received_on", []).append(
            f"De datum van ontvangst ({signal.received_on:%d-%m-%Y}) ligt in de toekomst."
        )
    if (
        signal.external_reference
        and Signal.objects.filter(origin=signal.origin, external_reference=signal.external_reference).exists()
    ):
        errors.setdefault("external_reference", []).append(
            f"Er is al een signaal van deze herkomst met kenmerk {signal.external_reference}."
        )
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class ImportResult:
    filename: str
    rows: int
    imported: int
    skipped: int
    already_imported: bool = False
    batch: ImportBatch | None = None

    @property
    def summary(self) -> str:
        if self.already_imported:
            when = f" op {timezone.localtime(self.batch.imported_at):%d-%m-%Y}" if self.batch else ""
            return f"Dit bestand is al eerder geïmporteerd{when}; er is niets toegevoegd."
        text = f"{self.imported} {'signaal' if self.imported == 1 else 'signalen'} geïmporteerd"
        if self.skipped:
            text += f", {self.skipped} overgeslagen omdat het signaalnummer al bekend was"
        return f"{text}."


class IBImportError(ValidationError):
    """The file was refused as a whole; ``row_errors`` lists every problem with its line and column.

    Not called ``ImportError``: that would shadow Python's built-in exception of the same name.
    """

    def __init__(self, errors: list[ib.RowError]):
        self.row_errors = list(errors)
        super().__init__([str(error) for error in self.row_errors], code="ib_import")


def ib_import(*, actor, filename: str, content: bytes, gemeente: Gemeente | None = None) -> ImportResult:
    """Import a CSV file of Inlichtingenbureau signals (docs/howto/ib-import.md).

    All or nothing: when any row is wrong, nothing is stored and ``IBImportError`` lists every error by
    line and column. Idempotent: the same file again adds nothing ("al eerder geïmporteerd"), and a row
    whose signaalnummer is already registered is skipped, so overlapping files never duplicate a signal.
    A row is linked to the resident with its BSN when there is one; whether there is never shows in the
    result or the errors.

    The Inlichtingenbureau delivers a file per municipality: ``gemeente`` names it (rows with a registered
    BSN take their resident's). Without several municipalities nobody names it; with several the whole
    file is refused until it is named, whatever its rows hold.
    """
    gemeente = gemeente or only_gemeente()
    if gemeente is None:
        raise IBImportError(
            [ib.RowError(None, None, "Kies de gemeente waarvoor dit bestand is aangeleverd.")]
        )
    if _authenticated(actor) and not gemeenten_of(actor).filter(pk=gemeente.pk).exists():
        raise IBImportError([ib.RowError(None, None, f"U werkt niet voor de gemeente {gemeente.name}.")])
    filename = filename.replace("\\", "/").rsplit("/", 1)[-1][:255] or "naamloos.csv"
    digest = hashlib.sha256(content).hexdigest()
    previous = ImportBatch.objects.filter(sha256=digest).first()
    if previous is not None:
        return ImportResult(filename, previous.row_count, 0, 0, already_imported=True, batch=previous)
    rows, errors = ib.parse(content, today=timezone.localdate())
    if errors:
        audit_record(
            actor=actor,
            code="signal.import_rejected",
            after={"bestand": filename, "vingerafdruk": digest, "fouten": len(errors)},
        )
        raise IBImportError(errors)
    return _ib_store(actor=actor, filename=filename, digest=digest, rows=rows, gemeente=gemeente)


@transaction.atomic
def _ib_store(*, actor, filename: str, digest: str, rows: list[ib.IBRow], gemeente: Gemeente) -> ImportResult:
    """Store the checked rows at bulk speed: a few queries for the whole file, not a few per row.

    What ``signal_register`` does per signal, done per file: the known references and the residents in one
    query each, the signals with ``copy_insert`` and their ``signal.registered`` events with
    ``audit_record_many`` (the same events, one per signal). The parser has checked every value already.
    """
    _lock_imports()
    previous = ImportBatch.objects.filter(sha256=digest).first()
    if previous is not None:  # the same file, imported by someone else while this one was being checked
        return ImportResult(filename, previous.row_count, 0, 0, already_imported=True, batch=previous)
    known = set(
        Signal.objects.filter(
            origin=Origin.INLICHTINGENBUREAU, external_reference__in=[row.signaalnummer for row in rows]
        ).values_list("external_reference", flat=True)
    )
    new_rows = [row for row in rows if row.signaalnummer not in known]
    residents = residents_for_linking(bsns=[row.bsn for row in new_rows])
    batch = ImportBatch.objects.create(
        source=Origin.INLICHTINGENBUREAU,
        filename=filename,
        sha256=digest,
        row_count=len(rows),
        imported_by=actor if _authenticated(actor) else None,
    )
    signals = [_ib_signal(actor, row, residents.get(row.bsn), batch, gemeente) for row in new_rows]
    try:
        _signals_insert(actor, signals)
    except ValidationError as exc:  # a signaalnummer registered through another channel at this very moment
        raise IBImportError([ib.RowError(None, None, " ".join(exc.messages))]) from None
    audit_record(
        actor=actor,
        code="signal.batch_imported",
        obj=batch,
        after={
            "bestand": filename,
            "gemeente": gemeente.code,
            "regels": len(rows),
            "geimporteerd": len(signals),
            "overgeslagen": len(rows) - len(signals),
        },
    )
    return ImportResult(filename, len(rows), len(signals), len(rows) - len(signals), batch=batch)


def _ib_signal(actor, row: ib.IBRow, resident, batch: ImportBatch, gemeente: Gemeente) -> Signal:
    """The signal ``signal_register`` would store for the row, checked field by field without queries."""
    signal = Signal(
        resident=resident,
        gemeente_id=resident.gemeente_id if resident is not None else gemeente.pk,
        origin=Origin.INLICHTINGENBUREAU,
        kind=row.kind,
        received_on=row.signaaldatum,
        description=row.description().strip(),
        subject_bsn=row.bsn,
        external_reference=row.signaalnummer,
        import_batch=batch,
        registered_by=actor if _authenticated(actor) else None,
    )
    try:
        signal.clean_fields(exclude=_RELATIONS)  # the relations are the ones fetched above
    except ValidationError as exc:  # checked by the parser already; this rolls the whole file back
        raise IBImportError([ib.RowError(row.line, None, " ".join(exc.messages))]) from exc
    return signal


def signals_register_many(*, actor, signals: list[Signal]) -> list[Signal]:
    """Register many signals at once, as ``signal_register`` would one by one, in a few queries.

    ``signals`` are unsaved, with their origin, kind, dates, texts and resident set; each gets the
    municipality of its resident or, unlinked, the one it was given. Every field is checked without a
    query, the references against the registered ones in one query, and the whole list is refused
    (``ValidationError``) when one is wrong. Each signal gets its ``signal.registered`` event. The caller
    supplies the transaction; used by the release of a theme control's hits.
    """
    errors: dict[str, list[str]] = {}
    for signal in signals:
        if signal.resident is not None:
            signal.gemeente_id = signal.resident.gemeente_id
        signal.registered_by = actor if _authenticated(actor) else None
        _check_offline(signal, errors)
    references = {(s.origin, s.external_reference) for s in signals if s.external_reference}
    for reference in _registered(references):
        errors.setdefault("external_reference", []).append(
            f"Er is al een signaal van deze herkomst met kenmerk {reference}."
        )
    if errors:
        raise ValidationError(errors)
    _signals_insert(actor, signals)
    return signals


def _check_offline(signal: Signal, errors: dict[str, list[str]]) -> None:
    """What ``_validate`` checks, except the relations and the reference: without a query."""
    try:
        signal.clean_fields(exclude=_RELATIONS)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if signal.received_on > timezone.localdate():
        errors.setdefault("received_on", []).append(
            f"De datum van ontvangst ({signal.received_on:%d-%m-%Y}) ligt in de toekomst."
        )
    if signal.gemeente_id is None:
        errors.setdefault("gemeente", []).append("Kies de gemeente waar het signaal over gaat.")


def _registered(references: set[tuple[str, str]]) -> list[str]:
    """The references among (origin, reference) pairs that are registered already, in one query."""
    if not references:
        return []
    rows = Signal.objects.filter(
        origin__in={origin for origin, _ in references},
        external_reference__in={reference for _, reference in references},
    ).values_list("origin", "external_reference")
    return sorted(reference for origin, reference in rows if (origin, reference) in references)


def _signals_insert(actor, signals: list[Signal]) -> None:
    """Insert checked signals (``COPY`` on PostgreSQL) and record a ``signal.registered`` event for each."""
    try:
        with transaction.atomic():
            copy_insert(Signal, signals)  # COPY on PostgreSQL (common.bulk), bulk_create elsewhere
    except (IntegrityError, psycopg.IntegrityError):  # the same reference, just registered by someone else
        raise ValidationError(
            {"external_reference": "Een kenmerk werd tegelijk ook anders geregistreerd; probeer het opnieuw."}
        ) from None
    codes = dict(
        Gemeente.objects.filter(pk__in={signal.gemeente_id for signal in signals}).values_list("pk", "code")
    )
    audit_record_many(
        actor=actor,
        code="signal.registered",
        returning=False,
        entries=[
            AuditEntry(
                obj=signal,
                resident_id=signal.resident_id,
                after=_registered_event(signal, codes[signal.gemeente_id]),
            )
            for signal in signals
        ],
    )


def _lock_imports() -> None:
    """Serialise imports, so two uploads of overlapping files cannot both register the same signal."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_IMPORT_LOCK_KEY])
