from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.claims.filters import VorderingFilter
from naleving.claims.selectors import vordering_get, vorderingen_visible_to
from naleving.web.views import ScopedListView


class VorderingListView(ScopedListView):
    template_name = "claims/list.html"
    filterset_class = VorderingFilter
    permissions = ("claims.view_vordering",)
    selector = staticmethod(vorderingen_visible_to)


@login_required
def vordering_detail(request, pk: int):
    vordering = vordering_get(actor=request.user, vordering_id=pk)
    context = {
        "vordering": vordering,
        "aflossingen": vordering.aflossingen.all(),
        "remaining": vordering.amount - vordering.paid,
    }
    return render(request, "claims/detail.html", context)
