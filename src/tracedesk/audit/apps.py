from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tracedesk.audit"
    label = "audit"
