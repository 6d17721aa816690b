from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "naleving.decisions"
    label = "decisions"
