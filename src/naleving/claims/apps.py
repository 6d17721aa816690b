from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "naleving.claims"
    label = "claims"
