"""The records of a resident's file that are not a case: prevention (voorlichting, intakes, reminders,
referrals), reported changes, corrections (AVG art. 16), objections to processing (AVG art. 21) and
registration requests. Pure reads, like ``selectors``, which calls ``file_records``.

Their terms count from the end of the resident's last benefit (the file of the benefit closes then), except
a registratieverzoek, which counts from its handling. They go only with the file: while a case record of the
resident stays (a signal, investigation, besluit, vordering, opschorting or casusvoorbeeld), the records that
may support it (what the resident was told, what they reported, what was corrected at their request) are
held with the reason. Records still in progress (a change report not handled, an objection the FG has not
decided, an open registratieverzoek) are never due.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Q

from naleving.common.sets import id_set
from naleving.decisions.models import Besluit
from naleving.prevention.models import (
    ChangeReport,
    ChangeReportStatus,
    IntakeChecklist,
    PreventiveIntervention,
    Referral,
    Reminder,
    ReminderSchedule,
)
from naleving.residents.choices import PrivacyObjectionStatus, RegistratieverzoekStatus
from naleving.residents.models import Benefit, Correction, PrivacyObjection, Registratieverzoek, Resident
from naleving.retention.candidates import (
    Candidates,
    latest_event_past,
    past_term,
    reverse_relations,
    term_reason,
)
from naleving.retention.terms import Terms

#: A resident's prevention records ("preventiedossier", one item per resident), in the order they are
#: deleted: reminders and intakes point at interventions, reminders at schedules (PROTECT keys).
PREVENTION_MODELS = (Reminder, IntakeChecklist, PreventiveIntervention, ReminderSchedule, Referral)

#: record type -> model, for the file records that go one row at a time
ROW_TYPES = {
    "wijziging_afgehandeld": ChangeReport,
    "correctie": Correction,
    "bezwaar_verwerking": PrivacyObjection,
    "registratieverzoek": Registratieverzoek,
}

FILE_MODELS = {*PREVENTION_MODELS, *ROW_TYPES.values()}


def ended_benefits(on: date) -> dict[int, date]:
    """Residents without a running benefit on ``on`` -> the end date of their last benefit. Anonymised
    residents are in it too: a file record left behind by an earlier run still goes."""
    running = Benefit.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=on)).values("resident_id")
    rows = (
        Resident.objects.exclude(pk__in=running)
        .annotate(last_end=Max("benefits__end_date"))
        .filter(last_end__isnull=False)
        .values_list("pk", "last_end")
    )
    return dict(rows)


def kept_models(going_by_model: dict, skip: set) -> dict[int, set]:
    """Resident id -> the models of that resident's records that stay (not going with this list), over every
    relation to the resident except the models in ``skip``: one read per relation for all residents."""
    kept: dict[int, set] = {}
    for rel in reverse_relations(Resident):
        model = rel.related_model
        if model in skip:
            continue
        rows = model._default_manager.order_by().exclude(**{f"{rel.field.name}__isnull": True})
        if going_by_model.get(model):
            rows = rows.exclude(pk__in=id_set(going_by_model[model]))
        for resident_id in rows.values_list(rel.field.name, flat=True).distinct():
            kept.setdefault(resident_id, set()).add(model)
    return kept


def kept_cases(going_by_model: dict, skip: set) -> dict[int, set[str]]:
    """Resident id -> the kinds of record of that resident that stay (``kept_models``, by their names)."""
    return {
        resident_id: {str(model._meta.verbose_name_plural) for model in models}
        for resident_id, models in kept_models(going_by_model, skip).items()
    }


def file_records(
    result: Candidates, terms: Terms, on: date, *, going_by_model: dict, kept_models: set
) -> None:
    """Add the file records past their term on ``on`` to ``result`` (due or held).

    ``going_by_model`` holds the ids of the case rows that go on this list (model -> ids); ``kept_models``
    the relations of a resident that stay after anonymisation (benefits, applications).
    """
    ended = ended_benefits(on)
    cases: dict[int, set[str]] | None = None

    def with_file(resident_id: int) -> str:
        nonlocal cases
        if cases is None:  # read once, when a record past its term asks (a read per relation of the resident)
            cases = kept_cases(going_by_model, kept_models | FILE_MODELS)
        kinds = cases.get(resident_id)
        return (
            "het dossier heeft nog gegevens die bewaard blijven: " + ", ".join(sorted(kinds)) if kinds else ""
        )

    _prevention(result, terms, on, ended, with_file, going_by_model.get(Besluit, set()))
    _rows(result, terms, on, ended, with_file)
    _registratieverzoeken(result, terms, on)


def _prevention(result: Candidates, terms: Terms, on: date, ended: dict, with_file, besluiten_going) -> None:
    prevention = set()
    for model in PREVENTION_MODELS:
        prevention |= set(model._default_manager.values_list("resident_id", flat=True).distinct())
    # the residents whose referral a staying besluit points at: read once, when a file past its term asks (a
    # query per resident, each with every going besluit's id, took minutes for a list years ahead)
    referred: set[int] | None = None
    for resident_id in sorted(prevention & ended.keys()):
        past = past_term(terms, "preventiedossier", ended[resident_id], on)
        if not past:
            continue
        term, due_on = past
        held = with_file(resident_id)
        if not held:
            if referred is None:
                staying = Besluit.objects.exclude(referral=None).exclude(pk__in=id_set(besluiten_going))
                referred = set(staying.values_list("referral__resident_id", flat=True))
            if resident_id in referred:
                held = "een besluit dat blijft, verwijst naar een verwijzing van dit dossier"
        reason = term_reason(term, ended[resident_id], due_on)
        result.add(
            "preventiedossier", resident_id, resident_id, ended[resident_id], due_on, reason, held=held
        )


def _rows(result: Candidates, terms: Terms, on: date, ended: dict, with_file) -> None:
    in_progress = {
        "wijziging_afgehandeld": ("status", ChangeReportStatus.NIEUW, "de wijziging is nog niet afgehandeld"),
        "bezwaar_verwerking": ("status", PrivacyObjectionStatus.INGEDIEND, "de FG heeft nog niet beslist"),
    }
    for record_type in ("wijziging_afgehandeld", "correctie", "bezwaar_verwerking"):
        model = ROW_TYPES[record_type]
        latest = latest_event_past(terms, (record_type,), on)
        residents = [pk for pk, last_end in ended.items() if latest is not None and last_end <= latest]
        if not residents:
            continue
        for row in model._default_manager.filter(resident_id__in=id_set(residents)).order_by("pk"):
            last_end = ended[row.resident_id]
            past = past_term(terms, record_type, last_end, on)
            if not past:
                continue
            term, due_on = past
            held = with_file(row.resident_id)
            field, value, why = in_progress.get(record_type, ("", None, ""))
            if field and getattr(row, field) == value:
                held = why
            reason = term_reason(term, last_end, due_on)
            result.add(record_type, row.pk, row.resident_id, last_end, due_on, reason, held=held)


def _registratieverzoeken(result: Candidates, terms: Terms, on: date) -> None:
    handled = Registratieverzoek.objects.filter(
        status=RegistratieverzoekStatus.AFGEHANDELD, handled_at__isnull=False
    )
    for verzoek in handled.order_by("pk"):
        handled_on = verzoek.handled_at.date()
        past = past_term(terms, "registratieverzoek", handled_on, on)
        if past:
            term, due_on = past
            reason = term_reason(term, handled_on, due_on)
            result.add("registratieverzoek", verzoek.pk, verzoek.resident_id, handled_on, due_on, reason)
