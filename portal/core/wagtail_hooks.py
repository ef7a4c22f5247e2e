"""Admin hooks of the core app: one page per creation form; no links to wagtail.org (English
guides on another host)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from . import creation

#: help-menu items that open the English Wagtail guide on guide.wagtail.org
EXTERNAL_HELP_ITEMS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("before_create_page")
def create_each_form_once(request, parent_page, page_class):
    return creation.create_once(request)


@hooks.register("after_create_page")
def record_created_page(request, page):
    creation.record(request, page)


@hooks.register("insert_editor_js")
def page_creation_token_js():
    return format_html('<script src="{}"></script>', static("js/admin/page-creation.js"))


@hooks.register("construct_help_menu")
def drop_external_help_links(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(EXTERNAL_HELP_ITEMS)]
