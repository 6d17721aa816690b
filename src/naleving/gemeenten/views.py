"""Beheer › Gemeenten: the municipalities of the organisation, listed and edited by the beheerder."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from naleving.common.forms import add_validation_errors
from naleving.gemeenten import services
from naleving.gemeenten.forms import GemeenteForm
from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.selectors import gemeenten_all, organisation_name


def _need(request) -> None:
    if not request.user.has_perm(services.MANAGE):
        raise PermissionDenied


@login_required
def gemeente_list(request):
    _need(request)
    context = {"gemeenten": gemeenten_all(), "organisation": organisation_name()}
    return render(request, "gemeenten/list.html", context)


@login_required
def gemeente_create(request):
    return _edit(request, Gemeente())


@login_required
def gemeente_edit(request, pk: int):
    _need(request)
    return _edit(request, get_object_or_404(Gemeente, pk=pk))


def _edit(request, gemeente: Gemeente):
    _need(request)
    new = gemeente.pk is None
    form = GemeenteForm(request.POST or None, request.FILES or None, instance=gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.gemeente_save(
                actor=request.user, gemeente=form.instance, logo=form.cleaned_data["logo_upload"]
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Gemeente {saved.name} is {'toegevoegd' if new else 'opgeslagen'}.")
            return redirect("gemeenten:list")
    return render(request, "gemeenten/form.html", {"form": form, "gemeente": gemeente, "new": new})
