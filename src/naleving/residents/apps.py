from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "naleving.residents"
    label = "residents"
