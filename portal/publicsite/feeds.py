"""RSS 2.0 and Atom per column: the newest live items below it (DESIGN: every column can be
followed). ``/feeds/<column id>/rss.xml`` and ``/feeds/<column id>/atom.xml``, for the
columns of the requested site only (站群)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from .meta import page_description, plain_text

FEED_SIZE = 20


class ColumnFeed(Feed):
    def get_object(self, request, column_id):
        from home.models import ColumnPage
        from portal.core.sites import site_page_filter

        columns = ColumnPage.objects.live().public().filter(pk=column_id)
        site = Site.find_for_request(request)
        # a column of another site of the platform is not this site's: 404, as unknown
        columns = columns.filter(site_page_filter(site)) if site else columns.none()
        column = columns.first()
        if column is None:
            raise Http404("栏目不存在")
        self.request = request
        return column

    def title(self, column):
        site = Site.find_for_request(self.request)
        return f"{column.title} - {site.site_name}" if site and site.site_name else column.title

    def link(self, column):
        return column.get_url(request=self.request) or "/"

    def description(self, column):
        return plain_text(getattr(column, "intro", "")) or f"{column.title}最新信息"

    def items(self, column):
        from home.listing import items_below

        return list(items_below(column).public().specific()[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return page_description(item)

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


class ColumnAtomFeed(ColumnFeed):
    feed_type = Atom1Feed
    subtitle = ColumnFeed.description


def feed_urls(column):
    return [f"/feeds/{column.pk}/rss.xml", f"/feeds/{column.pk}/atom.xml"]
