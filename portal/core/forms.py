"""The admin form every page type uses."""

import secrets

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

UNIT_REFUSED = (
    "只能选择您所在的单位作为所属单位。所属单位决定由哪个单位审核、"
    "使用哪个单位的索引号并计入哪个单位的统计。"
)


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
        if "unit" in self.fields:
            self._limit_units()

    def _column_unit(self):
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None:
            return None
        parent = parent.specific
        getter = getattr(parent, "get_owner_unit", None)
        return getter() if getter else None

    def _limit_units(self):
        """所属单位: the picker offers the user's own units (plus the page's current one);
        new items default to the column's unit. Checked again in clean_unit."""
        from portal.units.services import units_for_user

        user = getattr(self, "for_user", None)
        field = self.fields["unit"]
        allowed = units_for_user(user)
        current = self.instance.unit_id
        if current:
            allowed = allowed | field.queryset.filter(pk=current)
        field.queryset = allowed.distinct()
        field.empty_label = "（沿用所在栏目的单位）"
        # a list of these units instead of the snippet chooser, which would list every unit
        field.widget = forms.Select(
            attrs={"aria-describedby": field.widget.attrs.get("aria-describedby", "")}
        )
        field.widget.choices = field.choices
        field.error_messages["invalid_choice"] = UNIT_REFUSED
        if not self.instance.pk and not self.initial.get("unit"):
            unit = self._column_unit()
            if unit is not None and allowed.filter(pk=unit.pk).exists():
                self.initial["unit"] = unit.pk

    def clean_unit(self):
        from portal.units.services import may_assign_unit

        unit = self.cleaned_data.get("unit")
        if unit is not None and unit.pk != self.instance.unit_id:
            if not may_assign_unit(getattr(self, "for_user", None), unit):
                raise ValidationError(UNIT_REFUSED)
        return unit

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
