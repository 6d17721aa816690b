"""Analyses: the filter register, runs over uploaded deliveries, bias reports, release and the
algoritmeregister entry. Analysts (controls.run_control) run and release; the FG (controls.approve_filter)
sees the bias report and counts, never the hit list, and approves; team leads (controls.view_register), who
own filters, read the register, the runs and their effectiveness."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from naleving.audit.edge import shows, shows_residents
from naleving.common.forms import add_validation_errors
from naleving.common.views import or_404
from naleving.controls import algoritmeregister, deliveries, filter_register, runs, selectors
from naleving.controls.charts import bias_bars, effectiveness_chart
from naleving.controls.forms import (
    DeliveryForm,
    ExplanationForm,
    FgApprovalForm,
    FilterApprovalForm,
    FilterUpdateForm,
)
from naleving.controls.models import Delivery, Filter, FilterStatus, Verdict
from naleving.controls.permissions import APPROVE_FILTER, READ_PERMISSIONS, RUN
from naleving.controls.presentation.bias import bias_rows
from naleving.controls.presentation.evidence import evidence_sections, parameters_nl
from naleving.controls.presentation.reasons import reasons_nl
from naleving.residents.selectors import residents_for_linking


def _reader(user) -> bool:
    """Who may read the register, the runs and their bias reports (the hits themselves: analysts only)."""
    return any(user.has_perm(perm) for perm in READ_PERMISSIONS)


def _need(request, perm=None):
    if not (request.user.has_perm(perm) if perm else _reader(request.user)):
        raise PermissionDenied


@login_required
def control_list(request):
    _need(request)
    filter_register.filters_sync()
    filters = selectors.filters_with_runs(request.user)
    runs = [run for f in filters for run in f.runs.all()]
    effects = selectors.runs_effectiveness(runs)
    for filter_ in filters:
        filter_.effect = selectors.total_effectiveness(effects[r.pk] for r in filter_.runs.all())
    deliveries = selectors.recent_deliveries(request.user)
    return render(
        request,
        "controls/list.html",
        {
            "filters": filters,
            "deliveries": deliveries,
            "can_run": request.user.has_perm(RUN),
        },
    )


def _history(filter_: Filter) -> list[dict]:
    """Approvals and changes of the filter, newest first, as lines for the page."""
    statuses = dict(FilterStatus.choices)
    users = {u.pk: u for u in filter_register.owner_candidates()}
    lines = [
        {
            "at": a.at,
            "who": a.approved_by,
            "what": f"Beoordeling FG: {a.get_decision_display().lower()}",
            "note": a.note,
        }
        for a in filter_.approvals.select_related("approved_by")
    ]
    for c in filter_.changes.select_related("changed_by"):
        parts = []
        if c.before.get("status") != c.after.get("status"):
            parts.append(
                f"status {statuses.get(c.before.get('status'), '–')} → {statuses.get(c.after.get('status'), '–')}"
            )
        if c.before.get("owner") != c.after.get("owner"):
            owner = users.get(c.after.get("owner"))
            parts.append(f"eigenaar → {(owner.get_full_name() or owner.username) if owner else 'niemand'}")
        lines.append(
            {"at": c.at, "who": c.changed_by, "what": "Gewijzigd: " + ", ".join(parts), "note": c.note}
        )
    return sorted(lines, key=lambda line: line["at"], reverse=True)


@login_required
def filter_detail(request, name):
    _need(request)
    filter_register.filters_sync()
    filter_ = or_404(selectors.filter_get, name=name)
    runs = list(selectors.filter_runs(request.user, filter_).order_by("reference_date", "created_at"))
    effects = selectors.runs_effectiveness(runs)
    rows = [{"run": run, "effect": effects[run.pk]} for run in runs]
    years = []
    for year in sorted({run.reference_date.year for run in runs}, reverse=True):
        of_year = [row for row in rows if row["run"].reference_date.year == year]
        years.append(
            {
                "year": year,
                "runs": len(of_year),
                "hits": sum(row["run"].hits_count for row in of_year),
                "flagged": sum(row["run"].verdict == Verdict.FLAG for row in of_year),
                "effect": selectors.total_effectiveness(row["effect"] for row in of_year),
            }
        )
    return render(
        request,
        "controls/filter_detail.html",
        {
            "filter": filter_,
            "rows": rows,
            "years": years,
            "total": selectors.total_effectiveness(effects.values()),
            "chart": effectiveness_chart(rows),
            "history": _history(filter_),
            "approval_form": FilterApprovalForm(),
            "update_form": FilterUpdateForm(initial={"owner": filter_.owner_id, "status": filter_.status}),
            "can_run": request.user.has_perm(RUN),
            "can_approve": request.user.has_perm(APPROVE_FILTER),
        },
    )


@login_required
@require_POST
def filter_approve(request, name):
    _need(request, APPROVE_FILTER)
    filter_ = or_404(selectors.filter_get, name=name)
    form = FilterApprovalForm(request.POST)
    if form.is_valid():
        filter_register.filter_approve(actor=request.user, filter_=filter_, **form.cleaned_data)
        messages.success(request, "Uw beoordeling van het filter is vastgelegd.")
    else:
        messages.error(request, "Kies goedkeuren of afwijzen.")
    return redirect("controls:filter_detail", name=name)


@login_required
@require_POST
def filter_update(request, name):
    _need(request, RUN)
    filter_ = or_404(selectors.filter_get, name=name)
    form = FilterUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("controls:filter_detail", name=name)
    try:
        filter_register.filter_update(actor=request.user, filter_=filter_, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Het filter is bijgewerkt.")
    return redirect("controls:filter_detail", name=name)


@login_required
def delivery_new(request, name=None):
    """Upload a delivery, choose the controls and their parameters; the run is queued."""
    _need(request, RUN)
    filters = [f for f in filter_register.filters_sync() if f.status != FilterStatus.BUITEN_GEBRUIK]
    if name and name not in {f.name for f in filters}:
        raise Http404("Onbekende of buiten gebruik gestelde themacontrole.")
    initial = {"controls": [name] if name else []}
    form = DeliveryForm(
        request.POST or None, request.FILES or None, filters=filters, initial=initial, actor=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            delivery = deliveries.delivery_submit(
                actor=request.user,
                files=form.delivery_files(),
                controls=data["controls"],
                reference_date=data["reference_date"],
                source=data["source"],
                delivery_date=data["delivery_date"],
                legal_basis=data["legal_basis"],
                params=data["params"],
                control_sample=data["control_sample"],
                seed=data["seed"],
                gemeente=form.chosen_gemeente(),
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            return redirect("controls:delivery_detail", pk=delivery.pk)
    return render(request, "controls/delivery_new.html", {"form": form, "filters": filters})


def _delivery_context(delivery: Delivery) -> dict:
    return {
        "delivery": delivery,
        "runs": delivery.runs.select_related("filter") if delivery.status == Delivery.Status.DONE else (),
        "titles": selectors.filter_titles(delivery.controls),
    }


@login_required
def delivery_detail(request, pk):
    """The delivery and its run's progress. htmx polls the status part every second until it ends."""
    _need(request, RUN)
    delivery = or_404(selectors.delivery_get, actor=request.user, delivery_id=pk)
    context = _delivery_context(delivery)
    if request.headers.get("HX-Request"):
        return render(request, "controls/_delivery_status.html", context)
    return render(request, "controls/delivery_detail.html", context)


@login_required
@require_POST
def delivery_cancel(request, pk):
    _need(request, RUN)
    delivery = or_404(selectors.delivery_get, actor=request.user, delivery_id=pk)
    try:
        deliveries.delivery_cancel(actor=request.user, delivery=delivery)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "De levering is geannuleerd en de bestanden zijn verwijderd.")
    return redirect(reverse("controls:delivery_detail", args=[pk]))


#: hits per page on the run's page (each with its reasons and evidence)
HITS_PER_PAGE = 50


@login_required
def run_detail(request, pk):
    _need(request)
    run = or_404(selectors.run_get, actor=request.user, run_id=pk)
    analyst = request.user.has_perm(RUN)
    bias = [{**row, "chart": bias_bars(row["label"], row)} for row in bias_rows(run.bias)]
    hits = None
    control_group = None
    page = None
    if analyst:
        # A page of hits at a time: a run of hundreds of hits with their evidence is one very long page.
        hit_list = (
            run.hits.filter(in_control_group=False).select_related("signal").order_by("client_id", "pk")
        )
        page = Paginator(hit_list, HITS_PER_PAGE).get_page(request.GET.get("page"))
        hits = [
            {
                "hit": hit,
                "reasons": reasons_nl(hit.reasons, hit.evidence, run.parameters),
                "evidence": evidence_sections(hit.evidence),
            }
            for hit in page
        ]
        control_group = list(run.hits.filter(in_control_group=True).select_related("signal"))
        _hits_shown(request, run, [row["hit"] for row in hits] + control_group)
    return render(
        request,
        "controls/run_detail.html",
        {
            "run": run,
            "bias": bias,
            "parameters": parameters_nl(run.parameters),
            "effect": selectors.runs_effectiveness([run])[run.pk],
            "analyst": analyst,
            "fg": request.user.has_perm(APPROVE_FILTER),
            "hits": hits,
            "page_obj": page,
            "hits_per_page": HITS_PER_PAGE,
            "control_group": control_group if analyst else None,
            # a flagged run, and one whose bias check could not be done, need the FG's approval
            "flagged": run.verdict in runs.NEEDS_FG,
            "blocker": runs.release_blocker(run),
            "explanation_form": ExplanationForm(initial={"explanation": run.explanation}),
            "fg_form": FgApprovalForm(),
        },
    )


def _hits_shown(request, run, hits) -> None:
    """The analyst sees every hit's BSN and evidence: logged per registered resident, and once for the run
    with the number of hits (hits whose BSN is no registered resident included)."""
    purpose = "Themacontrole: treffers en onderbouwing beoordelen (data-analist)"
    shows(request, code="control_run.hits_viewed", obj=run, purpose=purpose, after={"treffers": len(hits)})
    registered = residents_for_linking(bsns=[hit.bsn for hit in hits])
    shows_residents(
        request, (r.pk for r in registered.values()), purpose=purpose, code="control_run.hits_viewed"
    )


def _post_action(request, pk, perm, action, form_class, success):
    _need(request, perm)
    run = or_404(selectors.run_get, actor=request.user, run_id=pk)
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
        RUN,
        lambda run, d: runs.control_run_explain(actor=request.user, run=run, explanation=d["explanation"]),
        ExplanationForm,
        "De toelichting is vastgelegd; de FG kan de run nu beoordelen.",
    )


@login_required
@require_POST
def run_fg_approve(request, pk):
    return _post_action(
        request,
        pk,
        APPROVE_FILTER,
        lambda run, d: runs.control_run_fg_approve(actor=request.user, run=run, note=d["note"]),
        FgApprovalForm,
        "De run is goedgekeurd.",
    )


@login_required
@require_POST
def run_release(request, pk):
    return _post_action(
        request,
        pk,
        RUN,
        lambda run, d: runs.control_run_release(actor=request.user, run=run),
        None,
        lambda n: f"{n} signalen aangemaakt.",
    )


@login_required
def register_export(request, name):
    _need(request)
    filter_register.filters_sync()
    filter_ = or_404(selectors.filter_get, name=name)
    try:
        data = algoritmeregister.export(filter_, base_url=request.build_absolute_uri("/"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("controls:filter_detail", name=filter_.name)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="algoritmeregister-{filter_.name}.json"'
    return response
