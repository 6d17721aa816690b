from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "naleving.accounts"
    label = "accounts"
