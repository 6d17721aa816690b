from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "naleving.investigations"
    label = "investigations"
