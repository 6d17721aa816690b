from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "naleving.signals"
    label = "signals"
