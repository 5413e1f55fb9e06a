from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tracedesk.api.api import api

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("tracing/", include("tracedesk.tracing.urls")),
    path("intake/", include("tracedesk.intake.urls")),
    path("", include("tracedesk.registry.urls")),
    path("", include("tracedesk.web.urls")),
]
