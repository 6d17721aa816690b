from django.apps import AppConfig


class DossierConfig(AppConfig):
    name = "naleving.dossier"
    label = "dossier"
    verbose_name = "Inwonerdossier"
