"""Inzage (AVG art. 15, as the CJEU read it in C-579/21): everything the municipality holds about one resident.

``inzage_collect`` is a pure read over the resident: no audit write, no formatting, no actor scope (the
privacy officer answers the request for the whole organisation; the caller logs the use). It gives the
data itself, where it came from (the sources), who received it (the partners of referrals), and when and
why employees consulted it (the read events of the audit log, with the employee's role, never their name).

Never in the output (art. 15(4) and 23 AVG, the rights of others): who reported a signal. The reporter's
contact details, the colleague who registered it, the source's reference, the words "as reported" and the
free text of a report by a person all stay out; the resident learns the origin and the kind. The free text
employees wrote is screened for third parties (``inzage_screen``): BSNs and names of others become
"[derde]", and ``afscherming`` says which fields were screened and redacted, for the FG to review.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Model, Q
from django.urls import reverse

from naleving.claims.models import Vordering
from naleving.controls.models import ControlHit
from naleving.decisions.models import Besluit, Opschorting, Verzuim
from naleving.dossier.inzage_about import consultations, recipients, retention_terms, sources
from naleving.dossier.inzage_screen import screen_third_parties
from naleving.investigations.choices import Verwijtbaarheid
from naleving.investigations.models import Investigation
from naleving.prevention.models import (
    ChangeReport,
    IntakeChecklist,
    PreventiveIntervention,
    Referral,
    Reminder,
    ReminderSchedule,
)
from naleving.residents.models import Registratieverzoek, Resident
from naleving.residents.validators import bsn_is_valid
from naleving.rules.maatregel.catalogue import CATALOGUE
from naleving.signals.choices import Origin
from naleving.signals.models import Signal

#: Origins where a person reported the signal: their own words could name them, so the text stays out.
REPORTED_BY_A_PERSON = {Origin.ANONIEME_MELDING, Origin.COLLEGA, Origin.KETENPARTNER, Origin.OVERIG}

#: The sections of the inzage in the order the PDF shows them: key, title, one B1 sentence.
SECTIONS: list[tuple[str, str, str]] = [
    ("persoonsgegevens", "Uw gegevens", "Dit weten wij over u als persoon."),
    ("uitkeringen", "Uw uitkeringen", "De uitkeringen die u van ons krijgt of kreeg."),
    ("aanvragen", "Uw aanvragen", "De aanvragen die u bij ons deed."),
    ("intakes", "Gesprekken over rechten en plichten", "Wat wij u bij uw aanvraag hebben uitgelegd."),
    ("wijzigingen", "Wijzigingen die u doorgaf", "De veranderingen in uw situatie die u aan ons doorgaf."),
    ("herinneringen", "Herinneringen", "Wanneer wij u herinneren aan wat u moet doorgeven."),
    ("preventieve_contacten", "Contact om problemen te voorkomen", "Gesprekken en brieven om u te helpen."),
    ("verwijzingen", "Verwijzingen naar andere organisaties", "Organisaties naar wie wij u verwezen."),
    ("signalen", "Signalen", "Meldingen dat uw situatie misschien anders is. Wie meldde, zeggen wij niet."),
    ("onderzoeken", "Onderzoeken", "Wat wij onderzochten, wat wij deden en wat wij vonden."),
    ("verzuimen", "Afspraken over werk die u niet nakwam", "Wat er gebeurde en wat u daarover zei."),
    ("besluiten", "Besluiten", "Wat wij besloten en waarom."),
    ("opschortingen", "Opschortingen", "Wanneer wij uw uitkering tijdelijk stopten."),
    ("vorderingen", "Vorderingen en betalingen", "Geld dat u moet terugbetalen, en wat u al betaalde."),
    (
        "registratieverzoeken",
        "Verzoeken om u te registreren",
        "Verzoeken van medewerkers om u in te schrijven.",
    ),
    ("themacontroles", "Themacontroles", "Controles van een groep inwoners waarin u voorkwam."),
    (
        "correcties",
        "Verbeteringen van uw gegevens",
        "Gegevens die wij op uw verzoek verbeterden (AVG art. 16).",
    ),
    ("bezwaren", "Bezwaar tegen het gebruik van uw gegevens", "Uw bezwaren en ons besluit (AVG artikel 21)."),
    ("bronnen", "Waar uw gegevens vandaan komen", "De bronnen van de gegevens in dit overzicht."),
    ("ontvangers", "Aan wie wij gegevens gaven", "Organisaties die gegevens over u kregen."),
    ("raadplegingen", "Wie uw gegevens bekeek", "Wanneer medewerkers uw gegevens bekeken en waarom."),
    ("bewaartermijnen", "Hoe lang wij uw gegevens bewaren", "Daarna vernietigen wij ze."),
]


def _value(obj: Model, name: str):
    field = obj._meta.get_field(name)
    if getattr(field, "choices", None):
        return getattr(obj, f"get_{name}_display")() or ""
    return getattr(obj, name)


def _fields(obj: Model, names: Iterable[str]) -> dict:
    """The named fields of ``obj`` keyed by their (Dutch) verbose name, choices as their label."""
    return {str(obj._meta.get_field(name).verbose_name): _value(obj, name) for name in names}


class InvalidBsn(ValueError):
    """The number is not a BSN (9 digits that pass the elfproef); the message is Dutch and omits the number."""


def inzage_resident(*, bsn: str) -> Resident:
    """The resident with this BSN; ``InvalidBsn`` for a number that is not a BSN, ``Resident.DoesNotExist``
    when nobody has it. The callers (the FG's page, the command) have checked who asks."""
    bsn = bsn.strip()
    if not (len(bsn) == 9 and bsn.isdigit()):
        raise InvalidBsn("Een BSN bestaat uit precies 9 cijfers. Controleer het nummer.")
    if not bsn_is_valid(bsn):
        raise InvalidBsn("Dit BSN is ongeldig: het voldoet niet aan de elfproef. Controleer het nummer.")
    return Resident.objects.get(bsn=bsn)


def inzage_collect(resident: Resident, *, today: date) -> dict:
    """Everything held about ``resident`` as a dict of sections (see ``SECTIONS``), each a list of records,
    with third parties screened out of the employees' free text (``afscherming``)."""
    # A signal triage has not linked yet is still held about the resident when it names their BSN.
    held = Q(resident=resident) | Q(resident__isnull=True, subject_bsn=resident.bsn)
    signals = list(Signal.objects.filter(held).order_by("received_on", "pk"))
    hits = _control_hits(resident, signals)
    referrals = list(Referral.objects.filter(resident=resident).order_by("referred_on", "pk"))
    sections = {
        "persoonsgegevens": [_person(resident)],
        "uitkeringen": [
            _fields(b, ["regulation", "start_date", "end_date", "monthly_amount", "norm_amount"])
            for b in resident.benefits.order_by("start_date", "pk")
        ],
        "aanvragen": [
            _fields(a, ["regulation", "received_on", "decided_on", "outcome"])
            for a in resident.applications.order_by("received_on", "pk")
        ],
        "intakes": [
            _fields(i, ["recorded_on", "items", "language", "sheet_handed_over", "notes"])
            for i in IntakeChecklist.objects.filter(resident=resident).order_by("recorded_on", "pk")
        ],
        "wijzigingen": [_change_report(c) for c in ChangeReport.objects.filter(resident=resident)],
        "herinneringen": _reminders(resident),
        "preventieve_contacten": [
            _fields(p, ["kind", "occurred_on", "topic", "notes"])
            for p in PreventiveIntervention.objects.filter(resident=resident).order_by("occurred_on", "pk")
        ],
        "verwijzingen": [
            _fields(r, ["partner", "referred_on", "handover_note", "status", "followup_note"])
            for r in referrals
        ],
        "signalen": [_signal(s) for s in signals],
        "onderzoeken": [_investigation(i, hits) for i in _investigations(resident)],
        "verzuimen": [_verzuim(v) for v in Verzuim.objects.filter(resident=resident).order_by("happened_on")],
        "besluiten": [
            _besluit(b) for b in Besluit.objects.filter(resident=resident).order_by("decision_date")
        ],
        "opschortingen": [_opschorting(o) for o in Opschorting.objects.filter(resident=resident)],
        "vorderingen": [_vordering(v) for v in Vordering.objects.filter(resident=resident).order_by("pk")],
        "registratieverzoeken": [_registratieverzoek(r) for r in _registratieverzoeken(resident)],
        "themacontroles": [_hit(h) for h in hits.values()],
        "correcties": [
            _fields(c, ["requested_on", "field", "old_value", "new_value", "reason"])
            for c in resident.corrections.order_by("requested_on", "pk")
        ],
        "bezwaren": [
            _fields(o, ["received_on", "grounds", "status", "decided_on", "weighing"])
            for o in resident.privacy_objections.order_by("received_on", "pk")
        ],
        "bronnen": sources(
            [s.get_origin_display() for s in signals],
            [(h.run.filter.title, h.run.source) for h in hits.values()],
        ),
        "ontvangers": recipients(referrals),
        "raadplegingen": consultations(resident),
        "bewaartermijnen": retention_terms(today),
    }
    data = {
        "over_dit_overzicht": {
            # the controller of the resident's data: their municipality (ADR 0021)
            "organisatie": resident.gemeente.letterhead,
            "opgemaakt_op": today,
            "grondslag": "Algemene verordening gegevensbescherming (AVG), artikel 15: recht op inzage",
            "dossiernummer": resident.pk,
        },
        "secties": [
            {"sleutel": key, "titel": title, "uitleg": why, "gegevens": sections[key]}
            for key, title, why in SECTIONS
        ],
    }
    return screen_third_parties(data, resident)


def _person(resident: Resident) -> dict:
    person = _fields(
        resident,
        [
            "bsn",
            "first_names",
            "prefix",
            "family_name",
            "birth_date",
            "street",
            "house_number",
            "house_number_suffix",
            "postcode",
            "city",
            "district",
            "household_type",
            "kostendelers",
            "language_level",
            "preferred_language",
            "needs_extra_support",
            "support_needs",
            "email",
            "phone",
            "created_at",
        ],
    )
    # The contact person is named: the resident needs to know whom to call. Other employees are not.
    contact = resident.fixed_contact_person or resident.consulent
    person["uw contactpersoon"] = (contact.get_full_name() or contact.get_username()) if contact else ""
    person["partner (dossiernummer)"] = resident.partner_id or ""
    return person


def _change_report(report: ChangeReport) -> dict:
    return _fields(
        report,
        [
            "reference",
            "kind",
            "change_date",
            "reported_on",
            "description",
            "attachment_name",
            "on_time",
            "status",
        ],
    ) | _fields(report, ["handling_note"])


def _reminders(resident: Resident) -> list[dict]:
    schedules = [
        _fields(s, ["kind", "topic", "next_due_on", "interval_months", "active"])
        for s in ReminderSchedule.objects.filter(resident=resident).order_by("pk")
    ]
    sent = [
        _fields(r, ["due_on", "channel", "language", "easy_language", "handled_at"])
        for r in Reminder.objects.filter(resident=resident).order_by("due_on")
    ]
    return schedules + sent


def _signal(signal: Signal) -> dict:
    """Origin, kind and what was done with it; nothing that could name the reporter."""
    record = _fields(signal, ["received_on", "origin", "kind", "route", "triage_motivation"])
    if signal.origin in REPORTED_BY_A_PERSON:
        record["omschrijving"] = "Niet opgenomen: de tekst van de melder kan laten zien wie de melder is."
    else:
        record["omschrijving"] = signal.description
    return record


def _investigations(resident: Resident):
    return (
        Investigation.objects.filter(resident=resident)
        .prefetch_related("signals", "actions", "hoor_en_wederhoor", "finding_months", "documents")
        .order_by("opened_on", "pk")
    )


def _investigation(investigation: Investigation, hits: dict[int, ControlHit]) -> dict:
    record = _fields(
        investigation,
        [
            "opened_on",
            "closed_on",
            "status",
            "outcome",
            "violation_kind",
            "period_start",
            "period_end",
            "benadelingsbedrag",
            "verwijtbaarheid",
            "verwijtbaarheid_motivation",
            "source_register",
            "conclusion",
        ],
    )
    record["hoe u in beeld kwam"] = [_came_into_view(s, hits) for s in investigation.signals.all()]
    record["onderzoekshandelingen"] = [
        _fields(
            a, ["performed_on", "kind", "reason", "less_intrusive_insufficient", "consent_given", "notes"]
        )
        for a in investigation.actions.all()
    ]
    record["hoor en wederhoor"] = [
        _fields(h, ["held_on", "method", "summary"]) for h in investigation.hoor_en_wederhoor.all()
    ]
    record["bevindingen per maand"] = [
        _fields(m, ["month", "paid", "entitled"]) for m in investigation.finding_months.all()
    ]
    record["documenten"] = [
        _fields(d, ["uploaded_at", "filename", "description"]) for d in investigation.documents.all()
    ]
    return record


def _came_into_view(signal: Signal, hits: dict[int, ControlHit]) -> str:
    hit = next((h for h in hits.values() if h.signal_id == signal.pk), None)
    if hit is None:
        return f"Signaal van {signal.received_on:%d-%m-%Y}, herkomst: {signal.get_origin_display()}"
    if hit.in_control_group:
        return (
            f"Themacontrole '{hit.run.filter.title}': u zat in de willekeurige controlegroep (loting), "
            f"niet in de treffers. Uitleg: {_public_page(hit)}"
        )
    return f"Themacontrole '{hit.run.filter.title}' (filter '{hit.run.filter.name}'). Uitleg: {_public_page(hit)}"


def _public_page(hit: ControlHit) -> str:
    # The path on the municipality's public site (/algoritmes/<name>/): it needs no login.
    return reverse("algorithms:detail", kwargs={"name": hit.run.filter.name})


def _besluit(besluit: Besluit) -> dict:
    record = _fields(
        besluit,
        [
            "decision_date",
            "status",
            "benadelingsbedrag",
            "correction_type",
            "recovery_amount",
            "sanction_type",
            "fine_amount",
            "verwijtbaarheid",
            "cooperation",
            "deviates",
            "deviation_motivation",
            "rules_version",
        ],
    )
    if besluit.sanction_type == "maatregel":
        record |= _fields(
            besluit, ["maatregel_percentage", "maatregel_months", "maatregel_start", "maatregel_total"]
        )
    if besluit.verwijtbaarheid in Verwijtbaarheid.values:
        record["verwijtbaarheid"] = str(Verwijtbaarheid(besluit.verwijtbaarheid).label)
    trace = (besluit.engine_response or {}).get("trace", [])
    record["de redenen, stap voor stap"] = [
        " ".join(part for part in (step.get("text_nl", ""), _citation(step.get("citation"))) if part)
        for step in trace
    ]
    return record


def _citation(citation) -> str:
    if not citation:
        return ""
    if isinstance(citation, dict):
        text = " ".join(str(v) for k, v in citation.items() if k in {"law", "article", "paragraph"} and v)
        return f"({text})" if text else ""
    return f"({citation})"


def _verzuim(verzuim: Verzuim) -> dict:
    record = _fields(
        verzuim, ["obligation", "happened_on", "facts", "hearing_on", "hearing_record", "status"]
    )
    obligation = CATALOGUE.get(verzuim.obligation)
    if obligation is not None:
        record[str(Verzuim._meta.get_field("obligation").verbose_name)] = (
            f"{obligation.label_nl} ({obligation.article})"
        )
    return record


def _opschorting(opschorting: Opschorting) -> dict:
    return _fields(
        opschorting,
        [
            "weeks",
            "hersteltermijn_end",
            "children_in_household",
            "in_care",
            "debts",
            "housing_risk",
            "other_circumstances",
            "conclusion",
            "assessed_on",
            "signed_on",
            "takes_effect_on",
        ],
    )


def _vordering(vordering: Vordering) -> dict:
    record = _fields(
        vordering,
        ["kind", "amount", "created_on", "status", "status_changed_on", "monthly_instalment", "setoff"],
    ) | _fields(
        vordering, ["waiver_ground", "status_reason", "due_on", "payment_reference", "non_cooperation"]
    )
    record["aflossingen"] = [
        _fields(a, ["paid_on", "amount", "method"]) for a in vordering.aflossingen.order_by("paid_on")
    ]
    record["aanmaningen en dwangbevelen"] = [
        _fields(step, ["kind", "sent_on", "term_end", "amount_due", "costs"])
        for step in vordering.stappen.all()
    ]
    return record


def _registratieverzoeken(resident: Resident):
    return Registratieverzoek.objects.filter(Q(resident=resident) | Q(bsn=resident.bsn)).order_by(
        "created_at"
    )


def _registratieverzoek(verzoek: Registratieverzoek) -> dict:
    return _fields(verzoek, ["created_at", "details", "status", "handled_at", "handling_note"])


def _control_hits(resident: Resident, signals: list[Signal]) -> dict[int, ControlHit]:
    """Hits of theme controls on this resident: by BSN, or through a signal a released hit became."""
    found = ControlHit.objects.filter(Q(bsn=resident.bsn) | Q(signal__in=[s.pk for s in signals]))
    return {h.pk: h for h in found.select_related("run__filter").order_by("run__reference_date", "pk")}


def _hit(hit: ControlHit) -> dict:
    run = hit.run
    return {
        "peildatum": run.reference_date,
        "controle": run.filter.title,
        "filter": run.filter.name,
        "doel van de controle": run.filter.purpose,
        "grondslag": run.filter.legal_basis,
        "uitleg voor inwoners": _public_page(hit),
        "in de willekeurige controlegroep": hit.in_control_group,
        "redenen": hit.reasons,
        "onderbouwing": hit.evidence,
    }
