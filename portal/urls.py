from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.core import account, two_factor
from portal.core import views as core_views
from portal.review.urls import admin_overrides as review_admin_overrides

urlpatterns = [
    # before Wagtail's admin: the same addresses, stricter views (portal/core/account.py)
    path("admin/logout/", account.PostOnlyLogoutView.as_view()),
    path("admin/password_reset/", account.ThrottledPasswordResetView.as_view()),
    path("admin/2fa/", include(two_factor.urlpatterns)),
    *review_admin_overrides,  # 先审后发: delete/unpublish of live pages go through 撤稿
    # 站群: Wagtail's redirects and workflow admin, scoped to the person's sites
    path("admin/", include("portal.platform.admin_scope")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", core_views.health, name="health"),
    path("api/", include("portal.migration.urls")),
    path("review/", include("portal.review.urls")),
    path("stats/", include("portal.statistics.urls")),
    path("participation/", include("portal.participation.urls")),
    path("", include("portal.publicsite.urls")),  # robots.txt, sitemap.xml, 网站地图, feeds
]

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve as serve_media

    # documents are never served from /media/: only through /documents/<id>/<name>, which
    # applies collection privacy (Wagtail's serve view, WAGTAILDOCS_SERVE_METHOD)
    urlpatterns += [
        re_path(
            r"^media/(?!documents/)(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

urlpatterns += i18n_patterns(
    # /search/ and, for the English pages, /en/search/ (their own language's pages)
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "portal.core.views.bad_request"
handler404 = "portal.core.views.page_not_found"
handler500 = "portal.core.views.server_error"
