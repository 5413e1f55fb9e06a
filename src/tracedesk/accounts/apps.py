from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tracedesk.accounts"
    label = "accounts"
