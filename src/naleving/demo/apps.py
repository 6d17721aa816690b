from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "naleving.demo"
    label = "demo"
    verbose_name = "Demogemeente"
