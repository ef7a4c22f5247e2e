from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import feeds, views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, name="sitemap_xml"),
    path("sitemap/", views.site_map, name="site_map"),
    path("feeds/<int:column_id>/rss.xml", feeds.ColumnFeed(), name="column_rss"),
    path("feeds/<int:column_id>/atom.xml", feeds.ColumnAtomFeed(), name="column_atom"),
]
