from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "naleving.api"
    label = "api"
