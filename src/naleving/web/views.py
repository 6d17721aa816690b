"""The home page: an overview per role."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.decisions.parameters import parameter_warning
from naleving.ruleset.permissions import PROPOSE
from naleving.web.overview import overview_cards


@login_required
def home(request):
    # Only the functioneel beheerder, who proposes new amounts, is warned ahead; other roles meet a missing
    # amount when their decision needs it (refused on the date field).
    warning = parameter_warning() if request.user.has_perm(PROPOSE) else None
    context = {"cards": overview_cards(request.user), "parameter_warning": warning}
    return render(request, "web/home.html", context)
