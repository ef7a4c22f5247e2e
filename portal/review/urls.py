"""Admin URLs that replace Wagtail's own (included before the admin in portal/urls.py):
deleting or unpublishing a live page goes through 撤稿, and synced translations are never
published without review (portal/review/permissions.py)."""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from . import views

urlpatterns = []

admin_overrides = [
    path(
        "admin/pages/<int:page_id>/delete/",
        require_admin_access(views.delete_page_guard),
        name="review_delete_guard",
    ),
    path(
        "admin/pages/<int:page_id>/unpublish/",
        require_admin_access(views.unpublish_guard),
        name="review_unpublish_guard",
    ),
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(views.update_translations_guard),
        name="review_update_translations_guard",
    ),
]
