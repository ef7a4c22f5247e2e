"""Wagtail's users app with the portal's site-scoped people admin (portal/core/site_admin.py)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.core.site_admin.SiteUserViewSet"
