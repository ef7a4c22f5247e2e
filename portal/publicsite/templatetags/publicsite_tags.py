from django import template
from django.utils.html import format_html, format_html_join

from portal.publicsite.feeds import feed_urls
from portal.publicsite.meta import page_tags

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta_tags(context):
    """The monitoring meta tags of the page being shown (portal/publicsite/meta.py) and, on a
    column, the links to its feeds."""
    page = context.get("page")
    tags = page_tags(getattr(page, "specific_deferred", page)) if page is not None else []
    html = format_html_join("\n  ", '<meta name="{}" content="{}">', tags)
    if page is not None and getattr(page, "is_column", False):
        rss, atom = feed_urls(page)
        html += format_html(
            '\n  <link rel="alternate" type="application/rss+xml" title="{0} RSS" href="{1}">'
            '\n  <link rel="alternate" type="application/atom+xml" title="{0} Atom" href="{2}">',
            page.title,
            rss,
            atom,
        )
    return html
