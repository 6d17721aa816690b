from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "naleving.decisions"
    label = "decisions"

    def ready(self):
        from naleving.decisions import checks  # noqa: F401  (registers the parameter check)
