"""The home page (Mijn werk: the to-dos of the user's role) and the pages under "Meer"."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from naleving.common.paging import kept_for_user
from naleving.decisions.parameters import parameter_warning
from naleving.ruleset.permissions import PROPOSE
from naleving.web.mijn_werk import quick_links, todos_for


@login_required
def home(request):
    # Only the functioneel beheerder, who proposes new amounts, is warned ahead; other roles meet a missing
    # amount when their decision needs it (refused on the date field).
    warning = parameter_warning() if request.user.has_perm(PROPOSE) else None
    user, today = request.user, timezone.localdate()
    # The counts of the to-dos are kept for a minute, like the lists' counts (ADR 0027): the lists behind
    # them are read fresh. His own changes, and changes to his roles or municipalities, forget them at once.
    what = repr(("todos", today.isoformat(), sorted(user.get_all_permissions()), user.is_superuser))
    context = {
        "todos": kept_for_user(user.pk, what, lambda: todos_for(user, today=today)),
        "quick_links": quick_links(request.user),
        "parameter_warning": warning,
    }
    return render(request, "web/home.html", context)


@login_required
def more(request):
    """The pages that do not fit in the menu bar (``context_processors.navigation_items``)."""
    return render(request, "web/more.html")
