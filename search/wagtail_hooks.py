from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HiddenSearchTerm, SearchTerm, Synonym


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


class HiddenSearchTermViewSet(SnippetViewSet):
    """Moderation of 热门搜索: an administrator hides a term."""

    model = HiddenSearchTerm
    icon = "view"
    menu_label = "热门搜索屏蔽词"
    menu_order = 901
    add_to_settings_menu = True
    list_display = ["query", "note", "created_at"]
    search_fields = ["query", "note"]
    search_backend_name = None


register_snippet(HiddenSearchTermViewSet)


class SynonymViewSet(SnippetViewSet):
    """同义词与简称: expanded at query time on every backend (search/synonyms.py)."""

    model = Synonym
    icon = "list-ul"
    menu_label = "同义词"
    menu_order = 902
    add_to_settings_menu = True
    list_display = ["words", "two_way", "note", "updated_at"]
    list_filter = ["two_way"]
    search_fields = ["words", "note"]
    search_backend_name = None


register_snippet(SynonymViewSet)


@hooks.register("portal_attachment_text")
def attachment_text(documents):
    """Answer BasePage.search_attachment_text(): the text of these documents."""
    from .attachments import documents_text

    return documents_text(documents)
