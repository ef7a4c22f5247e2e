"""Bulk actions on pages in the admin's listings (Wagtail's ``register_bulk_action``): move,
copy and 撤稿 for holders of ``desk.batch_pages``; Wagtail's bulk delete moves to the 回收站."""

from django import forms
from django.template.response import TemplateResponse
from wagtail.admin import messages, widgets
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page

from portal.review.views import WithdrawForm, can_withdraw

from . import batch, recycle


class BatchMoveBulkAction(MoveBulkAction):
    """Wagtail's bulk move, for holders of the batch permission only."""

    display_name = "移动"
    aria_label = "移动所选页面"

    def check_perm(self, page):
        return batch.can_batch(self.request.user) and super().check_perm(page)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"已移动 {num_parent_objects} 个页面。"


class CopyForm(forms.Form):
    destination = forms.ModelChoiceField(
        label="复制到",
        queryset=Page.objects.all(),
        widget=widgets.AdminPageChooser(can_choose_root=False, user_perms="copy_to"),
        error_messages={"required": "请选择复制到的栏目。"},
    )


class CopyBulkAction(PageBulkAction):
    display_name = "复制"
    action_type = "copy"
    aria_label = "复制所选页面"
    template_name = "desk/admin/confirm_bulk_copy.html"
    action_priority = 15
    form_class = CopyForm

    def check_perm(self, page):
        return batch.can_batch(self.request.user) and page.depth > 2

    def prepare_action(self, pages, pages_without_access):
        destination = self.cleaned_form.cleaned_data["destination"]
        refused = [
            p
            for p in pages
            if not p.permissions_for_user(self.request.user).can_copy_to(destination)
        ]
        if refused:
            messages.error(
                self.request,
                "以下页面不能复制到“{}”：{}".format(
                    destination.title, "、".join(f"《{p.title}》" for p in refused)
                ),
            )
            return TemplateResponse(
                self.request, self.template_name, self.get_context_data(form=self.cleaned_form)
            )

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "destination": self.cleaned_form.cleaned_data["destination"],
        }

    @classmethod
    def execute_action(cls, objects, destination=None, user=None, **kwargs):
        for page in objects:
            batch.copy_page(page, destination, user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"已复制 {num_parent_objects} 个页面，副本为草稿，需提交审核后发布。"


class WithdrawBulkAction(PageBulkAction):
    """撤稿 of several items: one reason (required), each item withdrawn on its own."""

    display_name = "撤稿"
    action_type = "withdraw"
    aria_label = "撤稿所选页面"
    template_name = "desk/admin/confirm_bulk_withdraw.html"
    action_priority = 25
    classes = {"serious"}
    form_class = WithdrawForm

    def check_perm(self, page):
        user = self.request.user
        return batch.can_batch(user) and page.live and can_withdraw(user, page)

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {
            **super().get_execution_context(),
            "reason": data["reason"],
            "public_notice": data.get("public_notice", ""),
            "request": self.request,
        }

    @classmethod
    def execute_action(cls, objects, user=None, reason="", public_notice="", request=None):
        withdrawn, failed = batch.withdraw_pages(objects, user, reason, public_notice)
        for page, message in failed:
            messages.error(request, f"《{page.title}》未撤稿：{message}")
        return len(withdrawn), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"已撤稿 {num_parent_objects} 个页面，原网址将提示信息已撤销。"


class RecycleBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete, into the 回收站."""

    display_name = "删除"
    aria_label = "删除所选页面（移入回收站）"

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        parents, children = 0, 0
        for page in objects:
            children += page.get_descendant_count()
            recycle.move_to_bin(page, user)
            parents += 1
        return parents, children

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"已将 {num_parent_objects} 个页面移入回收站，{recycle.RETENTION_DAYS} 天内可恢复。"
