from django.urls import path

from tracedesk.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.draft_queue, name="draft_queue"),
    path("runs/", views.ingest_runs, name="ingest_runs"),
    path("drafts/<uuid:pk>/", views.draft_detail, name="draft_detail"),
    path("drafts/<uuid:pk>/accept/", views.draft_accept, name="draft_accept"),
    path("drafts/<uuid:pk>/merge/", views.draft_merge, name="draft_merge"),
    path("drafts/<uuid:pk>/reject/", views.draft_reject, name="draft_reject"),
]
