from django.template.response import TemplateResponse


def search(request):
    """Placeholder: replaced by the Chinese search feature (issue: search)."""
    return TemplateResponse(request, "search/search.html", {"query": request.GET.get("q", "")})
