"""The proxy check of a filter (controls.proxy): its page with the association of each input with district,
age band, sex and household type, "Proxycontrole uitvoeren" (analyst), the analyst's justification and the
FG's decision. The tables hold counts only, no resident is shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from naleving.analytics.proxy import BINS, THRESHOLD
from naleving.common.views import or_404
from naleving.controls import filter_register, proxy, selectors
from naleving.controls.forms import ProxyFgForm, ProxyJustificationForm
from naleving.controls.permissions import APPROVE_FILTER, READ_PERMISSIONS, RUN
from naleving.controls.presentation.proxy import proxy_rows


def _need(request, perm=None) -> None:
    allowed = request.user.has_perm(perm) if perm else any(request.user.has_perm(p) for p in READ_PERMISSIONS)
    if not allowed:
        raise PermissionDenied


@login_required
def proxy_check_detail(request, name):
    _need(request)
    filter_register.filters_sync()
    filter_ = or_404(selectors.filter_get, name=name)
    check = proxy.latest_check(filter_)
    return render(
        request,
        "controls/proxy_check.html",
        {
            "filter": filter_,
            "check": check,
            "rows": proxy_rows(check.report) if check else [],
            "flagged_text": proxy.flagged_text(check) if check else "",
            "blocker": proxy.proxy_blocker(filter_),
            "history": filter_.proxy_checks.select_related("justified_by", "fg_approved_by")[:20],
            "threshold": THRESHOLD,
            "bins": BINS,
            "can_run": request.user.has_perm(RUN),
            "can_approve": request.user.has_perm(APPROVE_FILTER),
            "justification_form": ProxyJustificationForm(
                initial={"justification": check.justification if check else ""}
            ),
            "fg_form": ProxyFgForm(),
        },
    )


def _done(request, name, action, success):
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("controls:proxy_check", name=name)


@login_required
@require_POST
def proxy_check_run(request, name):
    _need(request, RUN)
    filter_ = or_404(selectors.filter_get, name=name)
    return _done(
        request,
        name,
        lambda: proxy.proxy_check_run(actor=request.user, filter_=filter_),
        "De proxycontrole is uitgevoerd op de laatste levering.",
    )


@login_required
@require_POST
def proxy_check_justify(request, pk):
    _need(request, RUN)
    check = or_404(proxy.proxy_check_get, check_id=pk)
    form = ProxyJustificationForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("controls:proxy_check", name=check.filter.name)
    return _done(
        request,
        check.filter.name,
        lambda: proxy.proxy_check_justify(
            actor=request.user, check=check, justification=form.cleaned_data["justification"]
        ),
        "De verantwoording is vastgelegd; de FG kan haar nu beoordelen.",
    )


@login_required
@require_POST
def proxy_check_fg(request, pk):
    _need(request, APPROVE_FILTER)
    check = or_404(proxy.proxy_check_get, check_id=pk)
    form = ProxyFgForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("controls:proxy_check", name=check.filter.name)
    approved = form.cleaned_data["decision"] == "approved"
    return _done(
        request,
        check.filter.name,
        lambda: proxy.proxy_check_fg_decide(
            actor=request.user, check=check, approved=approved, note=form.cleaned_data["note"]
        ),
        "De verantwoording is goedgekeurd."
        if approved
        else "Uw afwijzing van de verantwoording is vastgelegd.",
    )
