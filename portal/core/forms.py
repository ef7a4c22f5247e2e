"""The admin form every page type uses."""

import secrets

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm


def generated_slug():
    """A readable, unique-enough slug for pages whose editor left it blank
    (e.g. ``t20261124-3fa9c1``), as portals commonly use dated item addresses."""
    return f"t{timezone.localdate():%Y%m%d}-{secrets.token_hex(3)}"


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
        if slug:
            return slug
        if self.instance.slug:
            return self.instance.slug
        return generated_slug()
