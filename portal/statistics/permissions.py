"""Who may see the statistics and enter the yearly figures: whoever holds
``statistics.view_statistics`` (the 站点管理员 group is granted it by bootstrap_portal)."""

from wagtail.permission_policies import ModelPermissionPolicy

from portal.core.permissions import has_permission

VIEW_STATISTICS = "statistics.view_statistics"


def can_view_statistics(user):
    return has_permission(user, VIEW_STATISTICS)


class StatisticsPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus full access for whoever may see the statistics."""

    def user_has_permission(self, user, action):
        return can_view_statistics(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return can_view_statistics(user) or super().user_has_any_permission(user, actions)
