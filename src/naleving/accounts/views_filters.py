"""A user's saved filters: the overview of his own, saving the current filters of a list, deleting one.

Which lists take saved filters follows from the URL name: a list view with a ``filterset_class`` and
``permissions`` (``common.views.ScopedListView``). Whoever may open the list may save its filters.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.views.decorators.http import require_POST

from naleving.accounts.models import SavedFilter
from naleving.accounts.saved_filters import (
    filter_query,
    saved_filter_delete,
    saved_filter_save,
    saved_filters_all,
)

#: the lists' names on the overview page (a list not named here shows its URL name)
LIST_TITLES = {
    "residents:list": "Inwoners",
    "signals:list": "Signalen",
    "investigations:list": "Onderzoeken",
    "decisions:list": "Besluiten",
    "claims:list": "Vorderingen",
    "prevention:list": "Preventie",
    "audit:search": "Auditlog",
}


def _list_view(list_name: str):
    """The class-based list view behind a URL name, or None when it is no list with filters."""
    try:
        view = resolve(reverse(list_name)).func
    except (NoReverseMatch, Resolver404):
        return None
    view_class = getattr(view, "view_class", None)
    if getattr(view_class, "filterset_class", None) is None or not hasattr(view_class, "permissions"):
        return None
    return view_class


def _may_open(user, view_class) -> bool:
    return any(user.has_perm(p) for p in view_class.permissions)


@login_required
def saved_filter_overview(request):
    """The user's own saved filters, per list, each with its link and a delete button."""
    rows = [
        {
            "filter": f,
            "url": f"{reverse(f.list_name)}?{f.query}",
            "list": LIST_TITLES.get(f.list_name, f.list_name),
        }
        for f in saved_filters_all(request.user)
        if _list_view(f.list_name) is not None
    ]
    return render(request, "accounts/saved_filters.html", {"rows": rows})


@login_required
@require_POST
def saved_filter_create(request):
    list_name = request.POST.get("list", "")
    view_class = _list_view(list_name)
    if view_class is None:
        raise Http404("Niet gevonden")
    if not _may_open(request.user, view_class):
        raise PermissionDenied
    allowed = set(view_class.filterset_class.base_filters)
    query = request.POST.get("query", "")
    try:
        saved = saved_filter_save(
            actor=request.user,
            list_name=list_name,
            name=request.POST.get("name", ""),
            query=query,
            allowed=allowed,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        back = filter_query(query, allowed)
        return redirect(reverse(list_name) + (f"?{back}" if back else ""))
    messages.success(request, f"Het filter '{saved.name}' is bewaard.")
    return redirect(reverse(list_name) + f"?{saved.query}")


@login_required
@require_POST
def saved_filter_remove(request, pk: int):
    try:
        saved = saved_filter_delete(actor=request.user, saved_filter_id=pk)
    except SavedFilter.DoesNotExist:
        raise Http404("Niet gevonden") from None
    messages.success(request, f"Het filter '{saved.name}' is verwijderd.")
    if request.POST.get("terug") == "overzicht":
        return redirect("accounts:saved_filters")
    return redirect(reverse(saved.list_name))
