"""Admin menu: no links to wagtail.org (English guides on another host)."""

from wagtail import hooks

#: help-menu items that open the English Wagtail guide on guide.wagtail.org
EXTERNAL_HELP_ITEMS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def drop_external_help_links(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(EXTERNAL_HELP_ITEMS)]
