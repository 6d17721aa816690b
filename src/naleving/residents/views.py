"""Resident list, and registering residents and benefits. The resident's page is the dossier's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from naleving.common.forms import add_validation_errors
from naleving.common.views import ScopedListView, or_404
from naleving.residents import selectors, services
from naleving.residents.filters import ResidentFilter
from naleving.residents.forms import BenefitForm, ResidentForm
from naleving.residents.permissions import ADD, CHANGE, VIEW_PERMISSIONS
from naleving.residents.reads import resident_shown, residents_searched


class ResidentListView(ScopedListView):
    template_name = "residents/list.html"
    filterset_class = ResidentFilter
    permissions = VIEW_PERMISSIONS

    def get_queryset(self):
        return selectors.resident_search(actor=self.request.user, query=self.request.GET.get("q", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        residents_searched(self.request, query=self.request.GET.urlencode(), count=context["paginator"].count)
        return context


@login_required
@permission_required(ADD, raise_exception=True)
def resident_create(request):
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data, consulent=request.user)
        try:
            resident = services.resident_create(actor=request.user, **fields)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{resident.full_name} is geregistreerd.")
            return redirect("residents:detail", pk=resident.pk)
    return render(request, "residents/form.html", {"form": form, "title": "Inwoner registreren"})


@login_required
@permission_required(CHANGE, raise_exception=True)
def benefit_create(request, pk: int):
    resident = or_404(selectors.resident_get, actor=request.user, resident_id=pk)
    resident_shown(request, resident, purpose="Uitkering vastleggen")
    form = BenefitForm(
        request.POST or None,
        initial={"household_type": resident.household_type, "kostendelers": resident.kostendelers},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_create(actor=request.user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "De uitkering is vastgelegd.")
            return redirect("residents:detail", pk=resident.pk)
    return render(
        request,
        "residents/form.html",
        {"form": form, "title": f"Uitkering vastleggen voor {resident.full_name}", "resident": resident},
    )
