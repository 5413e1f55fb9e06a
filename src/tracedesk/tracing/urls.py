from django.urls import path

from tracedesk.tracing import views

app_name = "tracing"
urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("new/", views.request_create, name="request_create"),
    path("<uuid:pk>/", views.request_detail, name="request_detail"),
    path("<uuid:pk>/edit/", views.request_edit, name="request_edit"),
    path("<uuid:pk>/status/", views.request_status, name="request_status"),
    path("<uuid:pk>/assign/", views.request_assign, name="request_assign"),
    path("<uuid:pk>/disclose/", views.request_disclose, name="request_disclose"),
    path("<uuid:pk>/inquiries/new/", views.inquiry_create, name="inquiry_create"),
    path("inquiries/<uuid:pk>/edit/", views.inquiry_edit, name="inquiry_edit"),
    path("<uuid:pk>/candidates/search/", views.candidates_search, name="candidates_search"),
    path("candidates/<uuid:pk>/judge/", views.candidate_judge, name="candidate_judge"),
]
