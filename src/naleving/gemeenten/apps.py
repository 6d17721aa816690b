from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class GemeentenConfig(AppConfig):
    name = "naleving.gemeenten"
    label = "gemeenten"
    verbose_name = "Gemeenten"

    def ready(self) -> None:
        from naleving.gemeenten.selectors import header_forget

        for model_name in ("Gemeente", "Organisation"):
            model = self.get_model(model_name)
            for signal in (post_save, post_delete):
                signal.connect(
                    header_forget, sender=model, dispatch_uid=f"naleving.header.{model_name}.{signal}"
                )
