"""Error pages and the health endpoint."""

from django.db import connection
from django.http import JsonResponse
from django.template.response import TemplateResponse


def health(request):
    """Liveness and database reachability, for monitoring (no personal data)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        db_ok = True
    except Exception:  # pragma: no cover - reported, not raised
        db_ok = False
    return JsonResponse(
        {"status": "ok" if db_ok else "error", "database": db_ok}, status=200 if db_ok else 503
    )


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", status=404)


def server_error(request):
    from django.http import HttpResponseServerError
    from django.template import loader

    # No context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def bad_request(request, exception=None, message=None):
    """400 in Chinese. Standalone (no context processors, no database): the request may
    hold what the database cannot take."""
    from django.http import HttpResponseBadRequest
    from django.template import loader

    message = message or "请求有误，无法处理。请检查网址或输入的内容。"
    return HttpResponseBadRequest(loader.get_template("400.html").render({"message": message}))
