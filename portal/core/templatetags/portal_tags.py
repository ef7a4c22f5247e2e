"""Template tags shared by every public template."""

import re

from django import template
from django.utils import timezone, translation
from wagtail.models import Locale, Site

from portal.core.cache import cached_fragment
from portal.core.ui_text import translate

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level columns shown in the menu, for the current site (one query, cached per
    request)."""
    request = context.get("request")
    cache = getattr(request, "_portal_main_menu", None) if request else None
    if cache is not None:
        return cache
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None) or 0

    def build():
        root = site.root_page
        if locale_id and locale_id != root.locale_id:
            root = root.get_translation_or_none(page.locale) or root
        return list(
            root.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth", "locale_id")
        )

    items = cached_fragment(f"menu:{site.pk}:{locale_id}", build)
    if request is not None:
        request._portal_main_menu = items
    return items


@register.filter
def pubdate(value, fmt="%Y-%m-%d"):
    """Format a publication time in the site's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).strftime(fmt)


@register.simple_tag
def default_locale_code():
    return Locale.get_default().language_code


@register.simple_tag
def ui(text):
    """An interface word in the active language (see portal/core/ui_text.py)."""
    return translate(text, translation.get_language())


@register.simple_tag(takes_context=True)
def language_links(context):
    """(label, url) for the other-language versions of the current page that are live."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return []

    def build():
        links = []
        for other in page.get_translations().live().select_related("locale"):
            code = other.locale.language_code
            label = "English" if code == "en" else "中文"
            links.append((label, other.url, code))
        return links

    return cached_fragment(f"languages:{page.pk}", build)


STORED_NAME = re.compile(r"\.[A-Za-z0-9]{2,5}$")


@register.simple_tag
def attachment_title(value):
    """An attachment's title for readers: the block's title, else the document's title
    without a file extension (Wagtail titles an upload after its file), never a stored
    file name."""
    title = (value.get("title") or "").strip()
    if title:
        return title
    document = value.get("document")
    title = STORED_NAME.sub("", (getattr(document, "title", "") or "").strip())
    return title or translate("附件", translation.get_language())
