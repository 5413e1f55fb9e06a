from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tracedesk.api"
    label = "api"
