"""The 待办中心 page: everything waiting on the signed-in user (portal/desk/todo.py)."""

from django.template.response import TemplateResponse

from .todo import grouped, request_items


def todo_view(request):
    items = request_items(request)
    return TemplateResponse(
        request,
        "desk/admin/todo.html",
        {
            "page_title": "待办中心",
            "header_title": "待办中心",
            "header_icon": "tasks",
            "groups": grouped(items),
            "total": len(items),
            "overdue": sum(1 for item in items if item.overdue),
        },
    )
