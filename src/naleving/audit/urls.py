"""The audit log's own page. The FG's two questions about residents and employees are mounted in the same
``audit`` namespace under /auditlog/ from ``dossier.audit_urls`` (see ``naleving.urls``), because they show
masked BSNs, which the audit log on its low floor does not import."""

from django.urls import path

from naleving.audit import views

app_name = "audit"
urlpatterns = [path("", views.search, name="search")]
