from django.apps import AppConfig


class GemeentenConfig(AppConfig):
    name = "naleving.gemeenten"
    label = "gemeenten"
    verbose_name = "Gemeenten"
