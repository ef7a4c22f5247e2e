"""Who may see the statistics and enter the yearly figures: superusers, the 站点管理员 group,
and anyone granted ``statistics.view_statistics``."""

from wagtail.permission_policies import ModelPermissionPolicy

from portal.core.roles import SITE_ADMINS


def can_view_statistics(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.has_perm("statistics.view_statistics"):
        return True
    return user.groups.filter(name=SITE_ADMINS).exists()


class StatisticsPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus full access for whoever may see the statistics."""

    def user_has_permission(self, user, action):
        return can_view_statistics(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return can_view_statistics(user) or super().user_has_any_permission(user, actions)
