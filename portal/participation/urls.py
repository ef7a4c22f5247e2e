from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("status/", views.status_lookup, name="status_lookup"),
    path("status/<str:tracking_number>/", views.status, name="status"),
    path("messages/", views.message_list, name="message_list"),
    path("messages/new/", views.message_new, name="message_new"),
    path("messages/<str:tracking_number>/", views.message_detail, name="message_detail"),
]
