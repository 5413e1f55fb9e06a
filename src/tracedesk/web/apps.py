from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tracedesk.web"
    label = "web"
