from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "naleving.prevention"
    label = "prevention"
