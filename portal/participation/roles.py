"""Handler groups of the participation features."""

DISCLOSURE_HANDLERS = "依申请公开办理"
MESSAGE_HANDLERS = "留言办理"
HANDLER_GROUPS = (DISCLOSURE_HANDLERS, MESSAGE_HANDLERS)


def in_group(user, *groups):
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=groups).exists()


def is_disclosure_handler(user):
    return in_group(user, DISCLOSURE_HANDLERS)


def is_message_handler(user):
    return in_group(user, MESSAGE_HANDLERS)
