from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "naleving.audit"
    label = "audit"
