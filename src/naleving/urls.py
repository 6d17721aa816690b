from django.contrib import admin
from django.urls import include, path

from naleving.audit import urls as audit_urls
from naleving.dossier import audit_urls as dossier_audit_urls
from naleving.dossier import urls as dossier_urls
from naleving.residents import urls as residents_urls

urlpatterns = [
    path("", include("naleving.web.urls")),
    # The operator's probes and metrics (issue #25): /gezondheid/live, /gezondheid/ready, /metrics.
    path("", include("naleving.ops.urls")),
    path("account/", include("naleving.accounts.urls")),
    # The resident register and the resident file (dossier) share one namespace: `residents:detail` is the file.
    path("inwoners/", include(([*residents_urls.urlpatterns, *dossier_urls.urlpatterns], "residents"))),
    path("signalen/", include("naleving.signals.urls")),
    path("melden/", include("naleving.signals.public_urls")),
    path("wijziging-doorgeven/", include("naleving.prevention.public_urls")),
    path("onderzoeken/", include("naleving.investigations.urls")),
    path("besluiten/", include("naleving.decisions.urls")),
    path("vorderingen/", include("naleving.claims.urls")),
    path("preventie/", include("naleving.prevention.urls")),
    path("analyses/", include("naleving.controls.urls")),
    path("algoritmes/", include("naleving.controls.public_urls")),
    path("rapportages/", include("naleving.reports.urls")),
    # The audit log's search and the FG's questions about a resident or an employee (dossier, which may
    # show masked BSNs) share one namespace.
    path("auditlog/", include(([*audit_urls.urlpatterns, *dossier_audit_urls.urlpatterns], "audit"))),
    path("api/", include("naleving.api.urls")),
    # Before the Django admin, which would otherwise take every path under /beheer/.
    path("beheer/wettelijke-bedragen/", include("naleving.ruleset.urls")),
    path("beheer/gebruikers/", include("naleving.accounts.beheer_urls")),
    path("beheer/gemeenten/", include("naleving.gemeenten.urls")),
    path("beheer/bewaartermijnen/", include("naleving.retention.urls")),
    path("beheer/", admin.site.urls),
]

# Our own Dutch pages (web/templates/4xx.html, 500.html), rendered without database or request context;
# the 500 page shows the request id as reference (web/errors.py).
handler400 = "naleving.web.errors.bad_request"
handler403 = "naleving.web.errors.permission_denied"
handler404 = "naleving.web.errors.page_not_found"
handler500 = "naleving.web.errors.server_error"
