"""Requests no view should see."""

from django.http.multipartparser import MultiPartParserError

from .views import bad_request

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

NUL_MESSAGE = "请求中含有非法字符（空字符），无法处理。请检查网址或输入的内容。"


def has_nul(request):
    """Whether the path, query string, cookies or a form field hold a NUL character.

    PostgreSQL text cannot hold NUL (0x00): such a value reaching a query ends in a
    DataError (500) in whatever middleware or view looks it up first. No legitimate
    request carries one, so it is refused before any of them runs.
    """
    if "\x00" in request.path or "\x00" in request.path_info:
        return True
    query = request.META.get("QUERY_STRING", "")
    if "%00" in query or "\x00" in query:
        return True
    if any("\x00" in k or "\x00" in v for k, v in request.COOKIES.items()):
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        # parsed here as CsrfViewMiddleware would parse it next (files are not read)
        for key, values in request.POST.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                return True
    return False


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = has_nul(request)
        except MultiPartParserError:
            return bad_request(request, message="请求格式有误，无法处理。")
        if refused:
            return bad_request(request, message=NUL_MESSAGE)
        return self.get_response(request)
