"""The 待办中心's registry: what is waiting on a user, contributed by "todo sources".

A todo source is a callable ``source(user) -> iterable of TodoItem`` registered with the
Wagtail hook ``register_todo_source``::

    from wagtail import hooks

    @hooks.register("register_todo_source")
    def inspection_findings(user):
        if not has_permission(user, "inspection.view_finding"):
            return []
        return [TodoItem(kind="inspection", category="巡检问题", title=..., url=...)]

Each source checks on the server who may see what (by permission, portal/core/permissions.py)
and returns only items the user may act on. ``title`` and ``detail`` go into e-mails too: they
must never carry personal data beyond what the recipient may see (applications and messages
are named by tracking number only). The review, 依申请公开 and 留言 sources are in
portal/desk/sources.py.
"""

import logging
from dataclasses import dataclass

from wagtail import hooks

logger = logging.getLogger(__name__)

HOOK_NAME = "register_todo_source"


@dataclass
class TodoItem:
    kind: str  # "review", "application", "message", "inspection", ...
    category: str  # heading on the page and in mails, e.g. "稿件审核"
    title: str
    url: str  # admin path (relative)
    detail: str = ""  # e.g. "本单位审核 · 县财政局"
    since: object = None  # datetime the item started waiting
    due: object = None  # date it is due, if any
    due_text: str = ""  # e.g. "答复期限 2026-12-03（剩余2个工作日）"
    overdue: bool = False  # waiting too long or past its deadline: the overdue reminder
    sort_key: tuple = ()

    def mail_line(self):
        parts = [self.title]
        if self.detail:
            parts.append(self.detail)
        if self.due_text:
            parts.append(self.due_text)
        return "  ".join(parts)


def todo_sources():
    return list(hooks.get_hooks(HOOK_NAME))


def todo_items(user):
    """Everything waiting on ``user``, source by source (in the order they were registered),
    overdue items first within each."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    items = []
    for source in todo_sources():
        try:
            found = list(source(user) or [])
            # within a source: overdue first, then the source's own order
            found.sort(key=lambda item: (not item.overdue, item.sort_key))
        except Exception:  # noqa: BLE001 - one broken source must not hide the others
            logger.exception("todo source %r failed", source)
            continue
        items.extend(found)
    return items


def grouped(items):
    """[(category, [items])] in first-seen order."""
    groups = {}
    for item in items:
        groups.setdefault(item.category, []).append(item)
    return list(groups.items())


def request_items(request):
    """``todo_items`` for the request's user, computed once per request (the menu badge, the
    dashboard panel and the page all ask)."""
    cached = getattr(request, "_desk_todo_items", None)
    if cached is None:
        cached = todo_items(request.user)
        request._desk_todo_items = cached
    return cached
