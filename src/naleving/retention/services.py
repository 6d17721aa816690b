"""Writes of the retention app: draw up a destruction list, approve it (FG and archivist, never the
proposer), execute it (delete or anonymise, all or nothing) and keep the certificate.

Each service runs in one transaction and writes its audit event in it. The audit log itself is never
destroyed: it is append-only and knows residents by dossier number only (ADR 0020).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.claims.models import Aflossing, Invorderingsstap, Vordering
from naleving.common.sets import id_set
from naleving.decisions.models import Besluit, Verzuim
from naleving.investigations.access import access_final_on_refresh
from naleving.investigations.models import Investigation, InvestigationDocument
from naleving.prevention.models import ChangeReport
from naleving.residents.models import Resident
from naleving.retention import permissions as perms
from naleving.retention.file_records import PREVENTION_MODELS, ROW_TYPES
from naleving.retention.models import DestructionCertificate, DestructionItem, DestructionList, ListStatus
from naleving.retention.selectors import ANONYMISED_PREFIX, destruction_candidates, rows_going
from naleving.retention.terms import Terms, terms_load
from naleving.signals.models import Signal

ANONYMISED_NAME = "Vernietigd"


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def destruction_list_propose(actor, *, on: date, terms: Terms | None = None) -> DestructionList:
    """Draw up the concept list of ``on``'s month: every record due on ``on`` (held ones are not on it)."""
    if actor is not None and not actor.has_perm(perms.PROPOSE):
        raise PermissionDenied
    terms = terms or terms_load()
    with transaction.atomic():
        candidates = destruction_candidates(terms=terms, on=on)
        dlist = DestructionList.objects.create(
            month=on.replace(day=1), reference_date=on, terms_version=terms.version, proposed_by=actor
        )
        DestructionItem.objects.bulk_create(
            DestructionItem(
                destruction_list=dlist,
                record_type=c.record_type,
                object_id=c.object_id,
                resident_id=c.resident_id,
                event_date=c.event_date,
                due_on=c.due_on,
                reason=c.reason,
            )
            for c in candidates.due
        )
        counts = dict(Counter(c.record_type for c in candidates.due))
        audit_record(
            actor=actor,
            code="retention.list_proposed",
            obj=dlist,
            purpose="Vernietigingslijst opgesteld (bewaartermijnen verstreken)",
            after={"reference_date": on.isoformat(), "counts": counts, "held": len(candidates.held)},
        )
    return dlist


def destruction_list_approve(actor, *, destruction_list: DestructionList, as_role: str) -> DestructionList:
    """Approve as ``fg`` or ``archivaris``; the proposer never approves, and one person approves once."""
    permission = {"fg": perms.APPROVE_FG, "archivaris": perms.APPROVE_ARCHIVIST}.get(as_role)
    if permission is None or not actor.has_perm(permission):
        raise PermissionDenied
    with transaction.atomic():
        dlist = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
        if dlist.status != ListStatus.CONCEPT:
            raise ValidationError("Deze lijst is al goedgekeurd of uitgevoerd.")
        if dlist.proposed_by_id == actor.pk:
            raise ValidationError("Wie de lijst opstelde, keurt haar niet goed (vier ogen).")
        if actor.pk in (dlist.fg_approved_by_id, dlist.archivist_approved_by_id):
            raise ValidationError("U keurde deze lijst al goed; de tweede goedkeuring is van iemand anders.")
        now = timezone.now()
        if as_role == "fg":
            if dlist.fg_approved_at:
                raise ValidationError("De FG keurde deze lijst al goed.")
            dlist.fg_approved_by, dlist.fg_approved_at = actor, now
        else:
            if dlist.archivist_approved_at:
                raise ValidationError("De archivaris keurde deze lijst al goed.")
            dlist.archivist_approved_by, dlist.archivist_approved_at = actor, now
        if dlist.fg_approved_at and dlist.archivist_approved_at:
            dlist.status = ListStatus.GOEDGEKEURD
        dlist.save()
        audit_record(
            actor=actor,
            code="retention.list_approved",
            obj=dlist,
            purpose=f"Vernietigingslijst goedgekeurd als {'FG' if as_role == 'fg' else 'archivaris'}",
            after={"as": as_role, "status": dlist.status},
        )
    return dlist


def destruction_list_execute(
    actor, *, destruction_list: DestructionList, on: date, terms: Terms | None = None
) -> DestructionCertificate:
    """Destroy what is on the approved list and still due on ``on``, in one transaction (all or nothing),
    and keep the certificate. A record that is no longer due (a new vordering, a new benefit) is skipped."""
    if not actor.has_perm(perms.PROPOSE):
        raise PermissionDenied
    terms = terms or terms_load()
    files: list = []
    with transaction.atomic():
        dlist = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
        if dlist.status != ListStatus.GOEDGEKEURD:
            raise ValidationError(
                "Alleen een lijst die de FG en de archivaris goedkeurden, wordt uitgevoerd."
            )
        still_due = {(c.record_type, c.object_id) for c in destruction_candidates(terms=terms, on=on).due}
        items = list(dlist.items.all())
        chosen: dict[str, set[int]] = {}
        for item in items:
            if (item.record_type, item.object_id) in still_due:
                chosen.setdefault(item.record_type, set()).add(item.object_id)
        rows: Counter = Counter()
        _destroy(chosen, rows, files)
        counts = {record_type: len(ids) for record_type, ids in sorted(chosen.items())}
        skipped = len(items) - sum(counts.values())
        now = timezone.now()
        dlist.status, dlist.executed_by, dlist.executed_at = ListStatus.UITGEVOERD, actor, now
        dlist.save()
        certificate = DestructionCertificate.objects.create(
            destruction_list=dlist,
            executed_on=on,
            counts=counts,
            rows=dict(sorted(rows.items())),
            skipped=skipped,
            proposed_by_name=_name(dlist.proposed_by),
            fg_name=_name(dlist.fg_approved_by),
            archivist_name=_name(dlist.archivist_approved_by),
            executed_by_name=_name(actor),
            terms_version=terms.version,
        )
        audit_record(
            actor=actor,
            code="retention.executed",
            obj=certificate,
            purpose="Vernietiging uitgevoerd volgens goedgekeurde vernietigingslijst",
            after={"list": dlist.pk, "counts": counts, "rows": dict(rows), "skipped": skipped},
        )
        transaction.on_commit(lambda: [f.delete(save=False) for f in files])
    return certificate


def _delete(queryset, rows: Counter) -> None:
    _total, per_model = queryset.delete()
    rows.update({label: n for label, n in per_model.items() if n})


def _destroy_file_records(chosen: dict[str, set[int]], rows: Counter, files: list) -> None:
    """The other records of a resident's file: the whole prevention file of each chosen resident (in the
    order of its PROTECT keys), and the chosen change reports (with their attachment), corrections,
    objections and registration requests."""
    for model in PREVENTION_MODELS:
        _delete(
            model._default_manager.filter(resident_id__in=id_set(chosen.get("preventiedossier", set()))), rows
        )
    reports = ChangeReport.objects.filter(pk__in=id_set(chosen.get("wijziging_afgehandeld", set())))
    files.extend(r.attachment for r in reports if r.attachment)
    for record_type, model in ROW_TYPES.items():
        _delete(model._default_manager.filter(pk__in=id_set(chosen.get(record_type, set()))), rows)


def _destroy(chosen: dict[str, set[int]], rows: Counter, files: list) -> None:
    """Delete in the order the PROTECT foreign keys need: vorderingen (with aflossingen and collection steps),
    besluiten (with the verzuim of a maatregel, and an investigation that has no other besluit),
    investigations (with documents), signals; then anonymise
    residents, whose row stays for the counts (benefits, applications, indicators, audit log)."""
    going = rows_going(chosen)
    _delete(Aflossing.objects.filter(vordering_id__in=id_set(going["vorderingen"])), rows)
    _delete(Invorderingsstap.objects.filter(vordering_id__in=id_set(going["vorderingen"])), rows)
    _delete(Vordering.objects.filter(pk__in=id_set(going["vorderingen"])), rows)
    _delete(Verzuim.objects.filter(besluit_id__in=id_set(going["besluiten"])), rows)
    cases = set(
        Besluit.objects.filter(pk__in=id_set(going["besluiten"])).values_list("investigation_id", flat=True)
    )
    _delete(Besluit.objects.filter(pk__in=id_set(going["besluiten"])), rows)
    documents = InvestigationDocument.objects.filter(investigation_id__in=id_set(going["investigations"]))
    files.extend(d.file for d in documents if d.file)
    _delete(documents, rows)
    _delete(Investigation.objects.filter(pk__in=id_set(going["investigations"])), rows)
    # an investigation that keeps another besluit: the day its case became final, from what is left (ADR 0030)
    access_final_on_refresh(cases - set(going["investigations"]))
    _delete(Signal.objects.filter(pk__in=id_set(going["signals"])), rows)
    _destroy_file_records(chosen, rows, files)

    resident_ids = chosen.get("inwoner_zonder_uitkering", set())
    # A partner's own row keeps pointing at the anonymised row (nothing else changes); the anonymised row
    # itself no longer names its partner.
    for resident_id, born in Resident.objects.filter(pk__in=id_set(resident_ids)).values_list(
        "pk", "birth_date"
    ):
        Resident.objects.filter(pk=resident_id).update(
            bsn=f"{ANONYMISED_PREFIX}{resident_id:08d}",
            birth_date=born.replace(month=1, day=1),  # the year stays for the age groups of the reports
            first_names=ANONYMISED_NAME,
            prefix="",
            family_name=ANONYMISED_NAME,
            street="",
            house_number=0,
            house_number_suffix="",
            postcode="",
            email="",
            phone="",
            partner=None,
            support_needs=[],
            needs_extra_support=False,
            consulent=None,
            fixed_contact_person=None,
        )
    if resident_ids:
        rows["residents.resident (geanonimiseerd)"] += len(resident_ids)
