"""Who holds a permission. Roles are checked by permission codename, never by group name, so
renaming a group in the admin changes nothing about what its members may do."""

from django.contrib.auth import get_user_model

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def is_active_user(user):
    return bool(user and user.is_authenticated and user.is_active)


def has_permission(user, perm):
    """``perm`` is "app_label.codename"; superusers hold every permission."""
    return is_active_user(user) and user.has_perm(perm)


def users_with_permission(perm, include_superusers=True):
    """Active users holding ``perm`` through a group or directly."""
    return (
        get_user_model()
        .objects.with_perm(perm, include_superusers=include_superusers, backend=MODEL_BACKEND)
        .filter(is_active=True)
    )
