from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from . import creation


@hooks.register("before_create_page")
def create_each_form_once(request, parent_page, page_class):
    return creation.create_once(request)


@hooks.register("after_create_page")
def record_created_page(request, page):
    creation.record(request, page)


@hooks.register("insert_editor_js")
def page_creation_token_js():
    return format_html('<script src="{}"></script>', static("js/admin/page-creation.js"))
