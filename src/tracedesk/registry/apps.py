from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "tracedesk.registry"
    label = "registry"
