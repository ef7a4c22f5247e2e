"""The admin form of the figures entered per site (年度报表填报项, 复议诉讼记录): the site can
only be one the user works on (站群)."""

from wagtail.admin.forms import WagtailAdminModelForm

from portal.core.sites import default_site_id, sites_for_user


class SiteScopedAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("site")
        if field is None or self.for_user is None:
            return
        sites = sites_for_user(self.for_user).order_by("-is_default_site", "pk")
        field.queryset = sites
        field.empty_label = None
        if not self.instance.pk:
            ids = list(sites.values_list("pk", flat=True))
            initial = default_site_id() if default_site_id() in ids else (ids[0] if ids else None)
            self.initial.setdefault("site", initial)
