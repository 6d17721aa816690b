from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "naleving.claims"
    label = "claims"

    def ready(self):
        from naleving.claims import checks  # noqa: F401  (registers the payment account check)
