from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "tracedesk.intake"
    label = "intake"
    verbose_name = "Intake"
