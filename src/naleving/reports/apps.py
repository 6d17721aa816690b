from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "naleving.reports"
    label = "reports"
