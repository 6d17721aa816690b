"""The privacy officer's two questions to the audit log: who read resident X, and what employee Y read.

They live here, above the residents app, because they start from a BSN and show masked BSNs; the audit
log itself knows residents by dossier number only. The FG does not read the file: the pages show the
dossier number and the masked BSN, never a name or an address. Every use is itself an audit event.
"""

import csv
import io
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from naleving.audit.edge import shows
from naleving.audit.forms import EmployeeHistoryForm
from naleving.audit.permissions import FG_PURPOSE, VIEW_EVENTS
from naleving.audit.selectors import employee_read_summary, employee_reads, resident_readers, resident_reads
from naleving.audit.templatetags.audit_log import event_details, role_names
from naleving.common.spreadsheet import csv_row
from naleving.dossier.forms_audit import InzageForm, ResidentHistoryForm
from naleving.dossier.inzage import inzage_collect, inzage_resident
from naleving.dossier.inzage_output import CODE as INZAGE_CODE
from naleving.dossier.inzage_output import PURPOSE as INZAGE_PURPOSE
from naleving.dossier.inzage_output import inzage_document, inzage_json, inzage_pdf
from naleving.residents.models import Resident
from naleving.residents.reads import bsn_search_hash
from naleving.residents.selectors import audit_subjects, bsn_of

PER_PAGE = 25


def _query_string(request, *, resident_id: int | None = None) -> str:
    """The page's query for its pagination and download links: never a BSN, the dossier number instead."""
    params = request.GET.copy()
    params.pop("page", None)
    if params.pop("bsn", None) and resident_id is not None:
        params["dossier"] = str(resident_id)
    return params.urlencode()


def _period(data) -> dict:
    return {"vanaf": data["date_from"], "tot en met": data["date_to"]}


def _wants_csv(request) -> bool:
    return request.GET.get("formaat") == "csv"


def _csv(name: str, header: list[str], rows) -> HttpResponse:
    """Every row (not one page) as a CSV download; cells that look like formulas are made text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(csv_row(row))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _when(event) -> str:
    return timezone.localtime(event.occurred_at).strftime("%d-%m-%Y %H:%M:%S")


def _resident_csv(events, resident_id: int) -> HttpResponse:
    header = ["Wanneer", "Wie", "Rol (nu)", "Wat", "Waarom (doel)", "Verzoeknummer"]
    rows = (
        [_when(e), e.actor_name, role_names(e.actor), e.description, e.purpose, e.request_id] for e in events
    )
    return _csv(f"auditlog-inwoner-{resident_id}", header, rows)


def _employee_csv(request, events, employee) -> HttpResponse:
    ids = {i for i in events.values_list("resident_id", flat=True) if i}
    subjects = audit_subjects(actor=request.user, resident_ids=ids)
    header = [
        "Wanneer",
        "Wat",
        "Dossiernummer",
        "BSN (afgeschermd)",
        "Waarom (doel)",
        "Details",
        "Verzoeknummer",
    ]
    rows = (
        [
            _when(e),
            e.description,
            e.resident_id or "",
            subjects.get(e.resident_id, ""),
            e.purpose,
            event_details(e.after),
            e.request_id,
        ]
        for e in events
    )
    return _csv(f"auditlog-medewerker-{employee.username}", header, rows)


@login_required
@permission_required(VIEW_EVENTS, raise_exception=True)
def resident_history(request):
    """Wie zag inwoner X, wanneer en waarom: every read of one resident's data, newest first.

    The form posts, so a BSN never lands in a URL (issue #16): a BSN that is found redirects to the same
    question by dossier number; one that is not found is answered from the post.
    """
    posted = request.method == "POST"
    form = ResidentHistoryForm(request.POST if posted else (request.GET or None))
    context = {"form": form, "query_string": _query_string(request)}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        dossier = [data["dossier"]] if data["dossier"] else []
        subjects = audit_subjects(actor=request.user, bsn=data["bsn"], resident_ids=dossier)
        resident_id, masked_bsn = next(iter(subjects.items()), (None, ""))
        if posted and resident_id is not None:
            period = {k: request.POST[k] for k in ("date_from", "date_to") if request.POST.get(k)}
            query = urlencode({"dossier": resident_id, **period})
            return redirect(f"{reverse('audit:resident_history')}?{query}")
        context["query_string"] = _query_string(request, resident_id=resident_id)
        count = 0
        # Searches keep a typed BSN only as a keyed hash: hash the asked BSN (or the resident's) to find them.
        bsn = data["bsn"] or (bsn_of(resident_id) if resident_id is not None else None)
        events = resident_reads(
            actor=request.user,
            resident_id=resident_id,
            date_from=data["date_from"],
            date_to=data["date_to"],
            bsn_hash=bsn_search_hash(bsn) if bsn else "",
        )
        if resident_id is not None or events.exists():
            page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
            count = page.paginator.count
            context.update(page_obj=page, readers=resident_readers(events))
        context.update(searched=True, resident_id=resident_id, masked_bsn=masked_bsn)
        asked = {"bsn": f"*****{data['bsn'][-4:]}"} if data["bsn"] else {"dossiernummer": data["dossier"]}
        found = {"gevonden": resident_id is not None, "aantal": count}
        export = {"formaat": "csv"} if _wants_csv(request) and count else {}
        shows(
            request,
            code="audit.resident_history_viewed",
            purpose=FG_PURPOSE,
            resident_id=resident_id,
            after={**asked, **_period(data), **found, **export},
        )
        if export:
            return _resident_csv(events, resident_id or 0)
    return render(request, "dossier/audit_resident_history.html", context)


@login_required
@permission_required(VIEW_EVENTS, raise_exception=True)
def employee_history(request):
    """Wat zag medewerker Y: the files, searches and downloads of one employee in a period, newest first."""
    form = EmployeeHistoryForm(request.GET or None, actor=request.user)
    context = {"form": form, "query_string": _query_string(request)}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        employee = data["employee"]
        events = employee_reads(
            actor=request.user, employee_id=employee.pk, date_from=data["date_from"], date_to=data["date_to"]
        )
        page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
        subjects = audit_subjects(
            actor=request.user, resident_ids={e.resident_id for e in page if e.resident_id}
        )
        context.update(
            employee=employee,
            page_obj=page,
            rows=[(event, subjects.get(event.resident_id, "")) for event in page],
            summary=employee_read_summary(events),
        )
        export = {"formaat": "csv"} if _wants_csv(request) else {}
        shows(
            request,
            code="audit.employee_history_viewed",
            purpose=FG_PURPOSE,
            after={
                "medewerker": employee.username,
                **_period(data),
                "aantal": page.paginator.count,
                **export,
            },
        )
        if export:
            return _employee_csv(request, events, employee)
    return render(request, "dossier/audit_employee_history.html", context)


@login_required
@permission_required(VIEW_EVENTS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def inzage_request(request):
    """Inzageverzoek (AVG art. 15): the BSN by POST, a summary per kind of record, and every datum held
    as a JSON or PDF download. Each answer is an audit event with the inzage's purpose."""
    form = InzageForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        bsn, fmt = form.cleaned_data["bsn"], form.cleaned_data["formaat"] or "samenvatting"
        try:
            resident = inzage_resident(bsn=bsn)
        except Resident.DoesNotExist:
            resident = None
        shows(
            request,
            code=INZAGE_CODE,
            purpose=INZAGE_PURPOSE,
            resident_id=resident.pk if resident else None,
            obj=resident,
            after={"bsn": f"*****{bsn[-4:]}", "gevonden": resident is not None, "formaat": fmt, "via": "FG"},
        )
        context.update(searched=True, resident=resident, masked_bsn=f"*****{bsn[-4:]}", bsn=bsn)
        if resident is not None:
            today = timezone.localdate()
            if fmt == "zip":
                return _inzage_file(inzage_document(resident, fmt="zip", today=today), resident, fmt)
            data = inzage_collect(resident, today=today)
            if fmt in ("json", "pdf"):
                return _inzage_download(data, resident, fmt)
            context["sections"] = [(s["titel"], len(s["gegevens"])) for s in data["secties"]]
            # What the screening for third parties redacted (AVG art. 15(4)): the FG reviews these fields.
            context["afscherming"] = data.get("afscherming")
    return render(request, "dossier/audit_inzage.html", context)


def _inzage_download(data: dict, resident, fmt: str) -> HttpResponse:
    content = inzage_pdf(data) if fmt == "pdf" else inzage_json(data)
    return _inzage_file(content, resident, fmt)


_KINDS = {"pdf": "application/pdf", "json": "application/json", "zip": "application/zip"}


def _inzage_file(content: bytes, resident, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=_KINDS[fmt])
    response["Content-Disposition"] = f'attachment; filename="inzage-dossier-{resident.pk}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
