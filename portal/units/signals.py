import contextvars
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.core.cache import bump_generation

from .models import Unit

_deferred = contextvars.ContextVar("units_provisioning_deferred", default=False)


@contextmanager
def provisioning_deferred():
    """Save units without provisioning them; the caller provisions each once afterwards
    (bootstrap_portal creates the units before the column tree their columns hang from)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


@receiver(post_save, sender=Unit, dispatch_uid="units.provision_on_save")
def provision_on_save(sender, instance, created, raw=False, **kwargs):
    if raw or _deferred.get():  # fixtures and migration imports provision explicitly
        return
    from .services import provision_unit

    provision_unit(instance)


# a unit's name is shown on its pages (来源, meta tags), which remember the unit per worker
# under the publication generation (BasePage._remember_view_facts)
post_save.connect(bump_generation, sender=Unit, dispatch_uid="units.generation_on_save")
post_delete.connect(bump_generation, sender=Unit, dispatch_uid="units.generation_on_delete")
