"""The teamleider assigns the investigations ticked on the list to one handhaver (``bulk``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from naleving.investigations.bulk import investigations_assign_bulk
from naleving.investigations.permissions import ASSIGN
from naleving.investigations.selectors import handhavers_for


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@login_required
@require_POST
def investigations_bulk_assign(request):
    if not request.user.has_perm(ASSIGN):
        raise PermissionDenied
    # back to the list with its filters (only a query string, after a fixed path); on its first page, since
    # the assigned investigations may have left a filter such as "Niet toegewezen"
    back = QueryDict(request.POST.get("terug", ""), mutable=True)
    back.pop("page", None)
    url = reverse("investigations:list") + (f"?{back.urlencode()}" if back else "")
    handhaver_id = request.POST.get("handhaver", "")
    handhaver = (
        handhavers_for(request.user).filter(pk=handhaver_id).first() if handhaver_id.isdigit() else None
    )
    try:
        assigned = investigations_assign_bulk(
            actor=request.user, investigation_ids=_ids(request.POST.getlist("onderzoek")), handhaver=handhaver
        )
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
        return redirect(url)
    count = len(assigned)
    what = "1 onderzoek is" if count == 1 else f"{count} onderzoeken zijn"
    messages.success(request, f"{what} toegewezen aan {handhaver.display_name}.")
    return redirect(url)
