"""The resident's pages to report a change (/wijziging-doorgeven/), without a staff account.

1. Start: what to report and why, then log in with the method the municipality configured (in the demo a
   clearly labelled test login instead of DigiD; ADR 0010).
2. The form, in plain Dutch: what changes, from when, a short explanation, an optional attachment.
3. The receipt with a reference number and a PDF of what was reported; the report is on the consulent's
   worklist. Only the resident who is logged in can open their receipts.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from naleving.prevention import change_reports, documents, identification
from naleving.prevention.forms import ChangeReportForm, TestLoginForm
from naleving.prevention.models import ChangeReport
from naleving.prevention.uploads import MAX_ATTACHMENT_BYTES, SizeLimitedUploadHandler, too_large_message

RECEIPTS_KEY = "naleving.prevention.receipts"


@never_cache
def start(request):
    backend = identification.identification_backend()
    if not backend.available:
        return render(request, "prevention/public/not_available.html")
    if identification.identity_from_session(request) is not None:
        return redirect("wijziging:form")
    form = TestLoginForm(request.POST or None)
    if request.method == "POST" and not getattr(backend, "redirects", False):
        if identification.too_many_failures(request):
            return render(request, "prevention/public/limited.html", status=429)
        if form.is_valid():
            identity = backend.identify(**form.cleaned_data)
            if identity is not None:
                identification.identity_login(request, identity)
                return redirect("wijziging:form")
            identification.count_failure(request)
            form.add_error(
                None,
                "Wij kunnen u niet vinden met dit BSN en deze geboortedatum. Kijk of u alles goed heeft "
                "ingevuld. Lukt het niet? Bel dan uw consulent.",
            )
    return render(request, "prevention/public/start.html", {"form": form, "backend": backend})


@csrf_exempt
@never_cache
def report_form(request):
    """The upload limit must be in place before anything reads the body, so CSRF is checked in
    ``_report_form`` (Django's documented pattern for changing upload handlers)."""
    request.upload_handlers.insert(0, SizeLimitedUploadHandler(request, MAX_ATTACHMENT_BYTES))
    return _report_form(request)


@csrf_protect
def _report_form(request):
    identity = identification.identity_from_session(request)
    if identity is None:
        messages.info(request, "Log eerst in. Daarna kunt u de wijziging doorgeven.")
        return redirect("wijziging:start")
    today = timezone.localdate()
    if request.method != "POST":
        form = ChangeReportForm(reported_on=today)
        return render(request, "prevention/public/form.html", _form_context(form, identity))
    form = ChangeReportForm(request.POST, request.FILES, reported_on=today)
    too_large = getattr(request, "upload_too_large", False)
    if too_large:
        form.is_valid()
        form.add_error("attachment", too_large_message(request))
    elif form.is_valid():
        data = form.cleaned_data
        try:
            report = change_reports.change_report_submit(
                identity=identity,
                kind=data["kind"],
                change_date=data["change_date"],
                description=data["description"],
                attachment=data.get("attachment") or None,
                reported_on=today,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            receipts = request.session.get(RECEIPTS_KEY, [])
            request.session[RECEIPTS_KEY] = [*receipts, report.reference][-20:]
            return redirect("wijziging:receipt", reference=report.reference)
    return render(request, "prevention/public/form.html", _form_context(form, identity))


def _form_context(form, identity) -> dict:
    return {"form": form, "identity": identity, "term_days": change_reports.CHANGE_REPORT_TERM_DAYS}


def _own_report(request, reference: str) -> ChangeReport:
    identity = identification.identity_from_session(request)
    if identity is None or reference not in request.session.get(RECEIPTS_KEY, []):
        raise Http404("Bewijs niet gevonden")
    try:
        return ChangeReport.objects.select_related("resident").get(
            reference=reference, resident_id=identity.resident_id
        )
    except ChangeReport.DoesNotExist:
        raise Http404("Bewijs niet gevonden") from None


@never_cache
def receipt(request, reference: str):
    report = _own_report(request, reference)
    return render(request, "prevention/public/receipt.html", {"report": report})


@never_cache
def receipt_pdf(request, reference: str):
    report = _own_report(request, reference)
    response = HttpResponse(documents.change_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="wijziging-{report.reference}.pdf"'
    return response


@require_POST
def logout(request):
    identification.identity_logout(request)
    request.session.pop(RECEIPTS_KEY, None)
    messages.success(request, "U bent uitgelogd.")
    return redirect("wijziging:start")
