from django.urls import path

from tracedesk.web import views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
]
