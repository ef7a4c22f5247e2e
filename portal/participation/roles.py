"""Handler roles of the participation features, by permission (the groups 依申请公开办理 and
留言办理 hold these permissions; see setup.py)."""

from portal.core.permissions import has_permission

DISCLOSURE_HANDLERS = "依申请公开办理"
MESSAGE_HANDLERS = "留言办理"
HANDLER_GROUPS = (DISCLOSURE_HANDLERS, MESSAGE_HANDLERS)

HANDLE_APPLICATION = "participation.handle_application"
HANDLE_MESSAGE = "participation.handle_message"


def is_disclosure_handler(user):
    return has_permission(user, HANDLE_APPLICATION)


def is_message_handler(user):
    return has_permission(user, HANDLE_MESSAGE)
