"""Listing order and the home page's flags (置顶, 头条, 轮播, manual order), in one place.

Listing order of a column (and of anything listing items: home sections, RSS if added):
pinned items first (置顶 until ``pinned_until``, by the one clock), then the manual order value
(larger first), then publication time, newest first. The flags live in
``portal.core.models.PagePlacement``, outside the revisions."""

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce

from . import clock


def listing_order(queryset):
    """``queryset`` (of Page or a page type) in listing order."""
    return queryset.annotate(
        listing_pinned=Case(
            When(placement__pinned_until__gte=clock.today(), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        listing_manual=Coalesce("placement__sort_order", Value(0)),
    ).order_by("-listing_pinned", "-listing_manual", "-first_published_at", "-pk")


def placement_of(page):
    from .models import PagePlacement

    return PagePlacement.objects.filter(page_id=page.pk).first()
