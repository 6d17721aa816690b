"""Referrals to partners (schuldhulp, Wmo, wijkteam, sociaal raadslieden) with a warm hand-over and their
follow-up, and the referrals the decision engine suggests after a breach."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from naleving.audit.edge import shows, shows_residents
from naleving.common.forms import add_validation_errors
from naleving.common.views import or_404
from naleving.prevention import selectors, services
from naleving.prevention.forms import ReferralForm, ReferralStatusForm
from naleving.prevention.models import Partner
from naleving.prevention.permissions import REFER, VIEW
from naleving.residents.reads import resident_shown
from naleving.residents.selectors import resident_get


@login_required
@permission_required(VIEW, raise_exception=True)
def referral_list(request):
    referrals = selectors.referrals_visible_to(request.user).order_by("-referred_on", "-id")
    open_referrals = [r for r in referrals if r.status in ("verwezen", "in_behandeling")]
    closed_referrals = [r for r in referrals if r.status not in ("verwezen", "in_behandeling")][:50]
    suggestions = selectors.suggested_referrals(request.user)
    shows_residents(
        request,
        [
            *(r.resident_id for r in [*open_referrals, *closed_referrals]),
            *(s.resident.pk for s in suggestions),
        ],
        purpose="Verwijzingen naar partners (werkvoorraad)",
    )
    return render(
        request,
        "prevention/referral_list.html",
        {
            "open_referrals": open_referrals,
            "closed_referrals": closed_referrals,
            "suggestions": suggestions,
        },
    )


@login_required
@permission_required(REFER, raise_exception=True)
def referral_create(request, pk: int):
    resident = or_404(resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident, purpose="Verwijzen naar een partner")
    initial = {}
    if request.GET.get("partner") in Partner.values:
        initial["partner"] = request.GET["partner"]
    form = ReferralForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                actor=request.user, resident=resident, referred_on=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, f"{resident.full_name} is verwezen naar {referral.get_partner_display()}."
            )
            return redirect("prevention:referral_detail", pk=referral.pk)
    return render(request, "prevention/referral_form.html", {"form": form, "resident": resident})


@login_required
@permission_required(VIEW, raise_exception=True)
def referral_detail(request, pk: int):
    referral = or_404(selectors.referral_get, actor=request.user, referral_id=pk)
    shows(
        request,
        code="resident.viewed",
        obj=referral,
        resident_id=referral.resident_id,
        purpose="Verwijzing naar partner bekijken",
    )
    can_update = request.user.has_perm(REFER)
    if request.method == "POST" and not can_update:
        raise PermissionDenied
    form = (
        ReferralStatusForm(request.POST or None, initial={"status": referral.status}) if can_update else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.referral_status_update(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"De status is nu: {referral.get_status_display().lower()}.")
            return redirect("prevention:referral_detail", pk=referral.pk)
    return render(request, "prevention/referral_detail.html", {"referral": referral, "form": form})
