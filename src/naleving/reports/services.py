"""Writes of the reports app: marking and withdrawing case examples, and recording exports in the audit log."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.reports.models import Casusvoorbeeld
from naleving.reports.periods import PeriodError, parse
from naleving.reports.permissions import may_mark_case_examples

CASE_KINDS = (
    ("besluit", "Besluit (kenmerk)"),
    ("onderzoek", "Onderzoek (nummer)"),
    ("inwoner", "Inwoner (dossiernummer)"),
)
_KENMERK = re.compile(r"^\s*(?:NLV-\d{4}-)?0*(\d+)\s*$", re.IGNORECASE)
MIN_SUMMARY = 40


def _case_for(actor, case_kind: str, reference: str):
    """(resident, besluit, investigation) for a case the actor may see; not found otherwise."""
    from naleving.decisions.models import Besluit
    from naleving.investigations.models import Investigation
    from naleving.residents.selectors import residents_visible_to, visible_resident_ids

    match = _KENMERK.match(reference or "")
    not_found = ValidationError({"reference": "Geen dossier gevonden met dit kenmerk binnen uw werk."})
    if not match:
        raise not_found
    pk = int(match.group(1))
    visible = visible_resident_ids(actor)
    if case_kind == "besluit":
        found = Besluit.objects.filter(pk=pk, resident_id__in=visible).select_related(
            "resident", "investigation"
        )
        besluit = found.first()
        if besluit is None:
            raise not_found
        return besluit.resident, besluit, besluit.investigation
    if case_kind == "onderzoek":
        investigation = (
            Investigation.objects.filter(pk=pk, resident_id__in=visible).select_related("resident").first()
        )
        if investigation is None:
            raise not_found
        return investigation.resident, None, investigation
    if case_kind == "inwoner":
        resident = residents_visible_to(actor).filter(pk=pk).first()
        if resident is None:
            raise not_found
        return resident, None, None
    raise ValidationError({"case_kind": "Kies of het om een besluit, een onderzoek of een inwoner gaat."})


def _digits(text: str) -> str:
    """The text with separators between digits removed, so '1234 56 782' and '123.456.782' match a BSN."""
    return re.sub(r"(?<=\d)[\s.\-/]+(?=\d)", "", text)


def _words(text: str) -> str:
    return " " + re.sub(r"[^\w]+", " ", text.casefold()) + " "


def anonymity_problems(text: str, resident) -> list[str]:
    """Why ``text`` is not anonymous about ``resident``: their BSN, full name, family name or address."""
    problems = []
    if resident.bsn and resident.bsn in _digits(text):
        problems.append("het BSN van de inwoner")
    words = _words(text)
    family = " ".join(p for p in (resident.prefix, resident.family_name) if p)
    if _words(resident.full_name) in words:
        problems.append("de volledige naam van de inwoner")
    elif len(resident.family_name) >= 2 and re.search(rf"(?<!\w){re.escape(family)}(?!\w)", text):
        # the family name as written (capitalised): "Groot" is a name, "een groot bedrag" is not
        problems.append("de achternaam van de inwoner")
    street = f"{resident.street} {resident.house_number}"
    if resident.street and _words(street) in words:
        problems.append("het adres van de inwoner")
    if (
        resident.postcode
        and resident.postcode.replace(" ", "").casefold() in text.replace(" ", "").casefold()
    ):
        problems.append("de postcode van de inwoner")
    return problems


def _check_texts(title: str, summary: str, resident) -> tuple[str, str]:
    title, summary = title.strip(), summary.strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = ["Geef het voorbeeld een korte titel."]
    if len(summary) < MIN_SUMMARY:
        errors["summary"] = [f"Beschrijf het voorbeeld in ten minste {MIN_SUMMARY} tekens."]
    for field, text in (("title", title), ("summary", summary)):
        problems = anonymity_problems(text, resident)
        if problems:
            errors.setdefault(field, []).append(
                "Niet anoniem: de tekst bevat "
                + " en ".join(problems)
                + ". Laat gegevens weg die de inwoner herkenbaar maken."
            )
    if errors:
        raise ValidationError(errors)
    return title, summary


@transaction.atomic
def casusvoorbeeld_mark(
    *, actor, case_kind: str, reference: str, period: str, title: str, summary: str
) -> Casusvoorbeeld:
    """Mark a case the actor may see as an example for the MER report, with an anonymised summary.

    The summary and title are refused when they contain the resident's BSN, name, address or postcode.
    """
    if not may_mark_case_examples(actor):
        raise PermissionDenied("U mag geen casusvoorbeelden vastleggen.")
    resident, besluit, investigation = _case_for(actor, case_kind, reference)
    try:
        chosen = parse(period)
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None
    title, summary = _check_texts(title, summary, resident)
    example = Casusvoorbeeld.objects.create(
        resident=resident,
        besluit=besluit,
        investigation=investigation,
        period_code=chosen.code,
        period_start=chosen.start,
        period_end=chosen.end,
        title=title[:120],
        summary=summary,
        marked_by=actor,
        marked_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        code="report.case_example_marked",
        obj=example,
        resident_id=resident.pk,
        purpose="Casusvoorbeeld voor de tertiaalrapportage",
        after={"periode": chosen.code, "titel": example.title},
    )
    return example


def withdrawable_ids(actor, examples) -> set[int]:
    """The examples ``actor`` may withdraw: those they marked, and as teamleider those about residents
    of their team."""
    from naleving.residents.selectors import visible_resident_ids

    allowed = {e.pk for e in examples if e.marked_by_id == actor.pk}
    if actor.has_perm("residents.view_team"):
        residents = {e.resident_id for e in examples}
        visible = set(visible_resident_ids(actor).filter(pk__in=residents).values_list("pk", flat=True))
        allowed |= {e.pk for e in examples if e.resident_id in visible}
    return allowed


@transaction.atomic
def casusvoorbeeld_withdraw(*, actor, example: Casusvoorbeeld) -> None:
    """Withdraw an example: whoever marked it, or a teamleider who sees the resident."""
    if example.pk not in withdrawable_ids(actor, [example]):
        raise PermissionDenied("U mag dit casusvoorbeeld niet intrekken.")
    audit_record(
        actor=actor,
        code="report.case_example_withdrawn",
        obj=example,
        resident_id=example.resident_id,
        before={"periode": example.period_code, "titel": example.title},
    )
    example.delete()


def report_export_record(
    *, actor, report: str, period: str, fmt: str, suppressed: bool, table: str = "", gemeenten: str = ""
) -> None:
    """An export of a report (PDF, Excel, CSV) leaves the application: record who took which figures, and of
    which municipalities (``gemeenten``: the report's heading)."""
    audit_record(
        actor=actor,
        code="report.exported",
        purpose="Verantwoording (rapportage)",
        after={
            "rapport": report,
            "periode": period,
            "formaat": fmt,
            "tabel": table or None,
            "onderdrukt": suppressed,
            "gemeenten": gemeenten or None,
        },
    )
