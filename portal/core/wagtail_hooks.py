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


# --- 站群: per-site settings --------------------------------------------------------------
def _site_settings_guard(view):
    """Wagtail lets whoever may change a site setting change it for every site; a site's
    people may change their own sites' settings only (forged site ids answer 404)."""
    from functools import wraps

    from django.http import Http404

    from .sites import site_ids_for_user

    @wraps(view)
    def guarded(request, app_name, model_name, pk, *args, **kwargs):
        from django.apps import apps
        from wagtail.contrib.settings.models import BaseSiteSetting

        try:
            model = apps.get_model(app_name, model_name)
        except LookupError:
            raise Http404 from None
        if issubclass(model, BaseSiteSetting) and pk not in site_ids_for_user(request.user):
            raise Http404
        return view(request, *args, app_name=app_name, model_name=model_name, pk=pk, **kwargs)

    return guarded


def _site_settings_redirect(request, app_name, model_name):
    """/admin/settings/core/siteidentity/: the request's site when it is the user's, else the
    first of the user's sites."""
    from django.shortcuts import redirect
    from wagtail.contrib.settings import views as settings_views
    from wagtail.models import Site

    from .sites import sites_for_user

    site = Site.find_for_request(request)
    mine = sites_for_user(request.user)
    if site is not None and mine.filter(pk=site.pk).exists():
        return settings_views.redirect_to_relevant_instance(request, app_name, model_name)
    first = mine.order_by("pk").first()
    if first is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return redirect("wagtailsettings:edit", app_name, model_name, first.pk)


@hooks.register("register_admin_urls", order=-100)
def site_settings_urls():
    from wagtail.contrib.settings import views as settings_views

    return [
        path("settings/<slug:app_name>/<slug:model_name>/", _site_settings_redirect),
        path(
            "settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
            _site_settings_guard(settings_views.EditView.as_view()),
        ),
        path(
            "settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/",
            _site_settings_guard(settings_views.PreviewOnEdit.as_view()),
        ),
    ]


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" type
def site_relative_page_links(features):
    """Internal rich text links relative on their own site (portal/core/routing.py)."""
    from .routing import SiteRelativePageLinkHandler

    features.register_link_type(SiteRelativePageLinkHandler)
