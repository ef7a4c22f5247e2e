"""The admin form every page type uses."""

import secrets

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm


def generated_slug(parent=None):
    """A dated slug (e.g. ``t20261124-3fa9c1``), as portals commonly use dated item addresses;
    with ``parent``, one that no child of it uses yet."""
    while True:
        slug = f"t{timezone.localdate():%Y%m%d}-{secrets.token_hex(3)}"
        if parent is None or not parent.get_children().filter(slug=slug).exists():
            return slug


class BasePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields[
                "slug"
            ].help_text = "网址中使用的名称，只能包含字母、数字和连字符；留空则自动生成。"

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if getattr(self.instance, "dated_slug", False):
            # items keep the dated address they were given: the admin's script fills the slug
            # from the title, and a Chinese title leaves only its digits ("2026"), which the
            # next item of the year would collide with
            return self.instance.slug or generated_slug(self.parent_page)
        if slug:
            return slug
        if self.instance.slug:
            return self.instance.slug
        return generated_slug(self.parent_page)

    def full_clean(self):
        super().full_clean()
        if self._errors and not self.non_field_errors():
            # an error on another tab (e.g. 推广) is easy to miss: a non-field error makes the
            # admin's message list every field error with its label
            self._errors[NON_FIELD_ERRORS] = self.error_class(
                ["请修改下列内容后再保存（有的字段可能在其他选项卡中）："]
            )
