from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "naleving.web"
    label = "web"
