"""``ensure_participation(home)``: the participation handler groups, idempotently.

Called from ``home.bootstrap.Bootstrapper.run()``. Creates the groups 依申请公开办理 and
留言办理 with access to the Wagtail admin; the disclosure handlers may edit the working-day
overrides. Existing groups and their other permissions are left as they are.
"""

from django.contrib.auth.models import Permission

from .roles import DISCLOSURE_HANDLERS, MESSAGE_HANDLERS

GROUP_PERMISSIONS = {
    DISCLOSURE_HANDLERS: (
        ("wagtailadmin", "access_admin"),
        ("participation", "handle_application"),
        ("participation", "add_calendaroverride"),
        ("participation", "change_calendaroverride"),
        ("participation", "delete_calendaroverride"),
        ("participation", "view_calendaroverride"),
        ("participation", "add_holidaynotice"),
        ("participation", "change_holidaynotice"),
        ("participation", "view_holidaynotice"),
    ),
    MESSAGE_HANDLERS: (
        ("wagtailadmin", "access_admin"),
        ("participation", "handle_message"),
    ),
}


def ensure_participation(home=None, log=None, site=None):
    """The handler groups of ``site`` (named with its prefix: each site's applications and
    messages are handled by its own people)."""
    from portal.core.sites import site_group

    created = []
    for base, permissions in GROUP_PERMISSIONS.items():
        group, was_created = site_group(site, base)
        name = group.name
        for app_label, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
        if was_created:
            created.append(name)
            if log is not None:
                log(f"创建用户组 {name}")
    return created
