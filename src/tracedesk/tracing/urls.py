from django.urls import path

app_name = "tracing"
urlpatterns: list = []
