"""About the processing rather than the records (AVG art. 15(1) a-h): where the data came from, who
received it, who consulted it and why, and how long it is kept. Pure reads, like ``dossier.inzage``."""

from datetime import date

from naleving.audit.catalogue import CATALOGUE, group_of
from naleving.audit.models import AuditEvent
from naleving.retention.terms import EVENTS, terms_load


def sources(signal_origins: list[str], controls: list[tuple[str, str]]) -> list[dict]:
    """The resident and the desk, every origin of a signal, and every theme control with its data source."""
    found = {"U zelf (aanvraag, gesprekken, doorgegeven wijzigingen) en medewerkers van de gemeente": ""}
    for origin in signal_origins:
        found.setdefault(f"Signaal: {origin}", "")
    for title, source in controls:
        found.setdefault(f"Themacontrole '{title}'", f"gegevens van {source}")
    return [{"bron": name, "toelichting": note} for name, note in found.items()]


def recipients(referrals) -> list[dict]:
    """The partners the resident was referred to, with the handover as purpose."""
    return [
        {
            "ontvanger": r.get_partner_display(),
            "datum": r.referred_on,
            "doel": "Verwijzing (warme overdracht)",
        }
        for r in referrals
    ]


def consultations(resident) -> list[dict]:
    """Every logged read of the resident's data: when, what, why, and the employee's role (not the name)."""
    reads = [code for code in CATALOGUE if group_of(code) == "inzage"]
    events = (
        AuditEvent.objects.filter(resident_id=resident.pk, code__in=reads)
        .select_related("actor")
        .prefetch_related("actor__groups")
        .order_by("occurred_at", "pk")
    )
    return [
        {
            "wanneer": e.occurred_at,
            "wat": CATALOGUE.get(e.code, e.code),
            "doel": e.purpose,
            "functie van de medewerker": _role(e.actor),
        }
        for e in events
    ]


def _role(user) -> str:
    if user is None:
        return "Systeem of inwoner zelf"
    return ", ".join(group.name for group in user.groups.all()) or "Medewerker"


def retention_terms(today: date) -> list[dict]:
    """The retention term in force today for each kind of record (``retention/terms.yaml``)."""
    terms = terms_load()
    in_force = (terms.in_force(t.record_type, today) for t in terms.terms)
    unique = {t.record_type: t for t in in_force if t is not None}
    return [
        {
            "soort gegevens": t.label,
            "bewaartermijn": f"{t.years} jaar",
            "gerekend vanaf": EVENTS[t.counted_from],
        }
        for t in unique.values()
    ]
