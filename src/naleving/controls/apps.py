from django.apps import AppConfig


class ControlsConfig(AppConfig):
    name = "naleving.controls"
    label = "controls"
