"""Staff pages of prevention: the overview, the worklist, the intake at the gate with the information
sheet, support needs (doenvermogen), reminders, referrals, and the changes residents reported."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving.audit.edge import shows, shows_residents
from naleving.common.forms import add_validation_errors
from naleving.common.people import person_beyond_name
from naleving.common.views import ScopedListView, or_404
from naleving.prevention import change_reports, checklist, documents, reminders, selectors, services
from naleving.prevention.communication import communication_for
from naleving.prevention.filters import InterventionFilter
from naleving.prevention.forms import (
    NEW_APPLICATION,
    ApplicationOutcomeForm,
    HandleForm,
    IntakeForm,
    ScheduleForm,
    SupportNeedsForm,
)
from naleving.prevention.models import IntakeLanguage
from naleving.prevention.permissions import ADD, VIEW
from naleving.prevention.uploads import CONTENT_TYPES
from naleving.residents.columns import beyond_name
from naleving.residents.reads import resident_shown
from naleving.residents.selectors import resident_get
from naleving.residents.services import application_decide


class PreventionListView(ScopedListView):
    template_name = "prevention/list.html"
    filterset_class = InterventionFilter
    permissions = (VIEW,)
    selector = staticmethod(selectors.interventions_visible_to)
    list_purpose = "Preventieve interventies in de werkvoorraad"
    #: the resident by name, and who performed the intervention
    joined = ("resident", "performed_by")
    not_listed = beyond_name() + person_beyond_name("performed_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # like the interventions (``listed``): the resident by name, not who referred
        referrals = (
            selectors.referrals_visible_to(self.request.user).select_related(None).select_related("resident")
        )
        context["referrals"] = list(referrals.defer(*beyond_name())[:25])
        shows_residents(
            self.request,
            (r.resident_id for r in context["referrals"]),
            purpose="Verwijzingen in de werkvoorraad",
        )
        context["sheet_languages"] = IntakeLanguage.choices
        return context


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def worklist(request):
    items = selectors.worklist_for(request.user)
    shows_residents(
        request,
        (item.resident_id for item in [*items.change_reports, *items.reminders]),
        purpose="Werkvoorraad preventie (wijzigingen en herinneringen)",
    )
    return render(
        request,
        "prevention/worklist.html",
        {"worklist": items, "today": timezone.localdate(), "can_handle": request.user.has_perm(ADD)},
    )


@login_required
@permission_required(ADD, raise_exception=True)
def intake_create(request, pk: int):
    resident = or_404(resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident, purpose="Intake rechten en plichten")
    applications = list(resident.applications.filter(intake_checklist__isnull=True))
    initial = {
        "recorded_on": timezone.localdate(),
        "language": checklist.sheet_language(resident.preferred_language),
        "application": str(applications[0].pk) if applications else NEW_APPLICATION,
        "received_on": timezone.localdate(),
    }
    form = IntakeForm(request.POST or None, applications=applications, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intake = services.intake_record(
                actor=request.user,
                resident=resident,
                application=form.chosen_application(),
                regulation=data["regulation"],
                received_on=data["received_on"],
                items=data["items"],
                language=data["language"],
                sheet_handed_over=data["sheet_handed_over"],
                recorded_on=data["recorded_on"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "De intake is vastgelegd. Druk het informatieblad af en geef het mee.")
            return redirect("prevention:intake_detail", pk=intake.pk)
    return render(
        request,
        "prevention/intake_form.html",
        {"form": form, "resident": resident, "communication": communication_for(resident)},
    )


@login_required
def intake_detail(request, pk: int):
    intake = or_404(selectors.intake_get, actor=request.user, intake_id=pk)
    shows(
        request,
        code="resident.viewed",
        obj=intake,
        resident_id=intake.resident_id,
        purpose="Intake rechten en plichten bekijken",
    )
    explained = set(intake.items)
    groups = [
        {
            "heading": group.heading["nl"],
            "items": [(i, i.code in explained) for i in checklist.ITEMS if i.group == group.code],
        }
        for group in checklist.GROUPS
    ]
    return render(
        request,
        "prevention/intake_detail.html",
        {
            "intake": intake,
            "groups": groups,
            "languages": IntakeLanguage.choices,
            "outcome_form": ApplicationOutcomeForm(initial={"decided_on": timezone.localdate()}),
            "can_decide": request.user.has_perm(ADD) and intake.application.decided_on is None,
        },
    )


@login_required
def intake_sheet(request, pk: int):
    intake = or_404(selectors.intake_get, actor=request.user, intake_id=pk)
    language = request.GET.get("taal") or intake.language
    if language not in checklist.SHEET_LANGUAGES:
        raise Http404("Geen informatieblad in deze taal")
    content = documents.intake_sheet(actor=request.user, intake=intake, language=language)
    return _pdf(content, f"informatieblad-{language}.pdf")


@login_required
@permission_required(VIEW, raise_exception=True)
def blank_sheet(request, language: str):
    """The general information sheet (no personal data), e.g. for the counter."""
    if language not in checklist.SHEET_LANGUAGES:
        raise Http404("Geen informatieblad in deze taal")
    return _pdf(documents.information_sheet_pdf(language=language), f"informatieblad-{language}.pdf")


@login_required
@require_POST
@permission_required(ADD, raise_exception=True)
def application_outcome(request, pk: int):
    application = or_404(selectors.application_get, actor=request.user, application_id=pk)
    form = ApplicationOutcomeForm(request.POST)
    intake = getattr(application, "intake_checklist", None)
    back = (
        redirect("prevention:intake_detail", pk=intake.pk)
        if intake
        else redirect("residents:detail", pk=application.resident_id)
    )
    if not form.is_valid():
        messages.error(request, "Kies de uitkomst en vul de beslisdatum in.")
        return back
    try:
        application_decide(actor=request.user, application=application, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"De uitkomst is vastgelegd: {application.get_outcome_display().lower()}.")
    return back


@login_required
@permission_required(ADD, raise_exception=True)
def support_needs(request, pk: int):
    resident = or_404(resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident, purpose="Ondersteuning vastleggen (doenvermogen)")
    initial = {
        "needs_extra_support": resident.needs_extra_support,
        "support_needs": resident.support_needs,
        "fixed_contact_person": resident.fixed_contact_person_id,
    }
    form = SupportNeedsForm(
        request.POST or None, initial=initial, candidates=selectors.contact_person_candidates(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.support_needs_update(actor=request.user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, "De ondersteuning is vastgelegd. Brieven en herinneringen volgen deze afspraken."
            )
            return redirect("residents:detail", pk=resident.pk)
    return render(
        request,
        "prevention/support_form.html",
        {"form": form, "resident": resident, "communication": communication_for(resident)},
    )


@login_required
@permission_required(ADD, raise_exception=True)
def schedule_create(request, pk: int):
    resident = or_404(resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident, purpose="Herinnering plannen")
    form = ScheduleForm(request.POST or None, initial={"kind": "levensgebeurtenis"})
    if request.method == "POST" and form.is_valid():
        try:
            reminders.reminder_schedule_set(actor=request.user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "De herinnering is ingepland.")
            return redirect("residents:detail", pk=resident.pk)
    return render(
        request,
        "prevention/schedule_form.html",
        {"form": form, "resident": resident, "schedules": resident.reminder_schedules.filter(active=True)},
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def reminder_letter(request, pk: int):
    reminder = or_404(selectors.reminder_get, actor=request.user, reminder_id=pk)
    content = documents.reminder_letter(actor=request.user, reminder=reminder)
    return _pdf(content, f"herinnering-{reminder.due_on:%Y-%m-%d}.pdf")


@login_required
@require_POST
@permission_required(ADD, raise_exception=True)
def reminder_sent(request, pk: int):
    reminder = or_404(selectors.reminder_get, actor=request.user, reminder_id=pk)
    try:
        reminders.reminder_handle(actor=request.user, reminder=reminder)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"De herinnering aan {reminder.resident.full_name} staat als verstuurd.")
    return redirect("prevention:worklist")


@login_required
@permission_required(VIEW, raise_exception=True)
def change_report_detail(request, pk: int):
    report = or_404(selectors.change_report_get, actor=request.user, report_id=pk)
    shows(
        request,
        code="resident.viewed",
        obj=report,
        resident_id=report.resident_id,
        purpose="Doorgegeven wijziging lezen (werkvoorraad)",
    )
    return render(
        request,
        "prevention/change_report_detail.html",
        {"report": report, "form": HandleForm(), "can_handle": request.user.has_perm(ADD)},
    )


@login_required
@require_POST
@permission_required(ADD, raise_exception=True)
def change_report_handled(request, pk: int):
    report = or_404(selectors.change_report_get, actor=request.user, report_id=pk)
    form = HandleForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        change_reports.change_report_handle(actor=request.user, report=report, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Wijziging {report.reference} is afgehandeld.")
    return redirect("prevention:worklist")


@login_required
@permission_required(VIEW, raise_exception=True)
def change_report_attachment(request, pk: int):
    report = or_404(selectors.change_report_get, actor=request.user, report_id=pk)
    if not report.attachment:
        raise Http404("Geen bijlage")
    shows(
        request,
        code="change_report.attachment_downloaded",
        obj=report,
        resident_id=report.resident_id,
        purpose="Bijlage bij doorgegeven wijziging bekijken",
    )
    extension = report.attachment.name.rsplit(".", 1)[-1]
    return FileResponse(
        report.attachment.open("rb"),
        as_attachment=True,
        filename=report.attachment_name or f"{report.reference}.{extension}",
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
