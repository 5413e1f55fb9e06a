from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tracedesk.core"
    label = "core"
