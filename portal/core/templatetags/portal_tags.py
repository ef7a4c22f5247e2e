"""Template tags shared by every public template."""

import re

from django import template
from django.utils import timezone, translation
from wagtail.models import Locale, Site

from portal.core import clock
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


@register.tag("generation_cache")
def do_generation_cache(parser, token):
    """``{% generation_cache "name" value … %}…{% endgeneration_cache %}``: the enclosed
    HTML rendered once per publication generation (``cached_fragment``), for each site,
    language and combination of the given values. Only for HTML made of published pages
    (not of the request, the user or a form)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("generation_cache needs a name")
    nodelist = parser.parse(("endgeneration_cache",))
    parser.delete_first_token()
    return GenerationCacheNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class GenerationCacheNode(template.Node):
    def __init__(self, nodelist, names):
        self.nodelist = nodelist
        self.names = names

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        site = Site.find_for_request(request) if request else None
        # the day too: a 置顶 ends at midnight without a publication (portal/core/placement.py)
        parts = [str(getattr(site, "pk", "")), translation.get_language() or "", str(clock.today())]
        parts += [str(name.resolve(context)) for name in self.names]
        return cached_fragment("html:" + ":".join(parts), lambda: self.nodelist.render(context))


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
    request = context.get("request")

    def build():
        links = []
        for other in page.get_translations().live().select_related("locale"):
            code = other.locale.language_code
            label = "English" if code == "en" else "中文"
            # relative on the page's own site (a bare .url is absolute once there are several)
            links.append((label, other.get_url(request=request), code))
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
