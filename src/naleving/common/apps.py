from django.apps import AppConfig


class CommonConfig(AppConfig):
    """An app only so that Django finds the shared template includes and the ``naleving`` tag library."""

    name = "naleving.common"
    label = "common"
