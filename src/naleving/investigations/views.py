"""The investigation list, the workspace on the detail page and its forms, documents and the deadlines page.

Every form posts to its own URL, calls one service and redirects back; on an error the workspace is shown
again with that form's messages. When somebody else saved the investigation in between, the page shows
the new version with the message and keeps what the user typed, so nothing is overwritten silently.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving.audit.edge import shows, shows_residents
from naleving.common.forms import add_validation_errors
from naleving.common.people import person_beyond_name
from naleving.common.views import ScopedListView, or_404
from naleving.investigations import deadlines, services
from naleving.investigations.filters import InvestigationFilter
from naleving.investigations.forms import (
    MAX_MONTH_ROWS,
    MONTH_ROWS,
    ActionForm,
    AssignForm,
    CloseForm,
    DocumentForm,
    FindingsForm,
    HearingForm,
    month_formset,
)
from naleving.investigations.permissions import ASSIGN, CONDUCT, VIEW
from naleving.investigations.reads import case_rows
from naleving.investigations.selectors import (
    access_purpose,
    handhavers_for,
    handhavers_offered,
    investigation_document_get,
    investigation_get,
    investigations_visible_to,
)
from naleving.investigations.uploads import CONTENT_TYPES
from naleving.investigations.workspace import workspace_steps
from naleving.residents.columns import beyond_name
from naleving.residents.reads import case_shown
from naleving.signals.selectors import signals_visible_to

FORMS = {
    "assign": AssignForm,
    "action": ActionForm,
    "document": DocumentForm,
    "hearing": HearingForm,
    "findings": FindingsForm,
    "close": CloseForm,
}
MORE_MONTH_ROWS = 6


class InvestigationListView(ScopedListView):
    template_name = "investigations/list.html"
    filterset_class = InvestigationFilter
    permissions = (VIEW,)
    selector = staticmethod(investigations_visible_to)
    list_purpose = "Onderzoeken in de werkvoorraad"
    #: the resident by name, and the handhaver it is assigned to
    joined = ("resident", "assigned_to")
    not_listed = beyond_name() + person_beyond_name("assigned_to")
    shown = ("resident", "assigned_to", "opened_on", "status", "outcome")


def _form(name: str, request, investigation, data=None, files=None):
    kwargs = {"prefix": name}
    if name == "assign":
        kwargs["handhavers"] = handhavers_for(request.user)
    if data is None:
        if name == "assign":
            kwargs["listed"] = handhavers_offered(request.user)
        return FORMS[name](investigation=investigation, **kwargs)
    return FORMS[name](data, files, **kwargs)


def _workspace(request, investigation, bound: dict | None = None, months=None):
    """The detail page as steps (``workspace.py``) with the forms the user may use; ``bound`` replaces the
    form that had errors, whose step is then open with the error summary above it."""
    user = request.user
    case_shown(
        request,
        investigation,
        investigation.resident,
        code="investigation.viewed",
        purpose=access_purpose(user, investigation),
    )
    can_conduct = investigation.is_open and user.has_perm(CONDUCT) and investigation.assigned_to_id == user.pk
    can_assign = investigation.is_open and user.has_perm(ASSIGN)
    names = (["assign"] if can_assign else []) + (
        ["action", "document", "hearing", "findings", "close"] if can_conduct else []
    )
    forms = {name: _form(name, request, investigation) for name in names}
    forms.update(bound or {})
    # by the investigation's id, compiled once, in their models' order (investigations.reads)
    rows = case_rows(investigation)
    actions, hearings, documents = rows.actions, rows.hearings, rows.documents
    counts = {"action": len(actions), "document": len(documents), "hearing": len(hearings)}
    steps = workspace_steps(investigation, counts, can_conduct=can_conduct, bound=next(iter(bound or {}), ""))
    today = timezone.localdate()
    context = {
        "investigation": investigation,
        "actions": actions,
        "hearings": hearings,
        "documents": documents,
        "finding_months": rows.months,
        "signals": rows.signals,
        "forms": forms,
        "steps": steps,
        "step": {s.name: s for s in steps},
        "months": months
        if months is not None
        else (month_formset(investigation, stored=rows.months) if can_conduct else None),
        "can_conduct": can_conduct,
        "can_assign": can_assign,
        "due_on": deadlines.investigation_due(investigation.opened_on),
        "overdue": deadlines.is_overdue(investigation, today=today),
        "has_hearing": bool(hearings),
    }
    return render(request, "investigations/detail.html", context)


@login_required
def investigation_detail(request, pk: int):
    return _workspace(request, or_404(investigation_get, actor=request.user, investigation_id=pk))


def _stale(request, name: str, exc: services.InvestigationChangedError, extra=None):
    """Show the new version, keep the user's input with the new version number, and say what happened."""
    current = or_404(investigation_get, actor=request.user, investigation_id=exc.current.pk)
    if not current.is_open:  # closed in the meantime: there is nothing left to try again
        messages.error(request, exc.messages[0])
        return _closed(request, current)
    data = request.POST.copy()
    data[f"{name}-version"] = str(current.version)
    form = _form(name, request, current, data, request.FILES)
    form.is_valid()
    form.add_error(None, exc.messages)
    return _workspace(request, current, {name: form}, **(extra or {}))


def _require(request, name: str, investigation) -> None:
    """Assigning is the teamleider's; everything else belongs to the assigned handhaver (403 otherwise)."""
    user = request.user
    if name == "assign":
        allowed = user.has_perm(ASSIGN)
    else:
        allowed = user.has_perm(CONDUCT) and investigation.assigned_to_id == user.pk
    if not allowed:
        raise PermissionDenied


def _closed(request, investigation):
    messages.error(request, "Dit onderzoek is afgerond; er kan niets meer aan worden gewijzigd.")
    return redirect("investigations:detail", pk=investigation.pk)


def _post(request, pk: int, name: str, call, success: str, anchor: str):
    """Validate the named form, call the service, and redirect back or show the errors."""
    investigation = or_404(investigation_get, actor=request.user, investigation_id=pk)
    _require(request, name, investigation)
    if not investigation.is_open:
        return _closed(request, investigation)
    form = _form(name, request, investigation, request.POST, request.FILES)
    if form.is_valid():
        try:
            call(investigation, form)
        except services.InvestigationChangedError as exc:
            return _stale(request, name, exc)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(reverse("investigations:detail", args=[pk]) + f"#{anchor}")
    return _workspace(request, investigation, {name: form})


@login_required
@require_POST
def investigation_assign(request, pk: int):
    def call(investigation, form):
        services.investigation_assign(
            actor=request.user,
            investigation=investigation,
            handhaver=form.cleaned_data["handhaver"],
            expected_version=form.cleaned_data["version"],
        )

    return _post(request, pk, "assign", call, "Het onderzoek is toegewezen.", "toewijzen")


@login_required
@require_POST
def investigation_action(request, pk: int):
    def call(investigation, form):
        services.investigation_action_log(
            actor=request.user,
            investigation=investigation,
            expected_version=form.cleaned_data["version"],
            **form.service_kwargs(),
        )

    return _post(request, pk, "action", call, "De onderzoekshandeling is vastgelegd.", "handelingen")


@login_required
@require_POST
def investigation_document(request, pk: int):
    def call(investigation, form):
        services.investigation_document_attach(
            actor=request.user,
            investigation=investigation,
            file=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            expected_version=form.cleaned_data["version"],
        )

    return _post(request, pk, "document", call, "Het document is toegevoegd.", "documenten")


@login_required
@require_POST
def investigation_hearing(request, pk: int):
    def call(investigation, form):
        d = form.cleaned_data
        services.investigation_hoor_en_wederhoor_record(
            actor=request.user,
            investigation=investigation,
            held_on=d["held_on"],
            method=d["method"],
            summary=d["summary"],
            expected_version=d["version"],
        )

    return _post(request, pk, "hearing", call, "Het hoor en wederhoor is vastgelegd.", "hoor-en-wederhoor")


@login_required
@require_POST
def investigation_findings(request, pk: int):
    investigation = or_404(investigation_get, actor=request.user, investigation_id=pk)
    _require(request, "findings", investigation)
    if not investigation.is_open:
        return _closed(request, investigation)
    if "more_rows" in request.POST:
        data = request.POST.copy()
        total = data.get("months-TOTAL_FORMS", "")
        total = int(total) if total.isdigit() else MONTH_ROWS
        data["months-TOTAL_FORMS"] = str(min(total + MORE_MONTH_ROWS, MAX_MONTH_ROWS))
        form = _form("findings", request, investigation, data)
        return _workspace(
            request, investigation, {"findings": form}, months=month_formset(investigation, data)
        )
    form = _form("findings", request, investigation, request.POST)
    months = month_formset(investigation, request.POST)
    if not months.is_valid():
        form.is_valid()
        form.add_error(None, "Controleer de bedragen per maand: bij elke regel staat wat er mist.")
    elif form.is_valid():
        rows = [row for row in (f.row() for f in months.forms) if row]
        try:
            services.investigation_findings_record(
                actor=request.user, investigation=investigation, **form.service_kwargs(rows)
            )
        except services.InvestigationChangedError as exc:
            return _stale(request, "findings", exc, {"months": months})
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "De bevindingen zijn vastgelegd.")
            return redirect(reverse("investigations:detail", args=[pk]) + "#bevindingen")
    return _workspace(request, investigation, {"findings": form}, months=months)


@login_required
@require_POST
def investigation_close(request, pk: int):
    def call(investigation, form):
        services.investigation_close(
            actor=request.user,
            investigation=investigation,
            expected_version=form.cleaned_data["version"],
            conclusion=form.cleaned_data["conclusion"],
        )

    return _post(request, pk, "close", call, "Het onderzoek is afgerond.", "afronden")


@login_required
def investigation_document_download(request, pk: int, document_pk: int):
    document = or_404(
        investigation_document_get, actor=request.user, investigation_id=pk, document_id=document_pk
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("Het bestand is niet meer aanwezig") from None
    investigation = document.investigation
    shows(
        request,
        code="investigation.document_downloaded",
        obj=document,
        resident_id=investigation.resident_id,
        purpose=access_purpose(request.user, investigation),
        after={"onderzoek": investigation.pk, "bestandsnaam": document.filename},
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.filename,
        content_type=CONTENT_TYPES.get(document.file_type, "application/octet-stream"),
    )


@login_required
def deadlines_overview(request):
    """Termijnen: overdue triage, overdue investigations and investigations awaiting a decision, per team."""
    if not request.user.has_perm(ASSIGN):
        raise PermissionDenied
    today = timezone.localdate()
    investigations = investigations_visible_to(request.user)
    sections = [
        (
            "triage",
            "Signalen te lang zonder triage",
            f"Norm: beoordeeld binnen {deadlines.triage_days()} dagen na ontvangst.",
            deadlines.by_team(deadlines.overdue_triage(signals_visible_to(request.user), today=today)),
            "Geen signalen over de termijn.",
        ),
        (
            "onderzoeken",
            "Onderzoeken over de termijn",
            f"Norm: afgerond binnen {deadlines.investigation_weeks()} weken na de start.",
            deadlines.by_team(deadlines.overdue_investigations(investigations, today=today)),
            "Geen onderzoeken over de termijn.",
        ),
        (
            "besluiten",
            "Onderzoeken die wachten op een besluit",
            f"Norm: besluit binnen {deadlines.decision_weeks()} weken na afronding van een onderzoek met een schending.",
            deadlines.by_team(deadlines.awaiting_decision(investigations, today=today)),
            "Geen onderzoeken die wachten op een besluit.",
        ),
    ]
    shows_residents(
        request,
        (
            getattr(row.obj, "resident_id", None)
            for _, _, _, teams, _ in sections
            for _, rows in teams
            for row in rows
        ),
        purpose="Termijnen bewaken (teamsturing)",
    )
    return render(request, "investigations/deadlines.html", {"sections": sections, "today": today})
