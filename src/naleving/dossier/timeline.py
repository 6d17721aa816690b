"""The resident's timeline: everything that happened to a resident, from each case app's scoped selectors.

The apps' selectors stay pure reads; the titles, amounts and links shown on the page are made here.
"""

import dataclasses
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import Truncator

from naleving.common.formatting import euro, percent_number, short_date
from naleving.common.ordering import in_model_order
from naleving.common.people import display_name, names_by_id
from naleving.common.reversing import reverse_cached
from naleving.dossier.reads import (
    PageReads,
    anyone,
    case_besluiten,
    case_claims,
    case_investigations,
    case_signals,
    case_verzuimen,
    every_row_of,
    records_present,
)
from naleving.prevention.models import ChangeReport, PreventiveIntervention, Referral
from naleving.prevention.selectors import (
    change_reports_visible_to,
    interventions_visible_to,
    may_view,
    referrals_visible_to,
)
from naleving.residents.models import Application, Correction, PrivacyObjection, Resident
from naleving.residents.selectors import corrections_of, one_resident, privacy_objections_of
from naleving.residents.services import CORRECTABLE_FIELDS
from naleving.rules.maatregel.catalogue import CATALOGUE

#: the ``group`` of a repayment entry
REPAYMENT = "aflossing"
#: the characters of an entry's detail the page shows
DETAIL_LENGTH = 160


def day_text(moment: date | datetime) -> str:
    """A day as dd-mm-yyyy, as the template filter ``date:"d-m-Y"`` writes it: a moment with a time zone
    on its day in local time."""
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return short_date(moment)


@dataclass(frozen=True)
class Colleague:
    """Who did something, by id, while the sources are read: ``resident_timeline`` names them all in one query
    at the end, instead of a user joined to the rows of six sources (their compiling cost about 1 ms a page)."""

    user_id: int | None


@dataclass(frozen=True)
class TimelineEntry:
    when: date | datetime
    kind: str
    title: str
    detail: str
    #: who did it (a ``Colleague`` only while ``resident_timeline`` reads the sources)
    actor: str | Colleague
    url: str = ""
    #: the amount of a repayment; entries with the same ``group`` in a row collapse into one (timeline_groups)
    amount: Decimal | None = None
    group: str = ""
    #: a collapsed row: its first day (``when`` is its last) and its totals per month
    since: date | datetime | None = None
    months: tuple = ()

    @property
    def day(self) -> str:
        """``when`` as the page shows it (what ``|date:"d-m-Y"`` gives, a moment in local time), made here:
        22 entries through the template filter took about 1 ms of the resident's page."""
        return day_text(self.when)

    @property
    def since_day(self) -> str:
        return day_text(self.since) if self.since is not None else ""

    @property
    def short_detail(self) -> str:
        """``detail`` as ``|truncatechars:160`` gives it; a text that fits is not walked letter by letter."""
        text = unicodedata.normalize("NFC", self.detail)
        return text if len(text) <= DETAIL_LENGTH else Truncator(text).chars(DETAIL_LENGTH)

    @property
    def sort_key(self) -> tuple:
        moment = (
            self.when if isinstance(self.when, datetime) else datetime.combine(self.when, datetime.min.time())
        )
        return (moment.replace(tzinfo=None), self.title)


def resident_timeline(*, actor, resident: Resident, reads: PageReads | None = None) -> list[TimelineEntry]:
    """Everything that happened to ``resident``, newest first.

    The caller has already checked that ``actor`` may see the resident (and logged that read); each source
    still reads through its app's actor-scoped selector, so a case the actor may not see stays out. The
    investigations, claims and verzuimen it reads are left in ``reads`` for the rest of the page.
    """
    reads = reads if reads is not None else PageReads()
    # Each source reads only when the resident has rows of its kind (``reads.records_present``).
    present = records_present(resident)
    sources: Iterable[Iterable[TimelineEntry]] = (
        resident_entries(actor, resident, reads, present),
        signal_entries(actor, resident, reads, present),
        investigation_entries(actor, resident, reads, present),
        decision_entries(actor, resident, present),
        verzuim_entries(actor, resident, reads, present),
        claim_entries(actor, resident, reads, present),
        prevention_entries(actor, resident, present),
        privacy_entries(actor, resident, present),
    )
    with one_resident(resident, actor=actor):  # the sources are generators: their queries run here
        entries = [entry for source in sources for entry in source]
    names = names_by_id(e.actor.user_id for e in entries if isinstance(e.actor, Colleague))
    entries = [
        dataclasses.replace(e, actor=names.get(e.actor.user_id, "")) if isinstance(e.actor, Colleague) else e
        for e in entries
    ]
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)


def resident_entries(
    actor, resident: Resident, reads: PageReads, present: frozenset[str]
) -> Iterator[TimelineEntry]:
    """The resident's own applications and benefits."""
    applications = (
        every_row_of(actor, resident, Application, may_see=anyone, general=Application.objects.all)
        if "applications" in present
        else ()
    )
    for application in applications:
        yield TimelineEntry(
            application.received_on,
            "aanvraag",
            f"Aanvraag {application.get_regulation_display()} ontvangen",
            f"Uitkomst: {application.get_outcome_display()}",
            Colleague(application.handled_by_id),
        )
    for benefit in reads.benefits if reads.benefits is not None else resident.benefits.all():
        regulation = benefit.get_regulation_display()
        yield TimelineEntry(
            benefit.start_date,
            "uitkering",
            f"Uitkering {regulation} gestart",
            f"{euro(benefit.monthly_amount)} per maand",
            "",
        )
        if benefit.end_date:
            yield TimelineEntry(benefit.end_date, "uitkering", f"Uitkering {regulation} beëindigd", "", "")


def signal_entries(
    actor, resident: Resident, reads: PageReads, present: frozenset[str]
) -> Iterator[TimelineEntry]:
    """Each signal as received and, once triaged, as assessed."""
    if reads.signals is None:
        reads.signals = case_signals(actor, resident) if "signals" in present else []
    for signal in reads.signals:
        url = reverse_cached("signals:detail", [signal.pk])
        yield TimelineEntry(
            signal.received_on,
            "signaal",
            f"Signaal ontvangen: {signal.get_kind_display()}",
            f"Herkomst: {signal.get_origin_display()}",
            Colleague(signal.registered_by_id),
            url,
        )
        if signal.triaged_at:
            yield TimelineEntry(
                signal.triaged_at,
                "triage",
                f"Signaal beoordeeld: {signal.get_route_display()}",
                signal.triage_motivation,
                Colleague(signal.triaged_by_id),
                url,
            )


def investigation_entries(
    actor, resident: Resident, reads: PageReads, present: frozenset[str]
) -> Iterator[TimelineEntry]:
    """Each investigation: opened, its actions and hearings, its findings and its closing."""
    if reads.investigations is None:
        reads.investigations = case_investigations(actor, resident) if "investigations" in present else []
    for inv in reads.investigations:
        url = reverse_cached("investigations:detail", [inv.pk])
        yield TimelineEntry(
            inv.opened_on, "onderzoek", "Onderzoek gestart", "", display_name(inv.assigned_to), url
        )
        for action in in_model_order(inv.action_rows):
            yield TimelineEntry(
                action.performed_on,
                "onderzoek",
                action.get_kind_display(),
                action.reason,
                Colleague(action.performed_by_id),
                url,
            )
        for hw in in_model_order(inv.hearing_rows):
            yield TimelineEntry(
                hw.held_on, "onderzoek", "Hoor en wederhoor", hw.summary, Colleague(hw.recorded_by_id), url
            )
        yield from _investigation_outcome(inv, url)


def _investigation_outcome(inv, url: str) -> Iterator[TimelineEntry]:
    outcome = inv.get_outcome_display()
    if inv.findings_recorded_at:
        yield TimelineEntry(
            inv.findings_recorded_at,
            "onderzoek",
            f"Bevindingen vastgelegd: {outcome}",
            "",
            Colleague(inv.findings_recorded_by_id),
            url,
        )
    if inv.closed_on:
        yield TimelineEntry(
            inv.closed_on,
            "onderzoek",
            f"Onderzoek afgerond: {outcome}",
            "",
            display_name(inv.assigned_to),
            url,
        )


def decision_entries(actor, resident: Resident, present: frozenset[str]) -> Iterator[TimelineEntry]:
    """Each besluit with its recovery and fine."""
    if "besluiten" not in present:
        return
    for besluit in case_besluiten(actor, resident):
        detail = f"Terugvordering {euro(besluit.recovery_amount)}"
        if besluit.fine_amount:
            detail += f", boete {euro(besluit.fine_amount)}"
        if besluit.sanction_type == "maatregel":
            detail = f"Verlaging {percent_number(besluit.maatregel_percentage or 0)} gedurende {besluit.maatregel_months} maand(en), samen {euro(besluit.maatregel_total)}"
        yield TimelineEntry(
            besluit.decision_date,
            "besluit",
            f"Besluit: {besluit.get_sanction_type_display()}",
            detail,
            Colleague(besluit.recorded_by_id),
            reverse_cached("decisions:detail", [besluit.pk]),
        )


def verzuim_entries(
    actor, resident: Resident, reads: PageReads, present: frozenset[str]
) -> Iterator[TimelineEntry]:
    """Each breach of a work or re-integration obligation (the start of the maatregel path)."""
    if reads.verzuimen is None:
        reads.verzuimen = case_verzuimen(actor, resident) if "verzuimen" in present else []
    for verzuim in reads.verzuimen:
        obligation = CATALOGUE.get(verzuim.obligation)
        yield TimelineEntry(
            verzuim.happened_on,
            "verzuim",
            "Verplichting niet nagekomen" + (f" ({obligation.article})" if obligation else ""),
            verzuim.get_status_display(),
            Colleague(verzuim.reported_by_id),
            reverse_cached("decisions:verzuim_detail", [verzuim.pk]),
        )


def claim_entries(
    actor, resident: Resident, reads: PageReads, present: frozenset[str]
) -> Iterator[TimelineEntry]:
    """Each vordering as created, and each instalment paid on it."""
    if reads.claims is None:
        reads.claims = case_claims(actor, resident) if "vorderingen" in present else []
    for claim in reads.claims:
        url = reverse_cached("claims:detail", [claim.pk])
        yield TimelineEntry(
            claim.created_on,
            "vordering",
            f"Vordering ingesteld: {claim.get_kind_display()}",
            euro(claim.amount),
            "",
            url,
        )
        for payment in in_model_order(claim.repayments):
            yield TimelineEntry(
                payment.paid_on,
                "vordering",
                "Aflossing ontvangen",
                euro(payment.amount),
                Colleague(payment.registered_by_id),
                url,
                amount=payment.amount,
                group=REPAYMENT,
            )


def prevention_entries(actor, resident: Resident, present: frozenset[str]) -> Iterator[TimelineEntry]:
    """Preventive interventions, referrals to partners, and changes the resident reported."""
    if "interventions" in present:
        yield from _intervention_entries(actor, resident)
    if "referrals" in present:
        yield from _referral_entries(actor, resident)
    if "change_reports" in present:
        yield from _change_report_entries(actor, resident)


def _intervention_entries(actor, resident: Resident) -> Iterator[TimelineEntry]:
    rows = every_row_of(
        actor,
        resident,
        PreventiveIntervention,
        may_see=may_view,
        general=lambda: interventions_visible_to(actor),
    )
    for i in rows:
        yield TimelineEntry(
            i.occurred_on, "preventie", i.get_kind_display(), i.topic, Colleague(i.performed_by_id)
        )


def _referral_entries(actor, resident: Resident) -> Iterator[TimelineEntry]:
    rows = every_row_of(
        actor, resident, Referral, may_see=may_view, general=lambda: referrals_visible_to(actor)
    )
    for r in rows:
        yield TimelineEntry(
            r.referred_on,
            "verwijzing",
            f"Verwezen naar {r.get_partner_display()}",
            r.get_status_display(),
            Colleague(r.referred_by_id),
            reverse_cached("prevention:referral_detail", [r.pk]),
        )


def _change_report_entries(actor, resident: Resident) -> Iterator[TimelineEntry]:
    rows = every_row_of(
        actor, resident, ChangeReport, may_see=may_view, general=lambda: change_reports_visible_to(actor)
    )
    for c in rows:
        yield TimelineEntry(
            c.reported_on,
            "wijziging",
            f"Wijziging doorgegeven: {c.get_kind_display()}",
            f"{c.reference} · {'op tijd' if c.on_time else 'te laat'} · {c.get_status_display()}",
            "de inwoner",
            reverse_cached("prevention:change_report_detail", [c.pk]),
        )


def _avg_rows(actor, resident: Resident, model, selector) -> list:
    """A request of the resident under the AVG: whoever may see the resident sees them all (``selector`` reads
    them for him otherwise)."""
    return every_row_of(
        actor, resident, model, may_see=anyone, general=lambda: selector(actor=actor, resident=resident)
    )


def privacy_entries(actor, resident: Resident, present: frozenset[str]) -> Iterator[TimelineEntry]:
    """The resident's rights under the AVG: corrections (art. 16) and objections to processing (art. 21)."""
    corrections = _avg_rows(actor, resident, Correction, corrections_of) if "corrections" in present else ()
    for c in corrections:
        label = CORRECTABLE_FIELDS.get(c.field, c.field)
        yield TimelineEntry(
            c.recorded_at,
            "correctie",
            f"Gegeven gecorrigeerd ({c.legal_basis}): {label}",
            f"Van '{c.old_value or '—'}' naar '{c.new_value or '—'}', verzocht op "
            f"{c.requested_on:%d-%m-%Y}. Reden: {c.reason}",
            Colleague(c.recorded_by_id),
        )
    objections = (
        _avg_rows(actor, resident, PrivacyObjection, privacy_objections_of)
        if "privacy_objections" in present
        else ()
    )
    for o in objections:
        yield TimelineEntry(
            o.received_on,
            "bezwaar_avg",
            "Bezwaar tegen verwerking ontvangen (AVG art. 21)",
            "Doet niet mee aan themacontroles zolang het bezwaar loopt.",
            Colleague(o.registered_by_id),
        )
        if o.decided_on:
            yield TimelineEntry(
                o.decided_on,
                "bezwaar_avg",
                f"Bezwaar tegen verwerking {o.get_status_display().lower()} (AVG art. 21)",
                o.weighing,
                Colleague(o.decided_by_id),
            )
