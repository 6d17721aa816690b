"""The privacy officer's search of the audit log: who saw which resident, when and why."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from naleving.audit.forms import AuditSearchForm
from naleving.audit.permissions import VIEW_EVENTS
from naleving.audit.selectors import audit_events_for
from naleving.audit.services import audit_record


@login_required
@permission_required(VIEW_EVENTS, raise_exception=True)
def search(request):
    from naleving.residents.models import Resident

    form = AuditSearchForm(request.GET or None)
    page = None
    residents = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        resident_ids = (
            list(Resident.objects.filter(bsn=data["bsn"]).values_list("pk", flat=True))
            if data["bsn"]
            else None
        )
        events = audit_events_for(
            actor=request.user,
            resident_ids=resident_ids,
            username=data["username"],
            code=data["code"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
        page = Paginator(events, 50).get_page(request.GET.get("page"))
        ids = {e.resident_id for e in page if e.resident_id}
        residents = {r.pk: r.masked_bsn for r in Resident.objects.filter(pk__in=ids).only("pk", "bsn")}
        audit_record(
            actor=request.user,
            code="audit.searched",
            purpose="Toezicht op gegevensgebruik (FG)",
            after={k: str(v) for k, v in data.items() if v},
        )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "audit/search.html",
        {"form": form, "page_obj": page, "residents": residents, "query_string": params.urlencode()},
    )
