"""The admin in Simplified Chinese where Django's and Wagtail's catalogues do not reach.

- Strings Wagtail's zh_Hans catalogue lacks are translated in the project's own catalogue,
  ``locale/zh_Hans/LC_MESSAGES/django.po`` (LOCALE_PATHS wins over the apps' catalogues).
- Permission names are stored in the database in English when the permission is created
  ("Can add group", "Publish any page"); :func:`chinese_permission_names` (post_migrate)
  rewrites them in Chinese — permissions are always looked up by codename, never by name.
- Wagtail's default data (the "Root" page and collection, "Moderators approval") get
  Chinese names.
- A few Wagtail modules translate labels when first imported; :func:`import_translated`
  imports them with the site language active, so a management command that imported them
  with translations off cannot leave English labels behind.

See docs/foundation.md, "Admin language".
"""

import importlib

from django.conf import settings
from django.utils import translation

#: Wagtail modules with labels translated at import time (``gettext``, not ``gettext_lazy``)
EAGER_MODULES = (
    "wagtail.admin.forms.collections",
    "wagtail.images.forms",
    "wagtail.documents.forms",
)

#: models whose verbose name Django derives from the class name (English, untranslatable),
#: shown as headings of the group-permission table
VERBOSE_NAMES = {
    ("wagtailcore", "Locale"): "语言区域",
    ("wagtail_localize", "Translation"): "翻译",
}

ACTIONS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看", "choose": "选择"}
DEFAULT_NAMES = {"Root": "根目录", "Moderators approval": "审核员审批"}


def import_translated(urlconf=False):
    """Import the modules that translate labels at import time with the site language
    active. ``urlconf=True`` also imports the URLconf (and with it every admin view and
    hook module): the WSGI entry point does this at start-up, so the admin's labels do not
    depend on the language of the first request (an English visitor of the public pages)."""
    from django.apps import apps

    for (app_label, model_name), name in VERBOSE_NAMES.items():
        try:
            meta = apps.get_model(app_label, model_name)._meta
        except LookupError:
            continue
        meta.verbose_name = meta.verbose_name_plural = name
    with translation.override(settings.LANGUAGE_CODE):
        for name in EAGER_MODULES:
            importlib.import_module(name)
        if urlconf:
            from django.urls import get_resolver

            get_resolver().url_patterns  # noqa: B018  (imports every URL module)


def permission_name(permission):
    """The Chinese name of a permission (its current name if none is known)."""
    model = permission.content_type.model_class()
    action, _sep, rest = permission.codename.partition("_")
    if model is not None and action in ACTIONS and rest == model._meta.model_name:
        # a verbose name Django derived from the class name is a plain (English) str
        return f"可以{ACTIONS[action]}{translation.gettext(str(model._meta.verbose_name))}"
    return translation.gettext(permission.name)


def _last_app_with_models():
    from django.apps import apps

    return [a for a in apps.get_app_configs() if a.models_module is not None][-1].label


def chinese_permission_names(sender=None, **kwargs):
    """post_migrate: every permission named in Chinese (new ones included). Runs once per
    migrate, for the last app, when every app's permissions exist."""
    from django.contrib.auth.models import Permission
    from django.db import DEFAULT_DB_ALIAS

    if sender is not None and sender.label != _last_app_with_models():
        return
    using = kwargs.get("using", DEFAULT_DB_ALIAS)
    with translation.override(settings.LANGUAGE_CODE):
        for permission in Permission.objects.using(using).select_related("content_type"):
            name = str(permission_name(permission))[:255]
            if name != permission.name:
                Permission.objects.using(using).filter(pk=permission.pk).update(name=name)
        rename_wagtail_defaults(using)


def rename_wagtail_defaults(using):
    from wagtail.models import Collection, Page, Task, Workflow

    for english, chinese in DEFAULT_NAMES.items():
        Collection.objects.using(using).filter(depth=1, name=english).update(name=chinese)
        Page.objects.using(using).filter(depth=1, title=english).update(
            title=chinese, draft_title=chinese
        )
        Task.objects.using(using).filter(name=english).update(name=chinese)
        Workflow.objects.using(using).filter(name=english).update(name=chinese)


def yes_no_column(field_name, model):
    """A listing column showing a boolean as 是/否 (Wagtail's BooleanColumn titles its icons
    "True"/"False")."""
    from wagtail.admin.ui.tables import Column

    class YesNoColumn(Column):
        def get_value(self, instance):
            value = super().get_value(instance)
            return "" if value is None else ("是" if value else "否")

    return YesNoColumn(field_name, label=model._meta.get_field(field_name).verbose_name)
