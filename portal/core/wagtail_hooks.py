"""Admin hooks of the core app: one page per creation form; no links to wagtail.org (English
guides on another host)."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import creation
from .wordimport import views as wordimport_views

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


@hooks.register("register_admin_urls")
def word_import_urls():
    return [
        path("word-import/<int:page_id>/", wordimport_views.import_view, name="word_import"),
        path("word-import/new/<int:parent_id>/", wordimport_views.new_view, name="word_new"),
    ]


@hooks.register("register_page_header_buttons")
def word_import_button(page, user, view_name, next_url=None):
    if view_name == "edit" and wordimport_views.can_import(user, page):
        yield Button(
            "从 Word 导入正文",
            reverse("word_import", args=[page.pk]),
            icon_name="doc-full",
            priority=5,
        )
    yield from word_new_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def word_new_button(page, user, next_url=None):
    if wordimport_views.can_create_from_word(user, page):
        yield Button(
            "从 Word 新建", reverse("word_new", args=[page.pk]), icon_name="doc-full", priority=9
        )
