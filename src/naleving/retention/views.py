"""Beheer › Bewaartermijnen: the destruction lists with their items and reasons, the approvals (FG and
archivaris, never the proposer), the execution (beheerder) and the certificates.

The pages show record numbers and dossier numbers, never a name or a BSN; viewing a list is logged.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from naleving.audit.edge import shows
from naleving.common.views import or_404
from naleving.retention import permissions as perms
from naleving.retention import selectors, services
from naleving.retention.terms import RECORD_TYPES, terms_load


def _need(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


@login_required
def list_index(request):
    _need(request, perms.VIEW)
    terms = terms_load()
    return render(
        request,
        "retention/index.html",
        {
            "lists": selectors.destruction_lists(),
            "terms": terms.terms,
            "terms_version": terms.version,
            "can_propose": request.user.has_perm(perms.PROPOSE),
        },
    )


@login_required
@require_POST
def list_propose(request):
    _need(request, perms.PROPOSE)
    dlist = services.destruction_list_propose(request.user, on=timezone.localdate())
    messages.success(request, f"Vernietigingslijst opgesteld met {dlist.items.count()} regels.")
    return redirect("retention:detail", dlist.pk)


@login_required
def list_detail(request, pk: int):
    _need(request, perms.VIEW)
    dlist = or_404(selectors.destruction_list_get, list_id=pk)
    shows(request, code="retention.list_viewed", obj=dlist, purpose="Vernietigingslijst beoordelen")
    user = request.user
    concept = dlist.status == "concept"
    not_proposer = dlist.proposed_by_id != user.pk
    return render(
        request,
        "retention/detail.html",
        {
            "list": dlist,
            "items": dlist.items.all(),
            "labels": {key: label for key, (label, _event) in RECORD_TYPES.items()},
            "can_approve_fg": concept
            and not_proposer
            and user.has_perm(perms.APPROVE_FG)
            and not dlist.fg_approved_at,
            "can_approve_archivist": concept
            and not_proposer
            and user.has_perm(perms.APPROVE_ARCHIVIST)
            and not dlist.archivist_approved_at,
            "can_execute": dlist.status == "goedgekeurd" and user.has_perm(perms.PROPOSE),
        },
    )


@login_required
@require_POST
def list_approve(request, pk: int):
    as_role = request.POST.get("als", "")
    permission = {"fg": perms.APPROVE_FG, "archivaris": perms.APPROVE_ARCHIVIST}.get(as_role)
    if permission is None:
        raise PermissionDenied
    _need(request, permission)
    dlist = or_404(selectors.destruction_list_get, list_id=pk)
    try:
        services.destruction_list_approve(request.user, destruction_list=dlist, as_role=as_role)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Uw goedkeuring is vastgelegd.")
    return redirect("retention:detail", pk)


@login_required
@require_POST
def list_execute(request, pk: int):
    _need(request, perms.PROPOSE)
    dlist = or_404(selectors.destruction_list_get, list_id=pk)
    try:
        certificate = services.destruction_list_execute(
            request.user, destruction_list=dlist, on=timezone.localdate()
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("retention:detail", pk)
    messages.success(request, "De vernietiging is uitgevoerd; de verklaring van vernietiging is opgemaakt.")
    return redirect("retention:certificate", certificate.pk)


@login_required
def certificate_list(request):
    _need(request, perms.VIEW)
    return render(request, "retention/certificates.html", {"certificates": selectors.certificates()})


@login_required
def certificate_detail(request, pk: int):
    _need(request, perms.VIEW)
    certificate = or_404(selectors.certificate_get, certificate_id=pk)
    labels = {key: label for key, (label, _event) in RECORD_TYPES.items()}
    counts = [(labels.get(key, key), n) for key, n in certificate.counts.items()]
    return render(request, "retention/certificate.html", {"certificate": certificate, "counts": counts})
