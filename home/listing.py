"""Queries for column listings and home-page sections."""

from wagtail.models import Page

from portal.core.placement import listing_order


def column_content_types():
    from django.contrib.contenttypes.models import ContentType

    from .models import ColumnPage, HomePage, TopicPage

    return ContentType.objects.get_for_models(ColumnPage, HomePage, TopicPage).values()


def items_below(page):
    """Live items (not columns) below ``page`` in listing order (portal/core/placement.py:
    置顶, manual order, newest first), with only listing fields."""
    return listing_order(
        Page.objects.live()
        .descendant_of(page)
        .exclude(content_type__in=list(column_content_types()))
    ).only(
        "id",
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "first_published_at",
        "content_type_id",
        "locale_id",
    )
