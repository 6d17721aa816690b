"""Analyses: the filter register, runs over uploaded deliveries, bias reports, release and the
algoritmeregister entry. Analysts (controls.run_control) run and release; the FG (controls.approve_filter)
sees the bias report and counts, never the hit list, and approves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from naleving import analytics
from naleving.controls import register, services
from naleving.controls.charts import bias_bars, runs_chart
from naleving.controls.forms import ExplanationForm, FgApprovalForm, FilterApprovalForm, RunUploadForm
from naleving.controls.models import ControlRun, Filter, Verdict


def _reader(user) -> bool:
    return user.has_perm("controls.run_control") or user.has_perm("controls.approve_filter")


def _need(request, perm=None):
    if not (request.user.has_perm(perm) if perm else _reader(request.user)):
        raise PermissionDenied


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def control_list(request):
    _need(request)
    services.filters_sync()
    filters = Filter.objects.select_related("owner").prefetch_related("approvals", "runs")
    return render(request, "controls/list.html", {"filters": filters})


@login_required
def filter_detail(request, name):
    _need(request)
    services.filters_sync()
    filter_ = get_object_or_404(Filter, name=name)
    runs = list(filter_.runs.order_by("reference_date", "created_at"))
    return render(
        request,
        "controls/filter_detail.html",
        {
            "filter": filter_,
            "runs": runs,
            "chart": runs_chart(runs),
            "approvals": filter_.approvals.select_related("approved_by"),
            "approval_form": FilterApprovalForm(),
            "can_run": request.user.has_perm("controls.run_control"),
            "can_approve": request.user.has_perm("controls.approve_filter"),
        },
    )


@login_required
@require_POST
def filter_approve(request, name):
    _need(request, "controls.approve_filter")
    filter_ = get_object_or_404(Filter, name=name)
    form = FilterApprovalForm(request.POST)
    if form.is_valid():
        services.filter_approve(actor=request.user, filter_=filter_, **form.cleaned_data)
        messages.success(request, "Uw beoordeling van het filter is vastgelegd.")
    else:
        messages.error(request, "Kies goedkeuren of afwijzen.")
    return redirect("controls:filter_detail", name=name)


@login_required
def run_upload(request, name):
    _need(request, "controls.run_control")
    services.filters_sync()
    filter_ = get_object_or_404(Filter, name=name)
    needed = tuple(analytics.CONTROLS[name].data_used) if name in analytics.CONTROLS else ()
    form = RunUploadForm(request.POST or None, request.FILES or None, files_needed=needed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.control_run_upload(
                actor=request.user,
                files=form.delivery_files(),
                control=name,
                reference_date=data["reference_date"],
                source=data["source"],
                delivery_date=data["delivery_date"],
                legal_basis=data["legal_basis"],
                params=data["params"],
                control_sample=data["control_sample"],
                seed=data["seed"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"De controle is gedraaid: {run.hits_count} treffers.")
            return redirect("controls:run_detail", pk=run.pk)
    return render(request, "controls/run_upload.html", {"filter": filter_, "form": form})


@login_required
def run_detail(request, pk):
    _need(request)
    run = get_object_or_404(
        ControlRun.objects.select_related("filter", "created_by", "fg_approved_by"), pk=pk
    )
    analyst = request.user.has_perm("controls.run_control")
    bias = [
        {"attribute": attribute, **section, "chart": bias_bars(attribute, section)}
        for attribute, section in run.bias.items()
    ]
    return render(
        request,
        "controls/run_detail.html",
        {
            "run": run,
            "bias": bias,
            "analyst": analyst,
            "fg": request.user.has_perm("controls.approve_filter"),
            "hits": run.hits.filter(in_control_group=False) if analyst else None,
            "control_group": run.hits.filter(in_control_group=True) if analyst else None,
            "flagged": run.verdict == Verdict.FLAG,
            "blocker": services.release_blocker(run),
            "explanation_form": ExplanationForm(initial={"explanation": run.explanation}),
            "fg_form": FgApprovalForm(),
        },
    )


def _post_action(request, pk, perm, action, form_class, success):
    _need(request, perm)
    run = get_object_or_404(ControlRun, pk=pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("controls:run_detail", pk=pk)
    try:
        result = action(run, form.cleaned_data if form else {})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect("controls:run_detail", pk=pk)


@login_required
@require_POST
def run_explain(request, pk):
    return _post_action(
        request,
        pk,
        "controls.run_control",
        lambda run, d: services.control_run_explain(
            actor=request.user, run=run, explanation=d["explanation"]
        ),
        ExplanationForm,
        "De toelichting is vastgelegd; de FG kan de run nu beoordelen.",
    )


@login_required
@require_POST
def run_fg_approve(request, pk):
    return _post_action(
        request,
        pk,
        "controls.approve_filter",
        lambda run, d: services.control_run_fg_approve(actor=request.user, run=run, note=d["note"]),
        FgApprovalForm,
        "De run is goedgekeurd.",
    )


@login_required
@require_POST
def run_release(request, pk):
    return _post_action(
        request,
        pk,
        "controls.run_control",
        lambda run, d: services.control_run_release(actor=request.user, run=run),
        None,
        lambda n: f"{n} signalen aangemaakt.",
    )


@login_required
def register_export(request, name):
    _need(request)
    services.filters_sync()
    filter_ = get_object_or_404(Filter, name=name)
    response = JsonResponse(register.entry(filter_), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="algoritmeregister-{filter_.name}.json"'
    return response


def public_filter(request, name):
    """For residents: what the filter does, which data, that a person always assesses, and the latest bias
    verdicts. No personal data."""
    services.filters_sync()
    filter_ = get_object_or_404(Filter, name=name)
    runs = filter_.runs.order_by("-reference_date", "-created_at")[:5]
    return render(
        request,
        "controls/public_filter.html",
        {"filter": filter_, "runs": runs, "entry": register.entry(filter_)},
    )
