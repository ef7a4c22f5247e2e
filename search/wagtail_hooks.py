from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.site_admin import SiteRowsViewSetMixin

from .models import ApprovedSearchTerm, HiddenSearchTerm, SearchTerm, Synonym


class SiteScopedViewSet(SiteRowsViewSetMixin, SnippetViewSet):
    """Rows of the whole platform or of one site (站群): the platform-wide rows and those
    of the user's sites are listed; another site's row is not found, a platform-wide one
    is a platform administrator's to change (portal/core/site_admin.py)."""

    # no filter by site: its choices would name every site of the platform
    search_backend_name = None  # not in the search index: filtered in the database


class SearchTermViewSet(SiteScopedViewSet):
    """搜索词典: the platform's words and each site's own."""

    model = SearchTerm
    icon = "search"
    menu_label = "搜索词典"
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["word", "scope", "note", "created_at"]
    search_fields = ["word", "note"]


register_snippet(SearchTermViewSet)


class HiddenSearchTermViewSet(SiteScopedViewSet):
    """Moderation of 热门搜索: an administrator hides a term."""

    model = HiddenSearchTerm
    icon = "view"
    menu_label = "热门搜索屏蔽词"
    menu_order = 901
    add_to_settings_menu = True
    list_display = ["query", "scope", "note", "created_at"]
    search_fields = ["query", "note"]


register_snippet(HiddenSearchTermViewSet)


class SynonymViewSet(SiteScopedViewSet):
    """同义词与简称: expanded at query time on every backend (search/synonyms.py)."""

    model = Synonym
    icon = "list-ul"
    menu_label = "同义词"
    menu_order = 902
    add_to_settings_menu = True
    list_display = ["words", "direction", "scope", "note", "updated_at"]
    list_filter = ["two_way"]
    search_fields = ["words", "note"]


register_snippet(SynonymViewSet)


class ApprovedSearchTermViewSet(SiteScopedViewSet):
    """热门搜索 allow-list (search/popular.py)."""

    model = ApprovedSearchTerm
    icon = "tick"
    menu_label = "热门搜索白名单"
    menu_order = 903
    add_to_settings_menu = True
    list_display = ["query", "scope", "approved_by", "created_at"]
    search_fields = ["query", "note"]


register_snippet(ApprovedSearchTermViewSet)


@hooks.register("register_admin_urls")
def popular_review_urls():
    from .admin_views import review

    return [path("popular-searches/", review, name="portal_search_popular_review")]


class PopularReviewMenuItem(MenuItem):
    def is_shown(self, request):
        from portal.core.permissions import has_permission

        from .admin_views import PERMISSION

        return has_permission(request.user, PERMISSION)


@hooks.register("register_settings_menu_item")
def popular_review_menu_item():
    return PopularReviewMenuItem(
        "热门搜索审核", reverse("portal_search_popular_review"), icon_name="view", order=904
    )


@hooks.register("portal_attachment_text")
def attachment_text(documents):
    """Answer BasePage.search_attachment_text(): the text of these documents."""
    from .attachments import documents_text

    return documents_text(documents)
