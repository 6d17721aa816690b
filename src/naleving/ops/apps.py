from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "naleving.ops"
    label = "ops"
    verbose_name = "Beheer en bewaking"
