"""Claim pages: the list, a claim with its repayment plan, and registering payments, waivers and write-offs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from naleving.claims import services
from naleving.claims.filters import VorderingFilter
from naleving.claims.forms import AflossingForm, WaiveForm, WriteOffForm
from naleving.claims.models import ClaimStatus
from naleving.claims.permissions import MANAGE, VIEW
from naleving.claims.selectors import draagkracht_room, vordering_get, vordering_plan, vorderingen_visible_to
from naleving.common.forms import add_validation_errors
from naleving.common.views import ScopedListView, or_404
from naleving.residents.reads import case_shown


class VorderingListView(ScopedListView):
    template_name = "claims/list.html"
    filterset_class = VorderingFilter
    permissions = (VIEW,)
    selector = staticmethod(vorderingen_visible_to)
    list_purpose = "Vorderingen in de werkvoorraad"


@login_required
def vordering_detail(request, pk: int):
    vordering = or_404(vordering_get, actor=request.user, vordering_id=pk)
    case_shown(request, vordering, vordering.resident, code="claim.viewed")
    context = {
        "vordering": vordering,
        "aflossingen": vordering.aflossingen.select_related("registered_by"),
        "plan": vordering_plan(vordering),
        "draagkracht": draagkracht_room(besluit=vordering.besluit, excluding=vordering)
        if vordering.besluit_id and vordering.status == ClaimStatus.OPEN
        else None,
        "can_manage": vordering.status == ClaimStatus.OPEN and request.user.has_perm(MANAGE),
    }
    return render(request, "claims/detail.html", context)


def _action(request, pk: int, *, form_class, title: str, submit: str, done: str, call, initial=None):
    """One claim action: a form page (works without JavaScript) whose valid POST calls one service."""
    vordering = or_404(vordering_get, actor=request.user, vordering_id=pk)
    if vordering.status != ClaimStatus.OPEN:
        messages.error(request, "Deze vordering is niet meer open.")
        return redirect("claims:detail", pk=vordering.pk)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            call(vordering, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("claims:detail", pk=vordering.pk)
    case_shown(
        request, vordering, vordering.resident, code="claim.viewed", purpose=f"{title} (invorderingsbeheer)"
    )
    remaining = vordering.amount - vordering.paid
    context = {"vordering": vordering, "form": form, "title": title, "submit": submit, "remaining": remaining}
    return render(request, "claims/action.html", context)


@login_required
@permission_required(MANAGE, raise_exception=True)
def aflossing_register(request, pk: int):
    return _action(
        request,
        pk,
        form_class=AflossingForm,
        title="Aflossing registreren",
        submit="Aflossing registreren",
        done="De aflossing is geregistreerd.",
        initial={"paid_on": timezone.localdate()},
        call=lambda v, **data: services.aflossing_register(actor=request.user, vordering=v, **data),
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def vordering_waive(request, pk: int):
    return _action(
        request,
        pk,
        form_class=WaiveForm,
        title="Vordering kwijtschelden",
        submit="Kwijtschelden",
        done="De vordering is kwijtgescholden.",
        call=lambda v, **data: services.vordering_waive(actor=request.user, vordering=v, **data),
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def vordering_write_off(request, pk: int):
    return _action(
        request,
        pk,
        form_class=WriteOffForm,
        title="Vordering afboeken (oninbaar)",
        submit="Afboeken",
        done="De vordering is afgeboekt.",
        call=lambda v, **data: services.vordering_write_off(actor=request.user, vordering=v, **data),
    )
