"""Withdrawn pages (撤稿) answer 410 Gone with a Chinese notice instead of a bare 404."""

from django.template.response import TemplateResponse


def _candidates(path):
    path = path or "/"
    stripped = path.rstrip("/")
    return {path, stripped + "/", stripped or "/"}


class WithdrawnPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        if request.path.startswith(("/admin/", "/static/", "/media/", "/documents/")):
            return response
        from .models import WithdrawnPage

        withdrawn = (
            WithdrawnPage.objects.filter(path__in=_candidates(request.path))
            .order_by("-withdrawn_at")
            .first()
        )
        if withdrawn is None:
            return response
        gone = TemplateResponse(
            request, "review/withdrawn.html", {"withdrawn": withdrawn}, status=410
        )
        gone.render()
        return gone
