from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "naleving.retention"
    label = "retention"
    verbose_name = "Bewaartermijnen en vernietiging"
