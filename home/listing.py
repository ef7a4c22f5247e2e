"""Queries for column listings and home-page sections."""

from wagtail.models import Page


def column_content_types():
    from django.contrib.contenttypes.models import ContentType

    from .models import ColumnPage, HomePage, TopicPage

    return ContentType.objects.get_for_models(ColumnPage, HomePage, TopicPage).values()


def items_below(page):
    """Live items (not columns) below ``page``, newest first, with only listing fields."""
    return (
        Page.objects.live()
        .descendant_of(page)
        .exclude(content_type__in=list(column_content_types()))
        .order_by("-first_published_at", "-pk")
        .only(
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
    )
