from django import forms
from wagtail.admin import widgets
from wagtail.models import Page


class PlacementForm(forms.Form):
    pinned_until = forms.DateField(
        label="置顶截止日期",
        required=False,
        widget=widgets.AdminDateInput,
        help_text="在此日期之前（含当天）排在栏目列表最前；留空则不置顶。",
        error_messages={"invalid": "请输入正确的日期，如 2026-12-31。"},
    )
    sort_order = forms.IntegerField(
        label="栏目内排序值",
        initial=0,
        min_value=-9999,
        max_value=9999,
        help_text="数字越大越靠前；默认 0，相同则按发布时间排列。",
        error_messages={
            "required": "请填写排序值（默认 0）。",
            "invalid": "排序值须为整数。",
            "min_value": "排序值不能小于 -9999。",
            "max_value": "排序值不能大于 9999。",
        },
    )
    headline = forms.BooleanField(label="首页头条", required=False)
    carousel = forms.BooleanField(
        label="首页轮播", required=False, help_text="需有题图的新闻才会出现在轮播中。"
    )

    def __init__(self, *args, can_feature=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_feature:
            for name in ("headline", "carousel"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "仅站点管理员和终审人员可以设置首页头条和轮播。"


class RestoreForm(forms.Form):
    parent = forms.ModelChoiceField(
        label="恢复到",
        queryset=Page.objects.all(),
        required=False,
        widget=widgets.AdminPageChooser(can_choose_root=False),
        help_text="留空则恢复到原位置；原上级页面已不存在时必须选择。",
    )
