"""The FG's two questions to the audit log, mounted in the ``audit`` namespace under /auditlog/ (see
``naleving.urls``), next to the audit log's own search, so ``audit`` imports no app above it."""

from django.urls import path

from naleving.dossier import views_audit

urlpatterns = [
    path("inwoner/", views_audit.resident_history, name="resident_history"),
    path("medewerker/", views_audit.employee_history, name="employee_history"),
    path("inzageverzoek/", views_audit.inzage_request, name="inzage_request"),
]
