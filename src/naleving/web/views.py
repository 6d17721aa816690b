"""The home page (Mijn werk: the to-dos of the user's role) and the pages under "Meer"."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from naleving.decisions.parameters import parameter_warning
from naleving.ruleset.permissions import PROPOSE
from naleving.web.mijn_werk import quick_links, todos_for


@login_required
def home(request):
    # Only the functioneel beheerder, who proposes new amounts, is warned ahead; other roles meet a missing
    # amount when their decision needs it (refused on the date field).
    warning = parameter_warning() if request.user.has_perm(PROPOSE) else None
    context = {
        "todos": todos_for(request.user, today=timezone.localdate()),
        "quick_links": quick_links(request.user),
        "parameter_warning": warning,
    }
    return render(request, "web/home.html", context)


@login_required
def more(request):
    """The pages that do not fit in the menu bar (``context_processors.navigation_items``)."""
    return render(request, "web/more.html")
