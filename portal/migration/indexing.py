"""Search and reference indexing during an import: once per object, in bulk, at the end.

Wagtail updates its search index and reference index on every save; an imported page is
saved three or four times (created, revision, publication). During an import both
auto-updates are switched off and the importer indexes every object it touched once,
at the end, inside the same transaction.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

try:
    from modelsearch import index as search_index
    from modelsearch.signal_handlers import post_save_signal_handler
except ImportError:  # pragma: no cover - older Wagtail
    from wagtail.search import index as search_index
    from wagtail.search.signal_handlers import post_save_signal_handler


class Touched:
    """The objects an import saved, by model."""

    def __init__(self):
        self.by_model = defaultdict(set)

    def add(self, obj):
        self.by_model[type(obj)].add(obj.pk)

    def __len__(self):
        return sum(len(v) for v in self.by_model.values())


@contextmanager
def deferred_indexing():
    disconnected = []
    for model in search_index.get_indexed_models():
        if post_save.disconnect(post_save_signal_handler, sender=model):
            disconnected.append(model)
    try:
        with disable_reference_index_auto_update():
            yield Touched()
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def reindex(touched, chunk=500):
    """Update the search index and the reference index for every touched object."""
    from wagtail.search.backends import get_search_backends

    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in touched.by_model.items():
        pks = sorted(pks)
        indexed = issubclass(model, search_index.Indexed) and getattr(
            model, "search_auto_update", True
        )
        for start in range(0, len(pks), chunk):
            objects = list(model.objects.filter(pk__in=pks[start : start + chunk]))
            if indexed and objects:
                for backend in backends:
                    backend.add_bulk(model, objects)
            for obj in objects:
                if ReferenceIndex.model_is_indexable(model):
                    ReferenceIndex.create_or_update_for_object(obj)
