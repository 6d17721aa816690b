from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The shared template includes and the ``naleving`` tag library; and the faster choice labels."""

    name = "naleving.common"
    label = "common"

    def ready(self) -> None:
        from naleving.common import choices

        choices.install()
