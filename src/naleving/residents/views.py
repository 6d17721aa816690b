"""Resident list, and registering residents and benefits. The resident's page is the dossier's."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from naleving.audit.edge import shows
from naleving.common.forms import add_validation_errors
from naleving.common.people import person_beyond_name
from naleving.common.views import ScopedListView, or_404
from naleving.residents import selectors, services
from naleving.residents.filters import ResidentFilter
from naleving.residents.forms import BenefitForm, RegistratieverzoekHandleForm, ResidentForm
from naleving.residents.permissions import ADD, CHANGE, HANDLE_REQUESTS, VIEW_PERMISSIONS
from naleving.residents.reads import contains_bsn, resident_shown, residents_searched

#: the session's recent searches of the resident list: opaque key → search term (newest last)
SEARCHES = "residents.searches"
SEARCHES_KEPT = 20
BSN_IN_ADDRESS = (
    "Een BSN hoort niet in de adresregel: er is niet op gezocht. Gebruik het zoekveld hieronder; "
    "dat stuurt het BSN mee in het formulier, niet in het adres."
)
SEARCH_EXPIRED = "Deze zoekopdracht is verlopen. Zoek opnieuw."


def _remember_search(session, term: str) -> str:
    """Keep ``term`` in the session under a fresh opaque key; the key, not the term, goes into the URL."""
    searches = dict(session.get(SEARCHES, {}))
    key = secrets.token_urlsafe(12)
    searches[key] = term
    session[SEARCHES] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return key


class ResidentListView(ScopedListView):
    """The residents in the actor's work queue, searchable by name, BSN or postcode.

    The search form posts, so a BSN travels in the request body and never in a URL (browser history,
    access logs, Referer headers). The post keeps the term in the session under an opaque key and
    redirects to ``?zoek=<key>``, so the result pages can be paginated, reloaded and bookmarked within the
    session. The other filters (district, household type) are no personal data and stay in the URL.
    """

    template_name = "residents/list.html"
    filterset_class = ResidentFilter
    permissions = VIEW_PERMISSIONS
    list_purpose = "Inwoners in de werkvoorraad"
    #: the consulent by name only; of the resident what the table shows (no contact details, no dates of change)
    joined = ("consulent",)
    not_listed = person_beyond_name("consulent")
    shown = (
        *("first_names", "prefix", "family_name", "needs_extra_support", "bsn", "birth_date", "district"),
        *("street", "house_number", "house_number_suffix", "postcode", "city", "consulent"),
    )

    def resident_id_of(self, obj) -> int | None:
        return obj.pk

    def post(self, request, *args, **kwargs):
        params = QueryDict(mutable=True)
        for name in ResidentFilter.base_filters:
            value = request.POST.get(name, "").strip()
            if value and name != "q":
                params[name] = value
        term = request.POST.get("q", "").strip()
        if term:
            params["zoek"] = _remember_search(request.session, term)
        url = reverse("residents:list")
        return redirect(f"{url}?{params.urlencode()}" if params else url)

    def search_term(self) -> str:
        """The search term: from the session (``?zoek=<key>``), or a name or postcode in ``?q=``."""
        if not hasattr(self, "_term"):
            self._term = ""
            key = self.request.GET.get("zoek", "")
            if key:
                self._term = self.request.session.get(SEARCHES, {}).get(key, "")
                if not self._term:
                    messages.info(self.request, SEARCH_EXPIRED)
            elif contains_bsn(self.request.GET.get("q", "")):
                messages.warning(self.request, BSN_IN_ADDRESS)
            else:
                self._term = self.request.GET.get("q", "").strip()
        return self._term

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if self.request.GET:
            data = self.request.GET.copy()
            data.pop("zoek", None)
            data["q"] = self.search_term()
            kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        # counted, and a deep page's ids found, with a handhaver's residents looked up by their ids; the first
        # pages as they are (``first_pages_queryset``; common.sets.ids_looked_up says why)
        actor = self.request.user
        return self.listed(
            selectors.resident_search(
                actor=actor, query=self.search_term(), looked_up=selectors.only_investigated(actor)
            )
        )

    def keeps_page_starts(self) -> bool | None:
        # a handhaver's deep page by number looks up every resident of his before it (his page 40 on the
        # bench: 19 ms, his first page 14.5 ms); a caseload's walks one index (common.paging)
        return selectors.only_investigated(self.request.user) or None

    def pages_by_ids_within(self) -> bool:
        # a handhaver's scope is tested per resident in name order: the ids from the name index first
        return selectors.only_investigated(self.request.user)

    def first_pages_queryset(self):
        # a handhaver's first pages, and a page read on from its "Volgende" link, walk the residents in name
        # order and test each against his investigations hashed once (common.sets.in_hashed_set)
        actor = self.request.user
        if not selectors.only_investigated(actor):
            return None
        return selectors.resident_search(actor=actor, query=self.search_term(), walked=True)

    def rows_again_queryset(self):
        # a page's 25 rows read by their ids: each tested against his investigations on its own
        actor = self.request.user
        if not selectors.only_investigated(actor):
            return None
        return selectors.resident_search(actor=actor, query=self.search_term())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if contains_bsn(self.request.GET.get("q", "")):
            # the pagination links must not carry it on
            params = self.request.GET.copy()
            params.pop("q")
            params.pop("page", None)
            context["query_string"] = params.urlencode()
        terms = {k: v for k, v in self.request.GET.items() if k not in ("page", "zoek", "q")}
        residents_searched(
            self.request, terms={"q": self.search_term(), **terms}, count=context["paginator"].count
        )
        return context


@login_required
@permission_required(ADD, raise_exception=True)
def resident_create(request):
    form = ResidentForm(request.POST or None, actor=request.user)
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
