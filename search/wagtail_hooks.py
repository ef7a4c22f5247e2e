from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ApprovedSearchTerm, HiddenSearchTerm, SearchTerm, Synonym


# --- rows of the whole platform or of one site (站群) ------------------------------------
def may_change(user, obj):
    """A platform-wide row (no site) is the platform administrators'; a site's row belongs
    to the people of that site (``sites_for_user``)."""
    from portal.core.sites import is_platform_admin, site_ids_for_user

    if obj.site_id is None:
        return is_platform_admin(user)
    return obj.site_id in site_ids_for_user(user)


class SiteScopedObjectMixin:
    """Edit and delete: another site's row (or, for a site administrator, a platform-wide
    one) is refused, also by a forged id."""

    def get_object(self, queryset=None):
        from django.core.exceptions import PermissionDenied

        obj = super().get_object(queryset)
        if not may_change(self.request.user, obj):
            raise PermissionDenied
        return obj


class SiteScopedFormMixin:
    """The form offers only the user's own sites; only a platform administrator may leave
    the site empty (platform-wide)."""

    def get_form(self, form_class=None):
        from portal.core.sites import is_platform_admin, sites_for_user

        form = super().get_form(form_class)
        field = form.fields.get("site")
        if field is not None:
            field.queryset = sites_for_user(self.request.user)
            if not is_platform_admin(self.request.user):
                field.required = True
                field.empty_label = None
            else:
                field.empty_label = "全平台"
        return form


def site_scoped_views():
    from wagtail.snippets.views import snippets as views

    class CreateView(SiteScopedFormMixin, views.CreateView):
        pass

    class EditView(SiteScopedObjectMixin, SiteScopedFormMixin, views.EditView):
        pass

    class DeleteView(SiteScopedObjectMixin, views.DeleteView):
        pass

    return CreateView, EditView, DeleteView


class SiteScopedViewSet(SnippetViewSet):
    """Lists the platform-wide rows and those of the user's sites; see ``may_change``."""

    add_view_class, edit_view_class, delete_view_class = site_scoped_views()
    list_filter = ["site"]

    def get_queryset(self, request):
        from django.db.models import Q

        from portal.core.sites import sites_for_user

        return self.model.objects.filter(
            Q(site__isnull=True) | Q(site__in=sites_for_user(request.user))
        ).select_related("site")


class SearchTermViewSet(SnippetViewSet):
    model = SearchTerm
    icon = "search"
    menu_label = "搜索词典"
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]
    search_backend_name = None  # not in the search index: filter in the database


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
    search_backend_name = None


register_snippet(HiddenSearchTermViewSet)


class SynonymViewSet(SiteScopedViewSet):
    """同义词与简称: expanded at query time on every backend (search/synonyms.py)."""

    model = Synonym
    icon = "list-ul"
    menu_label = "同义词"
    menu_order = 902
    add_to_settings_menu = True
    list_display = ["words", "direction", "scope", "note", "updated_at"]
    list_filter = ["two_way", "site"]
    search_fields = ["words", "note"]
    search_backend_name = None


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
    search_backend_name = None


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
