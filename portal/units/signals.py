from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Unit


@receiver(post_save, sender=Unit, dispatch_uid="units.provision_on_save")
def provision_on_save(sender, instance, created, raw=False, **kwargs):
    if raw:  # fixtures and migration imports provision explicitly
        return
    from .services import provision_unit

    provision_unit(instance)
