"""Who may publish, unpublish and delete pages (先审后发, DESIGN §6).

Every admin path — the edit view, bulk actions, the admin API's publish/unpublish/delete
actions, wagtail-localize's translation editor, "revert and publish", "publish copies" —
asks the page's permission tester before acting. The portal's tester answers "no" to
publishing and unpublishing for everybody, superusers included: the only ways a page goes live
are the workflow's last approval and the logged 强制发布 (both call Wagtail with
``skip_permission_checks``; portal/review/services.py), and a live page goes offline only
through 撤稿 with its reason and public notice. A page that is live (or has live pages below
it) cannot be deleted: withdraw it first.
"""

from wagtail.models import PagePermissionTester

DELETE_LIVE_REFUSED = (
    "不能删除已发布的页面：删除会使页面直接下线，没有撤稿原因和撤稿说明。"
    "请先使用“撤稿（需填写原因）”撤下页面，撤稿后的页面可以删除。"
)


def has_live_pages(page):
    """The page or one of its descendants is live."""
    return page.live or page.get_descendants().filter(live=True).exists()


class ReviewPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False

    def can_unpublish(self):
        return False

    def can_delete(self, ignore_bulk=False):
        if has_live_pages(self.page):
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    # administrative settings that Wagtail ties to the publish permission keep Wagtail's rule
    def can_set_view_restrictions(self):
        return super().can_publish()

    def can_unschedule(self):
        return super().can_publish()
