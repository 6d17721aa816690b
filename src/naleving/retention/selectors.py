"""Which records are past their retention term on a date, and which of those the law still needs.

Pure reads: no writes, no audit events. ``destruction_candidates`` returns two lists: ``due`` (may be
destroyed: on the destruction list) and ``held`` (past the nominal term but still needed, with the reason,
shown by the dry run and never put on the list).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Q

from naleving.claims.models import ClaimStatus, Vordering
from naleving.common.sets import id_set
from naleving.decisions.finality import irrevocable_on
from naleving.decisions.models import Besluit, BesluitKind, BesluitStatus, SanctionType, Verzuim
from naleving.decisions.selectors import BESLUIT_DOCUMENTS
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import (
    FindingMonth,
    HoorEnWederhoor,
    Investigation,
    InvestigationDocument,
    InvestigativeAction,
)
from naleving.residents.models import Application, Benefit, Resident
from naleving.retention.candidates import (
    Candidate,
    Candidates,
    add_years,
    latest_event_past,
    past_term,
    reverse_relations,
    term_reason,
)
from naleving.retention.file_records import PREVENTION_MODELS, ROW_TYPES, file_records, kept_models
from naleving.retention.models import DestructionCertificate, DestructionList
from naleving.retention.terms import Terms
from naleving.signals.choices import Route
from naleving.signals.models import Signal

#: art. 18a lid 6 Pw: 10 years after an unconditional prison sentence; the application does not know how a
#: criminal report ended, so a besluit with aangifte is held 10 years.
RECIDIVE_YEARS_AANGIFTE = 10
#: the mark of an anonymised resident (BSN replaced by this prefix and the number)
ANONYMISED_PREFIX = "X"


def destruction_candidates(*, terms: Terms, on: date) -> Candidates:
    """Every record past its term on ``on``, split into due and held (with the reason it is held)."""
    result = Candidates()
    _vorderingen(result, terms, on)
    _besluiten(result, terms, on)
    _investigations(result, terms, on)
    _signals(result, terms, on)
    file_records(result, terms, on, going_by_model=_going_by_model(result), kept_models=_KEPT_WITH_RESIDENT)
    _residents(result, terms, on)
    return result


def _vorderingen(result: Candidates, terms: Terms, on: date) -> None:
    # An open vordering is never a candidate: collection still runs (art. 58, 60 Pw).
    closed = Vordering.objects.exclude(status=ClaimStatus.OPEN).exclude(status_changed_on=None)
    for v in closed.only("id", "resident_id", "status_changed_on"):
        past = past_term(terms, "vordering_afgedaan", v.status_changed_on, on)
        if past:
            term, due_on = past
            result.due.append(
                Candidate(
                    "vordering_afgedaan",
                    v.pk,
                    v.resident_id,
                    v.status_changed_on,
                    due_on,
                    term_reason(term, v.status_changed_on, due_on),
                )
            )


def _besluiten(result: Candidates, terms: Terms, on: date) -> None:
    vorderingen_due = result.ids("vordering_afgedaan")
    latest_sent = latest_event_past(terms, ("besluit_met_sanctie", "besluit_zonder_sanctie"), on)
    if latest_sent is None:
        return
    # every vastgesteld besluit that can be past its term, without the documents it holds (a term needs none
    # of them): a primary besluit becomes irrevocable after the objection term that follows its sending
    # (decisions.finality), so one sent later cannot be; a decision on objection can count from the term of
    # the besluit it replaced (a late objection), so each of those is read
    besluiten = (
        Besluit.objects.filter(status=BesluitStatus.VASTGESTELD)
        .filter(Q(kind=BesluitKind.OP_BEZWAAR) | Q(sent_on__lte=latest_sent))
        .defer(*BESLUIT_DOCUMENTS)
        .prefetch_related("vorderingen", "bezwaren", "beroepen")
    )
    referenced = _referenced_ids(Besluit, allowed={Vordering, Verzuim})
    for b in besluiten:
        with_sanction = b.sanction_type != SanctionType.GEEN
        record_type = "besluit_met_sanctie" if with_sanction else "besluit_zonder_sanctie"
        # the day the objection chain ended (decisions.finality, ADR 0023): none while a remedy runs or the
        # letter is not sent, and then the retention term has not started
        irrevocable = irrevocable_on(b, on=on)
        if irrevocable is None:
            continue
        past = past_term(terms, record_type, irrevocable, on)
        if not past:
            continue
        term, due_on = past
        reason = term_reason(term, irrevocable, due_on)
        held = ""
        kept = [v for v in b.vorderingen.all() if v.pk not in vorderingen_due]
        if any(v.status == ClaimStatus.OPEN for v in kept):
            held = "een vordering uit dit besluit staat nog open: de invordering loopt (art. 58 en 60 Pw)"
        elif kept:
            held = "een vordering uit dit besluit is nog binnen haar eigen bewaartermijn"
        elif (
            b.sanction_type == SanctionType.AANGIFTE
            and add_years(b.decision_date, RECIDIVE_YEARS_AANGIFTE) > on
        ):
            held = "na aangifte geldt een recidivetermijn van 10 jaar bij een onvoorwaardelijke vrijheidsstraf (art. 18a lid 6 Pw)"
        elif with_sanction and add_years(b.decision_date, 5) > on:
            held = "nodig voor de recidiveregel: 5 jaar na het opleggen (art. 18a lid 5 Pw)"
        elif b.pk in referenced:
            held = "gekoppeld aan een ander gegeven (opschorting of casusvoorbeeld)"
        candidate = Candidate(record_type, b.pk, b.resident_id, irrevocable, due_on, reason)
        (result.held if held else result.due).append(
            Candidate(record_type, b.pk, b.resident_id, irrevocable, due_on, f"Aangehouden: {held}. {reason}")
            if held
            else candidate
        )


#: the rows that belong to an investigation and go with it
_INVESTIGATION_PARTS = {
    InvestigativeAction,
    HoorEnWederhoor,
    InvestigationDocument,
    FindingMonth,
    Besluit,
}


def _investigations(result: Candidates, terms: Terms, on: date) -> None:
    closed = Investigation.objects.filter(
        status=Status.AFGEROND, outcome=Outcome.GEEN_SCHENDING, closed_on__isnull=False
    )
    decided = set(
        Besluit.objects.order_by().exclude(investigation=None).values_list("investigation_id", flat=True)
    )
    referenced = _referenced_ids(Investigation, allowed=_INVESTIGATION_PARTS)
    for inv in closed.only("id", "resident_id", "closed_on"):
        past = past_term(terms, "onderzoek_zonder_bevindingen", inv.closed_on, on)
        if not past:
            continue
        term, due_on = past
        reason = term_reason(term, inv.closed_on, due_on)
        held = ""
        if inv.pk in decided:
            held = "er is een besluit op dit onderzoek genomen"
        elif inv.pk in referenced:
            held = "gekoppeld aan een ander gegeven (bijvoorbeeld een casusvoorbeeld)"
        cand = Candidate(
            "onderzoek_zonder_bevindingen",
            inv.pk,
            inv.resident_id,
            inv.closed_on,
            due_on,
            f"Aangehouden: {held}. {reason}" if held else reason,
        )
        (result.held if held else result.due).append(cand)


def _referenced_ids(model, *, allowed: set) -> set:
    """The keys of the rows of ``model`` a row of another model (not in ``allowed``) points at: one read of
    each foreign key column, instead of a query per candidate (10,000 besluiten at 100,000 residents)."""
    found: set = set()
    for rel in reverse_relations(model):
        if rel.related_model in allowed:
            continue
        column = rel.field.attname
        rows = rel.related_model._default_manager.order_by().exclude(**{f"{column}__isnull": True})
        found.update(rows.values_list(column, flat=True).distinct())
    return found


def _signals(result: Candidates, terms: Terms, on: date) -> None:
    signals = Signal.objects.filter(route=Route.GEEN_ACTIE, triaged_at__isnull=False)
    linked = set(Investigation.signals.through.objects.values_list("signal_id", flat=True))
    for s in signals.only("id", "resident_id", "triaged_at"):
        triaged = s.triaged_at.date()
        past = past_term(terms, "signaal_geen_actie", triaged, on)
        if not past:
            continue
        term, due_on = past
        reason = term_reason(term, triaged, due_on)
        if s.pk in linked:
            result.held.append(
                Candidate(
                    "signaal_geen_actie",
                    s.pk,
                    s.resident_id,
                    triaged,
                    due_on,
                    f"Aangehouden: het signaal hoort bij een onderzoek. {reason}",
                )
            )
        else:
            result.due.append(Candidate("signaal_geen_actie", s.pk, s.resident_id, triaged, due_on, reason))


def rows_going(chosen: dict[str, set[int]]) -> dict[str, set[int]]:
    """The rows that go when the chosen records go: a besluit takes its investigation along when no other
    besluit rests on it, and an investigation takes the signals that belong to it alone."""
    besluiten = chosen.get("besluit_met_sanctie", set()) | chosen.get("besluit_zonder_sanctie", set())
    investigations = set(chosen.get("onderzoek_zonder_bevindingen", set()))
    # the investigations of the going besluiten; those another besluit still rests on are taken off below
    decided = Besluit.objects.filter(pk__in=id_set(besluiten)).exclude(investigation=None)
    investigations |= set(decided.values_list("investigation_id", flat=True))
    investigations -= set(
        Besluit.objects.filter(investigation_id__in=id_set(investigations))
        .exclude(pk__in=id_set(besluiten))
        .values_list("investigation_id", flat=True)
    )
    link = Investigation.signals.through.objects
    signals = set(
        link.filter(investigation_id__in=id_set(investigations)).values_list("signal_id", flat=True)
    )
    signals -= set(
        link.exclude(investigation_id__in=id_set(investigations)).values_list("signal_id", flat=True)
    )
    return {
        "vorderingen": set(chosen.get("vordering_afgedaan", set())),
        "besluiten": besluiten,
        "investigations": investigations,
        "signals": signals | chosen.get("signaal_geen_actie", set()),
    }


#: the record types of the case apps (the others are the file records of ``file_records``)
CASE_TYPES = (
    "signaal_geen_actie",
    "onderzoek_zonder_bevindingen",
    "besluit_met_sanctie",
    "besluit_zonder_sanctie",
    "vordering_afgedaan",
)

#: reverse relations of a resident that stay after anonymisation (no personal data beyond the link; they
#: count in the indicators): benefits, applications, the partner link (cleared).
_KEPT_WITH_RESIDENT = {Benefit, Application, Resident}


def _going_by_model(result: Candidates) -> dict:
    """The rows of the case apps that go with the due case records, per model."""
    going = rows_going({t: result.ids(t) for t in CASE_TYPES})
    return {
        Signal: going["signals"],
        Investigation: going["investigations"],
        Besluit: going["besluiten"],
        # a maatregel's verzuim (the breach and its hearing) goes with its besluit
        Verzuim: set(
            Verzuim.objects.filter(besluit_id__in=id_set(going["besluiten"])).values_list("pk", flat=True)
        ),
        Vordering: going["vorderingen"],
    }


def _residents(result: Candidates, terms: Terms, on: date) -> None:
    due_by_model = _going_by_model(result) | {model: result.ids(t) for t, model in ROW_TYPES.items()}
    prevention_due = result.ids("preventiedossier")
    latest_end = latest_event_past(terms, ("inwoner_zonder_uitkering",), on)
    if latest_end is None:
        return
    running = Benefit.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=on)).values("resident_id")
    residents = (
        Resident.objects.exclude(bsn__startswith=ANONYMISED_PREFIX)
        .exclude(pk__in=running)
        .annotate(last_end=Max("benefits__end_date"))
        .filter(last_end__isnull=False, last_end__lte=latest_end)
    )
    # what stays of each resident, read once per relation (not once per resident and relation: with the
    # ids of every going row in each query, a proposal years ahead did not finish), once one is past its term
    kept: dict[int, set] | None = None
    for resident in residents.only("id"):
        past = past_term(terms, "inwoner_zonder_uitkering", resident.last_end, on)
        if not past:
            continue
        term, due_on = past
        reason = term_reason(term, resident.last_end, due_on)
        if kept is None:
            kept = kept_models(due_by_model, _KEPT_WITH_RESIDENT)
        remaining = [
            str(model._meta.verbose_name_plural)
            for model in kept.get(resident.pk, ())
            if not (model in PREVENTION_MODELS and resident.pk in prevention_due)
        ]
        if remaining:
            held = "er zijn nog gegevens die (nog) bewaard blijven: " + ", ".join(sorted(set(remaining)))
            result.held.append(
                Candidate(
                    "inwoner_zonder_uitkering",
                    resident.pk,
                    resident.pk,
                    resident.last_end,
                    due_on,
                    f"Aangehouden: {held}. {reason}",
                )
            )
        else:
            result.due.append(
                Candidate(
                    "inwoner_zonder_uitkering", resident.pk, resident.pk, resident.last_end, due_on, reason
                )
            )


def destruction_lists():
    return DestructionList.objects.select_related(
        "proposed_by", "fg_approved_by", "archivist_approved_by", "executed_by"
    )


def destruction_list_get(*, list_id: int) -> DestructionList:
    return destruction_lists().get(pk=list_id)


def certificates():
    return DestructionCertificate.objects.select_related("destruction_list")


def certificate_get(*, certificate_id: int) -> DestructionCertificate:
    return certificates().get(pk=certificate_id)
