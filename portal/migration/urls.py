"""Mounted at /api/ (portal/urls.py): the read-only Wagtail API v2 at /api/v2/."""

from django.urls import path

from .api import api_router

urlpatterns = [
    path("v2/", api_router.urls),
]
