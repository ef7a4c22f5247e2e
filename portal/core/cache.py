"""A publication generation number for caching page-derived fragments.

Any publish, unpublish, move or delete of a page bumps the generation; fragments cached under
a key that includes it (menus, language links) are therefore never stale after a publication,
in every gunicorn worker when the cache is shared (Redis), without tracking dependencies.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

GENERATION_KEY = "portal:publication-generation"
FRAGMENT_TTL = 600


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def bump_generation(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def cached_fragment(name, builder):
    key = f"portal:fragment:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, FRAGMENT_TTL)
    return value


page_published.connect(bump_generation, dispatch_uid="core.cache.published")
page_unpublished.connect(bump_generation, dispatch_uid="core.cache.unpublished")
post_page_move.connect(bump_generation, dispatch_uid="core.cache.moved")
page_slug_changed.connect(bump_generation, dispatch_uid="core.cache.slug")


# sites are remembered per worker (portal/core/routing.py)
post_save.connect(bump_generation, sender="wagtailcore.Site", dispatch_uid="core.cache.site")


@receiver(post_delete, dispatch_uid="core.cache.deleted")
def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page, Site

    if isinstance(instance, (Page, Site)):
        bump_generation()
