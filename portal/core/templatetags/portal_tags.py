"""Template tags shared by every public template."""

from django import template
from django.utils import timezone
from wagtail.models import Locale, Site

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
    root = site.root_page
    items = list(
        root.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth",
                                                   "locale_id")
    )
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
