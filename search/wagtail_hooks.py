from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchTerm


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


@hooks.register("portal_attachment_text")
def attachment_text(documents):
    """Answer BasePage.search_attachment_text(): the text of these documents."""
    from .attachments import documents_text

    return documents_text(documents)
