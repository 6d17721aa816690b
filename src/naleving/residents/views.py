"""Resident list, and registering residents and benefits. The resident's page is the dossier's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from naleving.audit.edge import shows
from naleving.common.forms import add_validation_errors
from naleving.common.views import ScopedListView, or_404
from naleving.residents import selectors, services
from naleving.residents.filters import ResidentFilter
from naleving.residents.forms import BenefitForm, RegistratieverzoekHandleForm, ResidentForm
from naleving.residents.permissions import ADD, CHANGE, HANDLE_REQUESTS, VIEW_PERMISSIONS
from naleving.residents.reads import resident_shown, residents_searched


class ResidentListView(ScopedListView):
    template_name = "residents/list.html"
    filterset_class = ResidentFilter
    permissions = VIEW_PERMISSIONS
    list_purpose = "Inwoners in de werkvoorraad"

    def resident_id_of(self, obj) -> int | None:
        return obj.pk

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
    in_own_work = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data, consulent=request.user)
        try:
            outcome = services.resident_register(actor=request.user, **fields)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            if outcome.registered:
                messages.success(request, f"{outcome.registered.full_name} is geregistreerd.")
                return redirect("residents:detail", pk=outcome.registered.pk)
            if outcome.request:
                messages.success(request, services.REGISTRATION_REQUESTED_MESSAGE)
                return redirect("residents:list")
            in_own_work = outcome.in_own_work
            resident_shown(request, in_own_work, purpose="Registratie: BSN staat al in eigen werkvoorraad")
    context = {"form": form, "title": "Inwoner registreren", "in_own_work": in_own_work}
    return render(request, "residents/form.html", context)


@login_required
@permission_required(HANDLE_REQUESTS, raise_exception=True)
def registratieverzoeken(request):
    """The teamleider's open registratieverzoeken: who asked, what was typed, where the BSN is known."""
    requests = list(selectors.registratieverzoeken_open(request.user))
    for item in requests:
        shows(
            request,
            code="resident.viewed",
            obj=item.resident,
            resident_id=item.resident_id,
            purpose="Registratieverzoek afhandelen (teamleider)",
        )
    # One form per request, each with its own prefix, so the field ids on the page stay unique.
    rows = [(item, RegistratieverzoekHandleForm(prefix=f"verzoek-{item.pk}")) for item in requests]
    return render(request, "residents/registratieverzoeken.html", {"rows": rows})


@login_required
@permission_required(HANDLE_REQUESTS, raise_exception=True)
@require_POST
def registratieverzoek_handle(request, pk: int):
    item = or_404(selectors.registratieverzoek_get, actor=request.user, request_id=pk)
    form = RegistratieverzoekHandleForm(request.POST, prefix=f"verzoek-{item.pk}")
    if form.is_valid():
        try:
            services.registratieverzoek_handle(
                actor=request.user, request=item, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Het registratieverzoek is afgehandeld.")
    else:
        messages.error(request, "Schrijf op wat u met het verzoek hebt gedaan.")
    return redirect("residents:requests")


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
