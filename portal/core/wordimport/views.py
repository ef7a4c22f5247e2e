"""The admin view 从 Word 导入正文 (reached from the page editor's header menu)."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from .importer import (
    MAX_BYTES,
    WordImportError,
    body_page_types,
    create_from_word,
    import_into_page,
)


class WordImportForm(forms.Form):
    file = forms.FileField(
        label="Word 文件",
        help_text=f"支持 .docx（WPS 文字请另存为 .docx），不超过 {MAX_BYTES // 1024 // 1024} MB。"
        "标题、段落、表格和图片将转为正文，Word 中的字体、颜色和缩进不保留，由网站统一排版。",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.wps"}),
        error_messages={"required": "请选择要导入的 Word 文件"},
    )
    mode = forms.ChoiceField(
        label="导入方式",
        choices=[("replace", "替换现有正文"), ("append", "追加到现有正文之后")],
        initial="replace",
        widget=forms.RadioSelect,
    )
    attach_original = forms.BooleanField(
        label="同时将原文件作为附件", required=False, help_text="附件放在正文末尾"
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_BYTES:  # refused before the file is read into memory
            raise forms.ValidationError(
                f"文件过大（{uploaded.size / 1024 / 1024:.1f} MB），"
                f"最大 {MAX_BYTES // 1024 // 1024} MB"
            )
        return uploaded


def can_import(user, page):
    page = page.specific
    return bool(getattr(page, "body_field", None)) and page.permissions_for_user(user).can_edit()


def import_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_import(request.user, page):
        raise PermissionDenied
    if page.get_lock() and page.get_lock().for_user(request.user):
        messages.error(request, "页面已被锁定，不能导入正文")
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = WordImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            result = import_into_page(
                page,
                uploaded.name,
                uploaded.read(),
                request.user,
                attach_original=form.cleaned_data["attach_original"],
                replace=form.cleaned_data["mode"] == "replace",
            )
        except WordImportError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, success_message(result))
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "wordimport/import.html", {"page": page, "form": form})


def success_message(result):
    conversion = result.conversion
    parts = [
        f"已从 Word 导入正文（{len(conversion.blocks)} 个内容块，图片 {conversion.images} 张），已保存为草稿"
    ]
    if conversion.images_without_alt:
        parts.append(f"有 {conversion.images_without_alt} 张图片缺少替代文字，请在正文中补写")
    if conversion.skipped:
        parts.append("以下内容未能导入，请在正文中另行添加：" + "、".join(conversion.skipped))
    if result.attachment is not None:
        parts.append("原文件已作为附件放在正文末尾")
    return "；".join(parts) + "。请检查后提交审核。"


# --- 从 Word 新建: a new draft in a column ----------------------------------------------------
class NewFromWordForm(WordImportForm):
    page_type = forms.ChoiceField(label="页面类型")
    title = forms.CharField(
        label="标题",
        max_length=255,
        required=False,
        help_text="留空则使用 Word 文件中“标题”样式的文字，没有时使用文件名",
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["page_type", "title", "file", "attach_original", "token"]

    def __init__(self, *args, page_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["mode"]
        self.page_types = {m._meta.label_lower: m for m in page_types}
        self.fields["page_type"].choices = [
            (key, m._meta.verbose_name) for key, m in self.page_types.items()
        ]
        self.fields["page_type"].error_messages["invalid_choice"] = "请选择有效的页面类型"
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4().hex


def new_view(request, parent_id):
    parent = get_object_or_404(Page, pk=parent_id).specific
    page_types = body_page_types(parent, request.user)
    if not page_types:
        raise PermissionDenied
    form = NewFromWordForm(request.POST or None, request.FILES or None, page_types=page_types)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            page, result = create_from_word(
                parent,
                form.page_types[form.cleaned_data["page_type"]],
                form.cleaned_data["title"].strip(),
                uploaded.name,
                uploaded.read(),
                request.user,
                attach_original=form.cleaned_data["attach_original"],
                token=form.cleaned_data["token"],
            )
        except WordImportError as error:
            form.add_error("file", str(error))
        else:
            if result is None:
                messages.info(request, "该文件已导入，请勿重复提交。")
            else:
                messages.success(request, success_message(result))
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "wordimport/new.html", {"parent": parent, "form": form})


def can_create_from_word(user, page):
    return bool(getattr(page.specific_class, "is_column", False)) and bool(
        body_page_types(page, user)
    )
