from django.apps import AppConfig


class RulesetConfig(AppConfig):
    name = "naleving.ruleset"
    label = "ruleset"
    verbose_name = "Wettelijke bedragen en beleidsprofielen"
