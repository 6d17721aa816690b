"""Staff intake: registering a signal from a colleague or chain partner, and importing IB files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from naleving.common.forms import add_validation_errors
from naleving.common.views import or_404
from naleving.residents.reads import resident_shown
from naleving.residents.selectors import resident_get
from naleving.signals import services
from naleving.signals.intake_forms import IBImportForm, SignalForm, chosen_gemeente
from naleving.signals.selectors import import_batches_recent

# Service field -> form field, where they differ.
_FORM_FIELD = {"subject_bsn": "bsn"}
#: the query parameter naming the resident a signal is about (their id: a BSN never goes in a URL)
RESIDENT_PARAMETER = "inwoner"


def _named_resident(request):
    """The resident ``?inwoner=<id>`` names, read through the actor's scope and logged; None without the
    parameter. Someone the user may not see is "not found" (404), as on the resident's own page."""
    value = request.GET.get(RESIDENT_PARAMETER)
    if not value:
        return None
    resident = or_404(resident_get, actor=request.user, resident_id=value)
    resident_shown(request, resident, purpose="Signaal registreren over de inwoner")
    return resident


@login_required
@permission_required("signals.add_signal", raise_exception=True)
def signal_create(request):
    """The form, blank or, from the resident's page, with the resident's BSN filled in (``?inwoner=``); the
    BSN then goes through the same checks as a typed one."""
    resident = _named_resident(request)
    initial = {"received_on": timezone.localdate()}
    if resident is not None:
        initial["bsn"] = resident.bsn
    form = SignalForm(request.POST or None, initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signal = services.signal_register(
                actor=request.user,
                origin=data["origin"],
                kind=data["kind"],
                received_on=data["received_on"],
                description=data["description"],
                subject_bsn=data["bsn"],
                subject_name=data["subject_name"],
                subject_address=data["subject_address"],
                external_reference=data["external_reference"],
                gemeente=chosen_gemeente(form),
            )
        except ValidationError as exc:
            add_validation_errors(form, exc, _FORM_FIELD)
        else:
            # The same words and the same page whether or not the BSN matched a resident, and whether or
            # not the user may see that resident: the registrant always sees the signal (issue #14), and
            # the page shows a resident outside their scope as it shows an unlinked signal.
            messages.success(request, "Signaal geregistreerd.")
            return redirect("signals:detail", pk=signal.pk)
    return render(request, "signals/signal_form.html", {"form": form, "resident": resident})


@login_required
@permission_required("signals.triage_signal", raise_exception=True)
def signal_import(request):
    form = IBImportForm(request.POST or None, request.FILES or None, actor=request.user)
    result, errors = None, []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.ib_import(
                actor=request.user,
                filename=upload.name,
                content=upload.read(),
                gemeente=chosen_gemeente(form),
            )
        except services.IBImportError as exc:
            errors = exc.row_errors
    context = {
        "form": form,
        "result": result,
        "errors": errors,
        "batches": import_batches_recent(request.user),
    }
    return render(request, "signals/import.html", context)
