from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from naleving.reports.selectors import organisation_overview


@login_required
def overview(request):
    this_year = date.today().year
    try:
        year = int(request.GET.get("jaar", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year)
    tables = organisation_overview(actor=request.user, year=year)
    context = {
        "year": year,
        "years": range(this_year, this_year - 5, -1),
        "tables": tables,
        "suppressed": not request.user.has_perm("reports.view_unsuppressed"),
    }
    return render(request, "reports/overview.html", context)
